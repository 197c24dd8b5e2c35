/**
 * `qcode report sample`: the participants-and-interviews paragraph of a results section —
 * cases, interviews per case and per wave, the case attributes (numeric: range, mean, sample
 * SD; categorical: counts), interview length in words and minutes — as a table and one
 * sentence.
 */
import { describe, parseNumber } from '../../core/describe-stats.js';
import { waveLabel } from '../../core/quotes.js';
import { compareFolded, compareNatural } from '../../core/sort.js';
import type { ReportView } from '../../format/report.js';
import { roundFixed, type Cell, type Column } from '../../format/table-shape.js';
import type { ReportScope } from '../report-scope.js';
import { durationNote } from './missing-metadata.js';

export interface NumericAttribute {
  kind: 'numeric';
  n: number;
  min: number;
  max: number;
  mean: number;
  /** Sample SD (n − 1); null for a single value. */
  sd: number | null;
}

export interface CategoricalAttribute {
  kind: 'categorical';
  /** Value as written → cases; largest first, then values in natural order. */
  counts: Record<string, number>;
}

export interface SampleReport {
  cases: number;
  sources: number;
  interviewsPerCase: { min: number; max: number; mean: number };
  /** Sources per wave. */
  perWave: Record<string, number>;
  attributes: Record<string, NumericAttribute | CategoricalAttribute>;
  /** Participant + interviewer words per source. */
  words: { mean: number; sd: number | null };
  /** Duration per source, over the sources with one; null when none has. */
  minutes: { n: number; mean: number; sd: number | null } | null;
  /** Sources in scope without a known duration (left out of the minutes). */
  withoutDuration: number;
  sentence: string;
}

export function sampleReport(scope: ReportScope): SampleReport {
  const perCase = new Map<string, number>(scope.cases.map((c) => [c, 0]));
  for (const s of scope.sources) perCase.set(s.case, perCase.get(s.case)! + 1);
  const counts = describe([...perCase.values()]);
  const perWave: Record<string, number> = {};
  for (const w of [...new Set(scope.sources.map((s) => s.wave))].sort(compareNatural)) perWave[w] = scope.sources.filter((s) => s.wave === w).length;
  const words = describe(scope.sources.map((s) => s.summary.participantWords + s.summary.interviewerWords));
  const mins = describe(scope.sources.flatMap((s) => (s.summary.durationSec === null ? [] : [s.summary.durationSec / 60])));
  const r: Omit<SampleReport, 'sentence'> = {
    cases: scope.cases.length,
    sources: scope.sources.length,
    interviewsPerCase: { min: counts.min!, max: counts.max!, mean: counts.mean! },
    perWave,
    attributes: describeAttributes(scope),
    words: { mean: words.mean!, sd: words.sd },
    minutes: mins.n === 0 ? null : { n: mins.n, mean: mins.mean!, sd: mins.sd },
    withoutDuration: scope.sources.length - mins.n,
  };
  return { ...r, sentence: sampleSentence(r) };
}

/** The attributes of the cases in scope: numeric when every value given parses as a number. */
function describeAttributes(scope: ReportScope): Record<string, NumericAttribute | CategoricalAttribute> {
  const values = new Map<string, string[]>();
  for (const c of scope.cases) {
    for (const [k, v] of Object.entries(scope.attributes.get(c) ?? {})) {
      if (v.trim() === '') continue;
      values.set(k, [...(values.get(k) ?? []), v.trim()]);
    }
  }
  const out: Record<string, NumericAttribute | CategoricalAttribute> = {};
  for (const name of [...values.keys()].sort(compareFolded)) {
    const vs = values.get(name)!;
    const nums = vs.map(parseNumber);
    if (nums.every((x) => x !== null)) {
      const d = describe(nums as number[]);
      out[name] = { kind: 'numeric', n: d.n, min: d.min!, max: d.max!, mean: d.mean!, sd: d.sd };
    } else {
      const tally = new Map<string, number>();
      for (const v of vs) tally.set(v, (tally.get(v) ?? 0) + 1);
      const sorted = [...tally].sort((a, b) => b[1] - a[1] || compareNatural(a[0], b[0]));
      out[name] = { kind: 'categorical', counts: Object.fromEntries(sorted) };
    }
  }
  return out;
}

const NUMBER_WORDS = ['', 'once', 'twice', 'three times', 'four times', 'five times', 'six times', 'seven times', 'eight times', 'nine times', 'ten times'];

/** `28.2`, `30`: one decimal, none when whole. */
function short(v: number): string {
  const s = roundFixed(v, 1);
  return s.endsWith('.0') ? s.slice(0, -2) : s;
}

