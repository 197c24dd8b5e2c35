/**
 * The text view of `qcode show`: line numbers in a right-aligned margin, optionally the
 * turn number at the start of each turn, coding stripes, and long lines wrapped under
 * the text.
 */
import type { ChalkInstance } from 'chalk';
import type { ShownSource } from '../core/model.js';
import { wrap } from './text-table.js';

export interface ShowViewOptions {
  turns: boolean;
  /** Coding stripes: a column per code (`bars`), code names after each line (`names`), or none. */
  stripes: 'bars' | 'names' | 'none';
  /** Wrap width; undefined: no wrapping. */
  width?: number | undefined;
  /** Colours speakers and stripes when given. */
  chalk?: ChalkInstance | undefined;
}

const MARKS = '123456789abcdefghijklmnopqrstuvwxyz';

export function renderShownSource(shown: ShownSource, o: ShowViewOptions): string {
  const numWidth = String(shown.lines[shown.lines.length - 1]?.line ?? 1).length;
  const turnWidth = o.turns ? Math.max(2, String(Math.max(0, ...shown.lines.map((l) => l.turn ?? 0))).length + 1) : 0;
  const bars = o.stripes === 'bars' && shown.stripes.length > 0;
  const stripeWidth = bars ? shown.stripes.length + 1 : 0;
  const margin = numWidth + 2 + (o.turns ? turnWidth + 2 : 0) + stripeWidth;
  const out: string[] = [];
  for (const l of shown.lines) {
    let prefix = String(l.line).padStart(numWidth) + '  ';
    if (o.turns) prefix += (l.turnStart ? `T${l.turn}` : '').padEnd(turnWidth) + '  ';
    if (bars) prefix += shown.stripes.map((s, i) => (l.codes.includes(s.code) ? mark(i, s.color, o.chalk) : ' ')).join('') + ' ';
    const chunks = o.width === undefined || l.text.length === 0 ? [l.text] : wrap(l.text, Math.max(10, o.width - margin));
    chunks.forEach((chunk, i) => {
      let text = chunk;
      if (i === 0 && o.chalk !== undefined && l.labelLength > 0) {
        const cps = [...chunk];
        const paint = l.role === 'interviewer' ? o.chalk.cyan : o.chalk.yellow;
        text = paint.bold(cps.slice(0, l.labelLength).join('')) + cps.slice(l.labelLength).join('');
      }
      if (i === chunks.length - 1 && o.stripes === 'names' && l.codes.length > 0) {
        const names = `‹${l.codes.join(', ')}›`;
        text += `  ${o.chalk === undefined ? names : o.chalk.dim(names)}`;
      }
      const lead = i === 0 ? prefix : ' '.repeat(margin);
      out.push(lead + text);
    });
  }
  if (bars) out.push('', `stripes: ${shown.stripes.map((s, i) => `${mark(i, s.color, o.chalk)} ${s.code}`).join(' · ')}`);
  return out.map((s) => s.trimEnd()).join('\n') + '\n';
}

/** A stripe cell: a coloured bar on a terminal, else the stripe's number or letter. */
function mark(i: number, color: string | null, chalk: ChalkInstance | undefined): string {
  const ch = MARKS[i] ?? '*';
  if (chalk === undefined) return ch;
  return color === null ? chalk.inverse(ch) : chalk.bgHex(color).hex(color)(ch);
}
