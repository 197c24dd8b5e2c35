/**
 * Thematic saturation as Guest, Namey & Chen define it: G. Guest, E. Namey, M. Chen (2020),
 * "A simple method to assess and report thematic saturation in qualitative research",
 * PLoS ONE 15(5): e0232076, https://doi.org/10.1371/journal.pone.0232076.
 *
 *   base size        the first `base` interviews; the base is the number of unique codes
 *                    (themes) found in them, the denominator of every run
 *   run length       `run` consecutive interviews after the base, in which new information is
 *                    counted; runs roll one interview at a time: base+1…base+run,
 *                    base+2…base+run+1, … up to the last interview
 *   new information  codes first seen in the run (seen in no earlier interview, base or not)
 *                    ÷ the base × 100
 *   threshold        saturation is reached at the first run whose new information is ≤ the
 *                    threshold (their "≤5%"; 0% is their stricter level)
 *
 * Their worked example: 37 codes in a base of 4 interviews; the first run of 2 (interviews
 * 5–6) brings 7 new codes, 7/37 = 19%; a later run 4 new (11%), still above 5%; a run with
 * one new code, 1/37 = 3%, is ≤ 5%: saturation. They report the point as "N+run" — N
 * interviews, confirmed by a run bringing no more than the threshold — e.g. "6+2"; qcode
 * reports the last interview of that run (N + run) and the notation beside it.
 *
 * A base without codes makes every percentage undefined (null); fewer interviews than base +
 * run leave saturation unassessed.
 */

export interface SaturationParams {
  /** Interviews in the base (their default: 4). */
  base: number;
  /** Interviews in a run (their default: 2). */
  run: number;
  /** New information in %, at or below which a run shows saturation (their default: 5). */
  threshold: number;
}

export const GUEST_DEFAULTS: SaturationParams = { base: 4, run: 2, threshold: 5 };

export interface SaturationRun {
  /** First and last interview of the run, 1-based. */
  from: number;
  to: number;
  /** Codes first seen in the run. */
  new: number;
  /** new ÷ base codes × 100; null when the base has no codes. */
  pct: number | null;
}

export type SaturationOutcome = 'reached' | 'not-reached' | 'too-few-interviews' | 'empty-base';

export interface SaturationAssessment {
  /** Unique codes in the first `base` interviews. */
  baseCodes: number;
  /** Codes first seen in each interview, and their running total. */
  cumulative: number[];
  runs: SaturationRun[];
  outcome: SaturationOutcome;
  /** The saturating run (the first at or below the threshold), or null. */
  at: SaturationRun | null;
}

/**
 * The codes first seen in each interview, in order: a code counts in the first interview
 * where it occurs, whatever order the coding was done in. With `all`, the number of codes
 * there are, the interviews after the one where the last of them is seen are not looked at.
 */
export function firstSeen<T>(interviews: readonly Iterable<T>[], all = Infinity): T[][] {
  const seen = new Set<T>();
  return interviews.map((codes) => {
    const fresh: T[] = [];
    if (seen.size >= all) return fresh;
    for (const c of codes) {
      if (!seen.has(c)) {
        seen.add(c);
        fresh.push(c);
      }
    }
    return fresh;
  });
}

/** Guest et al.'s assessment from the number of codes first seen in each interview. */
export function assessSaturation(newPerInterview: readonly number[], p: SaturationParams): SaturationAssessment {
  const cumulative: number[] = [];
  let total = 0;
  for (const n of newPerInterview) cumulative.push((total += n));
  const n = newPerInterview.length;
  const baseCodes = n === 0 ? 0 : cumulative[Math.min(p.base, n) - 1]!;
  const runs: SaturationRun[] = [];
  for (let from = p.base + 1; from + p.run - 1 <= n; from++) {
    const to = from + p.run - 1;
    const fresh = cumulative[to - 1]! - (from >= 2 ? cumulative[from - 2]! : 0);
    runs.push({ from, to, new: fresh, pct: baseCodes === 0 ? null : (fresh * 100) / baseCodes });
  }
  if (runs.length === 0) return { baseCodes, cumulative, runs, outcome: 'too-few-interviews', at: null };
  if (baseCodes === 0) return { baseCodes, cumulative, runs, outcome: 'empty-base', at: null };
  // new × 100 ≤ threshold × base: the comparison in integers for whole thresholds, so that
  // 1 of 20 codes is exactly 5% and saturates at ≤ 5%.
  const at = runs.find((r) => r.new * 100 <= p.threshold * baseCodes) ?? null;
  return { baseCodes, cumulative, runs, outcome: at === null ? 'not-reached' : 'reached', at };
}

/** Guest et al.'s notation of a saturating run: interviews before it + run length, "6+2". */
export function saturationNotation(run: SaturationRun): string {
  return `${run.from - 1}+${run.to - run.from + 1}`;
}
