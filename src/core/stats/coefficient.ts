/**
 * The shape every agreement statistic returns. An undefined coefficient (one coder, no variation,
 * chance agreement of 1) is `null` with a `reason`, never NaN: a report can print the reason, and
 * `JSON.stringify` keeps the null (it would turn NaN into null silently, losing the why).
 */
export interface Coefficient {
  /** The coefficient, or null when it is undefined for these data. */
  value: number | null;
  /** Why `value` is null; absent when it is a number. */
  reason?: string;
}

/** A finite number, or null: the one guard against NaN/Infinity leaking out of a division. */
export function finiteOrNull(x: number): number | null {
  return Number.isFinite(x) ? x : null;
}
