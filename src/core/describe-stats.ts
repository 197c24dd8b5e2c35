/**
 * Descriptive statistics for a sample description: mean, sample standard deviation
 * (n − 1 in the denominator, Bessel's correction, as methods sections report it) and range.
 * Undefined results are null: no mean of nothing, no SD of fewer than two values.
 */

export interface Described {
  n: number;
  min: number | null;
  max: number | null;
  mean: number | null;
  sd: number | null;
}

export function mean(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  let sum = 0;
  for (const v of values) sum += v;
  return sum / values.length;
}

/** s = √(Σ(x − x̄)² ÷ (n − 1)); two passes, which is exact enough for sample sizes. */
export function sampleSd(values: readonly number[]): number | null {
  if (values.length < 2) return null;
  const m = mean(values)!;
  let ss = 0;
  for (const v of values) ss += (v - m) ** 2;
  return Math.sqrt(ss / (values.length - 1));
}

export function describe(values: readonly number[]): Described {
  // reduce, not Math.min(...values): spreading a long array overflows the stack.
  return {
    n: values.length,
    min: values.length === 0 ? null : values.reduce((a, b) => Math.min(a, b)),
    max: values.length === 0 ? null : values.reduce((a, b) => Math.max(a, b)),
    mean: mean(values),
    sd: sampleSd(values),
  };
}

/** A number as a person writes it in a table cell or a CSV: `41`, `-2.5`, `1e3`; not `` or `12 years`. */
export function parseNumber(text: string): number | null {
  const t = text.trim();
  if (!/^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/.test(t)) return null;
  const v = Number(t);
  return Number.isFinite(v) ? v : null;
}
