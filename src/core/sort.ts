/**
 * Deterministic orderings. Natural order puts `P2` before `P10`; ties fall back to code
 * point order so that the result never depends on the machine's locale.
 */
// Created on first use: building a collator loads ICU data (~8 ms), which `qcode tag` need not pay.
let collator: Intl.Collator | undefined;

export function compareNatural(a: string, b: string): number {
  collator ??= new Intl.Collator('en', { numeric: true, sensitivity: 'base' });
  return collator.compare(a, b) || (a < b ? -1 : a > b ? 1 : 0);
}

/** Case-folded code-point order (DESIGN.md: ties keep the alphabetical order of names). */
export function compareFolded(a: string, b: string): number {
  const fa = a.toLowerCase();
  const fb = b.toLowerCase();
  if (fa !== fb) return fa < fb ? -1 : 1;
  return a < b ? -1 : a > b ? 1 : 0;
}
