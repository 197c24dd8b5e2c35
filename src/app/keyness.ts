/**
 * `qcode words --by wave|case|source|attr:NAME`: for each group of sources, the keyness of
 * every word for the group against the rest of the scope (DESIGN.md, "Text queries";
 * formulas in core/keyness.ts).
 */
import { UsageError } from '../core/errors.js';
import { signedG2, logRatio } from '../core/keyness.js';
import { compareFolded, compareNatural } from '../core/sort.js';
import type { AppContext } from './context.js';
import { withProject } from './project.js';
import { rememberLanguage } from './text-scope.js';
import type { ReportScope } from './report-scope.js';
import { prepareWords, type WordsRequest, type WordsScope } from './words.js';

export interface KeynessRequest extends WordsRequest {
  by: string;
  /** Hide rows whose |G²| is below this (3.84: p < 0.05 at one degree of freedom). */
  minG2?: number;
}

export interface KeynessRow {
  word: string;
  /** a: the word's count in the group. */
  count: number;
  /** b: its count in the rest of the scope. */
  rest: number;
  g2: number;
  logRatio: number;
}

export interface KeynessGroup {
  group: string;
  /** c: all words counted in the group. */
  words: number;
  rows: KeynessRow[];
}

export interface KeynessResult {
  scope: WordsScope & { by: string; minG2: number | null };
  groups: KeynessGroup[];
}

const NONE = '(none)';

/** The group label of every source in scope, and the labels in natural order (`(none)` last). */
export function groupsOf(scope: ReportScope, by: string): { labels: string[]; of: number[] } {
  let label: (i: number) => string;
  if (by === 'wave') label = (i) => scope.sources[i]!.wave;
  else if (by === 'case') label = (i) => scope.sources[i]!.case;
  else if (by === 'source') label = (i) => scope.sources[i]!.id;
  else if (by.startsWith('attr:') && by.length > 5) {
    const wanted = by.slice(5);
    const names = [...new Set([...scope.attributes.values()].flatMap((a) => Object.keys(a)))].sort();
    const name = names.find((n) => n === wanted) ?? names.find((n) => n.toLowerCase() === wanted.toLowerCase());
    if (name === undefined) throw new UsageError(`--by ${by}: no case attribute "${wanted}"`, { hint: names.length > 0 ? `attributes: ${names.join(', ')}` : 'no case has attributes yet; see qcode cases import' });
    label = (i) => scope.sources[i]!.attributes[name] || NONE;
  } else throw new UsageError(`--by ${by}: give wave, case, source or attr:NAME`);
  const all = scope.sources.map((_, i) => label(i));
  const labels = [...new Set(all)].sort((a, b) => (a === NONE ? 1 : b === NONE ? -1 : compareNatural(a, b)));
  if (labels.length < 2) throw new UsageError(`--by ${by}: the scope holds one group (${labels[0]}); keyness compares a group with the rest`, { hint: 'widen the filters or group by something else' });
  const index = new Map(labels.map((l, i) => [l, i]));
  return { labels, of: all.map((l) => index.get(l)!) };
}

export function keyness(ctx: AppContext, req: KeynessRequest): KeynessResult {
  const top = req.top ?? 50;
  const minG2 = req.minG2 ?? null;
  if (minG2 !== null && !(Number.isFinite(minG2) && minG2 >= 0)) throw new UsageError(`--min-g2 ${minG2}: give a number of at least 0, e.g. 3.84`);
  return withProject(ctx, (p) => {
    const w = prepareWords(ctx, p, req);
    const { labels, of } = groupsOf(w.scope, req.by);
    const tally = w.tally((i) => of[i]!);
    const all = tally.rows();
    const total = tally.total;
    const groups = labels.map((group, g): KeynessGroup => {
      const c = tally.groupTotals.get(g) ?? 0;
      const d = total - c;
      const row = (word: string, a: number, n: number): KeynessRow => ({ word, count: a, rest: n - a, g2: signedG2(a, n - a, c, d), logRatio: logRatio(a, n - a, c, d) });
      const order = (x: KeynessRow, y: KeynessRow): number => y.g2 - x.g2 || compareFolded(x.word, y.word);
      const keep = (r: KeynessRow): boolean => minG2 === null || Math.abs(r.g2) >= minG2;
      let rows = all.filter((t) => (t.groups!.get(g) ?? 0) > 0).map((t) => row(t.word, t.groups!.get(g)!, t.count)).filter(keep).sort(order);
      // Words the group never used have a negative G²: they can only enter the top N after
      // the group's own words run out or turn negative.
      if (top === 0 || rows.length < top || rows[top - 1]!.g2 < 0) {
        const unused = all.filter((t) => !t.groups!.has(g)).map((t) => row(t.word, 0, t.count)).filter(keep);
        rows = [...rows, ...unused].sort(order);
      }
      return { group, words: c, rows: top === 0 ? rows : rows.slice(0, top) };
    });
    rememberLanguage(p, req.language);
    return { scope: { ...w.info, words: total, by: req.by, minG2 }, groups };
  });
}
