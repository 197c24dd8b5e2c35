/**
 * Keyness of a word for a group against the rest of the scope (DESIGN.md, "Text queries").
 * a, b: the word's counts in the group and in the rest; c, d: all words counted there.
 */

/**
 * Log-likelihood G² = 2·(a·ln(a/E1) + b·ln(b/E2)), E1 = c·(a+b)/(c+d), E2 = d·(a+b)/(c+d),
 * with 0·ln 0 = 0 (Rayson & Garside 2000, "Comparing corpora using frequency profiling",
 * WCC workshop, ACL), signed + when a/c > b/d (the word is over-used in the group), − otherwise.
 */
export function signedG2(a: number, b: number, c: number, d: number): number {
  const e1 = (c * (a + b)) / (c + d);
  const e2 = (d * (a + b)) / (c + d);
  const g2 = 2 * ((a > 0 ? a * Math.log(a / e1) : 0) + (b > 0 ? b * Math.log(b / e2) : 0));
  // Rounding can leave −1e−15 for a word used evenly; G² is never negative.
  const magnitude = Math.max(0, g2);
  return a * d > b * c || magnitude === 0 ? magnitude : -magnitude;
}

/**
 * Log ratio = log2((a′/c) / (b′/d)), a′ = a or 0.5 when a = 0, b′ likewise (Hardie 2014,
 * "Log Ratio — an informal introduction", CASS): each doubling of relative frequency is 1.
 */
export function logRatio(a: number, b: number, c: number, d: number): number {
  const a1 = a === 0 ? 0.5 : a;
  const b1 = b === 0 ? 0.5 : b;
  return Math.log2((a1 / c) / (b1 / d));
}
