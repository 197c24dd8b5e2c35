import { finiteOrNull } from './coefficient.js';

/** How two coders, A and B, coded one code over the same units (characters, lines, turns…). */
export interface Counts2x2 {
  /** Units both coded with the code. */
  both: number;
  /** Units only A coded. */
  onlyA: number;
  /** Units only B coded. */
  onlyB: number;
  /** Units neither coded. */
  neither: number;
}

export interface Agreement2x2 {
  units: number;
  /** (both + neither) / units × 100, NVivo's "percentage agreement". */
  agreementPct: number | null;
  /** Cohen's kappa of [[both, onlyA], [onlyB, neither]]. */
  kappa: number | null;
  /** Krippendorff's nominal alpha for two coders with no missing values. */
  alpha: number | null;
  agreementReason?: string;
  kappaReason?: string;
  alphaReason?: string;
}

/**
 * Agreement of two coders on one code, unit by unit (the coding comparison of NVivo's help,
 * "Run a Coding Comparison query": percentage agreement and Cohen's kappa, here with
 * Krippendorff's alpha beside them).
 *
 * kappa: Cohen (1960) on the 2×2 table [[both, onlyA], [onlyB, neither]] (row 0: A coded it).
 * It is null only when chance agreement is 1: both coders coded every unit, or neither coded any.
 * When only one coder coded anything, p_e = p_o (= the share of units neither coded), so kappa is
 * 0, not null: the coders agree no more than chance would have them.
 *
 * alpha: Krippendorff (2011) nominal alpha in closed form for two coders and N units. The
 * coincidence matrix is o_11 = 2·both, o_00 = 2·neither, o_01 = o_10 = onlyA + onlyB, so
 * n = 2N, n_1 = 2·both + onlyA + onlyB, n_0 = 2·neither + onlyA + onlyB and
 * α = 1 − (n − 1) o_01 / (n_1 n_0). Null when n_1 n_0 = 0 (no variation: every unit coded by
 * both, or by neither). Its small-sample term (n − 1) makes it slightly negative where kappa is
 * 0 (e.g. both 0, onlyA 5, onlyB 0, neither 95: α = 1 − 199·5/(5·195) = −4/195).
 *
 * units = 0: everything is null with a reason.
 */
const CELLS = ['both', 'onlyA', 'onlyB', 'neither'] as const;

/**
 * Cohen's kappa of [[both, onlyA], [onlyB, neither]], or null when chance agreement is 1: the
 * unweighted case of cohen.ts's cohenKappa with its sums taken in the same order, so the value
 * is the same to the last bit (test/core/stats/binary-2x2.test.ts compares them), without building a
 * k×k table and its weights (an agreement report makes one per code and source: ~25,000 at
 * 100,000 codings).
 */
export function kappa2x2(both: number, onlyA: number, onlyB: number, neither: number): number | null {
  const row0 = both + onlyA;
  const row1 = onlyB + neither;
  const column0 = both + onlyB;
  const column1 = onlyA + neither;
  const total = row0 + row1;
  const observed = onlyA + onlyB; // Σ v_ij n_ij, v = 1 off the diagonal
  const expected = row0 * column1 + row1 * column0; // Σ v_ij r_i c_j
  if (total === 0 || expected === 0) return null;
  return finiteOrNull(1 - (total * observed) / expected);
}

export function agreement2x2(counts: Counts2x2): Agreement2x2 {
  const { both, onlyA, onlyB, neither } = counts;
  for (const name of CELLS) {
    const x = counts[name];
    if (!Number.isFinite(x) || x < 0) throw new RangeError(`agreement2x2: ${name} must be a finite number ≥ 0 (got ${String(x)})`);
  }
  const units = both + onlyA + onlyB + neither;
  if (units === 0) {
    const reason = 'no units to compare';
    return { units, agreementPct: null, kappa: null, alpha: null, agreementReason: reason, kappaReason: reason, alphaReason: reason };
  }
  const out: Agreement2x2 = {
    units,
    agreementPct: percent2x2(both, onlyA, onlyB, neither),
    kappa: null,
    alpha: null,
  };
  // Chance agreement is 1, and alpha's n_1·n_0 is 0, exactly when every unit is "both" or every
  // unit is "neither".
  const uniform = both === units ? 'both coders coded every unit' : 'neither coder coded any unit';

  const kappa = kappa2x2(both, onlyA, onlyB, neither);
  if (kappa === null) out.kappaReason = `chance agreement is 1: ${uniform}; kappa is undefined`;
  else out.kappa = kappa;

  const alpha = alpha2x2(both, onlyA, onlyB, neither);
  if (alpha === null) out.alphaReason = `no variation: ${uniform}; alpha is undefined`;
  else out.alpha = alpha;
  return out;
}

/**
 * agreement2x2's agreementPct without its object (a report fills columns of figures): null when
 * there are no units.
 */
export function percent2x2(both: number, onlyA: number, onlyB: number, neither: number): number | null {
  const units = both + onlyA + onlyB + neither;
  return units === 0 ? null : finiteOrNull(((both + neither) / units) * 100);
}

/**
 * agreement2x2's alpha without its object: null when n_1·n_0 = 0 (no variation, or no units).
 */
export function alpha2x2(both: number, onlyA: number, onlyB: number, neither: number): number | null {
  const units = both + onlyA + onlyB + neither;
  const disagreements = onlyA + onlyB;
  const coded = 2 * both + disagreements; // n_1
  const uncoded = 2 * neither + disagreements; // n_0
  if (coded * uncoded === 0) return null;
  return finiteOrNull(1 - ((2 * units - 1) * disagreements) / (coded * uncoded));
}