/** `6 women` from `woman`, `2 men` from `man` (the irregular plurals of the usual values); other values as written. */
function countOf(n: number, value: string): string {
  if (n !== 1 && /^(?:wo)?man$/i.test(value)) {
    const a = value.length - 2;
    return `${n} ${value.slice(0, a)}${value[a] === 'A' ? 'E' : 'e'}${value.slice(a + 1)}`;
  }
  return `${n} ${value}`;
}

function attributeNamed(attrs: SampleReport['attributes'], names: string[]): [string, NumericAttribute | CategoricalAttribute] | undefined {
  return Object.entries(attrs).find(([k]) => names.includes(k.trim().toLowerCase()));
}

/**
 * "6 participants (4 women, 2 men) aged 22–41 (mean 28.2) were interviewed three times;
 * interviews lasted 63 min on average (SD 20)." The parenthesis from an attribute named
 * gender or sex, the ages from one named age (numeric), durations where known, else words.
 */
export function sampleSentence(r: Omit<SampleReport, 'sentence'>): string {
  let s = `${r.cases} ${r.cases === 1 ? 'participant' : 'participants'}`;
  const gender = attributeNamed(r.attributes, ['gender', 'sex']);
  if (gender !== undefined && gender[1].kind === 'categorical') {
    const parts = Object.entries(gender[1].counts).map(([v, n]) => countOf(n, v));
    const stated = Object.values(gender[1].counts).reduce((a, b) => a + b, 0);
    if (stated < r.cases) parts.push(`${r.cases - stated} not recorded`);
    s += ` (${parts.join(', ')})`;
  }
  const age = attributeNamed(r.attributes, ['age']);
  if (age !== undefined && age[1].kind === 'numeric') {
    const a = age[1];
    s += a.min === a.max ? ` aged ${short(a.min)}` : ` aged ${short(a.min)}–${short(a.max)} (mean ${short(a.mean)})`;
  }
  const verb = r.cases === 1 ? 'was' : 'were';
  const { min, max } = r.interviewsPerCase;
  s += min === max
    ? ` ${verb} interviewed ${NUMBER_WORDS[min] ?? `${min} times`}`
    : ` ${verb} interviewed ${min}–${max} times (mean ${short(r.interviewsPerCase.mean)})`;
  const m = r.minutes;
  const sd = (v: number | null): string => (v === null ? '' : ` (SD ${roundFixed(v, 0)})`);
  if (m !== null) {
    const who = m.n === r.sources ? (r.sources === 1 ? 'the interview' : 'interviews') : m.n === 1 ? 'the one interview with a known duration' : `the ${m.n} interviews with a known duration`;
    s += m.n === 1 ? `; ${who} lasted ${roundFixed(m.mean, 0)} min` : `; ${who} lasted ${roundFixed(m.mean, 0)} min on average${sd(m.sd)}`;
  } else if (r.sources > 1) {
    s += `; interviews had ${roundFixed(r.words.mean, 0)} words on average${sd(r.words.sd)}`;
  } else {
    s += `; the interview had ${roundFixed(r.words.mean, 0)} words`;
  }
  return `${s}.`;
}

/** The sample as a table of measures (means and SDs rounded to one decimal) and the sentence as prose. */
export function sampleView(r: SampleReport): ReportView {
  const columns: Column[] = [
    { key: 'measure', header: 'measure' },
    { key: 'n', header: 'n', align: 'right' },
    { key: 'min', header: 'min', align: 'right' },
    { key: 'max', header: 'max', align: 'right' },
    { key: 'mean', header: 'mean', align: 'right', decimals: 1 },
    { key: 'sd', header: 'SD', align: 'right', decimals: 1 },
    { key: 'values', header: 'values', wrap: true },
  ];
  const rows: Record<string, Cell>[] = [
    { measure: 'cases', n: r.cases },
    { measure: 'sources', n: r.sources },
    { measure: 'interviews per case', n: r.cases, ...r.interviewsPerCase },
    ...Object.entries(r.perWave).map(([w, n]) => ({ measure: `sources in wave ${waveLabel(w)}`, n })),
  ];
  for (const [name, a] of Object.entries(r.attributes)) {
    if (a.kind === 'numeric') rows.push({ measure: name, n: a.n, min: a.min, max: a.max, mean: a.mean, sd: a.sd });
    else rows.push({ measure: name, n: Object.values(a.counts).reduce((x, y) => x + y, 0), values: Object.entries(a.counts).map(([v, n]) => `${v} ${n}`).join(', ') });
  }
  rows.push({ measure: 'words per interview', n: r.sources, mean: r.words.mean, sd: r.words.sd });
  rows.push({ measure: 'minutes per interview', n: r.minutes?.n ?? 0, mean: r.minutes?.mean ?? null, sd: r.minutes?.sd ?? null });
  return {
    title: 'Participants and interviews',
    data: r,
    tables: [{ table: { columns, rows } }],
    paragraphs: [r.sentence, ...[durationNote(r.withoutDuration, r.sources)].filter((x): x is string => x !== null)],
  };
}
