/**
 * The text view of `qcode show`: line numbers in a right-aligned margin, optionally the
 * turn number and speaker at the start of each turn, long lines wrapped under the text.
 */
import type { ChalkInstance } from 'chalk';
import type { ShownSource } from '../core/model.js';
import { wrap } from './text-table.js';

export interface ShowViewOptions {
  turns: boolean;
  /** Wrap width; undefined: no wrapping. */
  width?: number | undefined;
  /** Colours speakers when given. */
  chalk?: ChalkInstance | undefined;
}

export function renderShownSource(shown: ShownSource, o: ShowViewOptions): string {
  const numWidth = String(shown.lines[shown.lines.length - 1]?.line ?? 1).length;
  const turnWidth = o.turns ? Math.max(2, String(Math.max(0, ...shown.lines.map((l) => l.turn ?? 0))).length + 1) : 0;
  const margin = numWidth + 2 + (o.turns ? turnWidth + 2 : 0);
  const out: string[] = [];
  for (const l of shown.lines) {
    let prefix = String(l.line).padStart(numWidth) + '  ';
    if (o.turns) prefix += (l.turnStart ? `T${l.turn}` : '').padEnd(turnWidth) + '  ';
    const chunks = o.width === undefined ? [l.text] : wrapLine(l.text, Math.max(10, o.width - margin));
    chunks.forEach((chunk, i) => {
      let text = chunk;
      if (i === 0 && o.chalk !== undefined && l.labelLength > 0) {
        const cps = [...chunk];
        const label = cps.slice(0, l.labelLength).join('');
        const paint = l.role === 'interviewer' ? o.chalk.cyan : o.chalk.yellow;
        text = paint.bold(label) + cps.slice(l.labelLength).join('');
      }
      out.push((i === 0 ? prefix : ' '.repeat(margin)) + text);
    });
  }
  return out.map((s) => s.trimEnd()).join('\n') + '\n';
}

function wrapLine(text: string, width: number): string[] {
  if (text.length === 0) return [''];
  return wrap(text, width);
}
