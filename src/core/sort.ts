/**
 * Deterministic orderings. Natural order puts `P2` before `P10`; ties fall back to code
 * point order so that the result never depends on the machine's locale.
 */
// Created on first use: building a collator loads ICU data (~8 ms), which `qcode tag` need not pay.
let collator: Intl.Collator | undefined;

export function compareNatural(a: string, b: string): number {
  const quick = primaryOrder(a, b);
  if (quick !== null) return quick || (a < b ? -1 : a > b ? 1 : 0);
  return compareCollated(a, b);
}

/** compareNatural through the collator alone: the reference the quick path agrees with. */
export function compareCollated(a: string, b: string): number {
  collator ??= new Intl.Collator('en', { numeric: true, sensitivity: 'base' });
  return collator.compare(a, b) || (a < b ? -1 : a > b ? 1 : 0);
}

/**
 * Primary weights (the collator's order, case ignored) of the characters the quick path
 * knows — space, `_`, `-`, `.`, then digits, then letters (CLDR root order) — or -1.
 */
const WEIGHT = new Int8Array(128).fill(-1);
WEIGHT[0x20] = 1;
WEIGHT[0x5f] = 2;
WEIGHT[0x2d] = 3;
WEIGHT[0x2e] = 4;
for (let c = 0x30; c <= 0x39; c++) WEIGHT[c] = 10;
for (let k = 0; k < 26; k++) WEIGHT[0x41 + k] = WEIGHT[0x61 + k] = 20 + k;
const DIGIT = 10;
/** Longer digit runs go to the collator (ICU compares at most 254 digits as one number). */
const MAX_RUN = 100;

/**
 * The collator's answer (numeric, base sensitivity) without building it, for names made of
 * ASCII letters, digits, space, `_`, `-` and `.` — source, case and wave names nearly
 * always are. null when either string has another character: the collator decides.
 */
function primaryOrder(a: string, b: string): number | null {
  let i = 0;
  let j = 0;
  let result = 0;
  while (i < a.length && j < b.length) {
    const ca = a.charCodeAt(i);
    const cb = b.charCodeAt(j);
    const wa = ca < 128 ? WEIGHT[ca]! : -1;
    const wb = cb < 128 ? WEIGHT[cb]! : -1;
    if (wa < 0 || wb < 0) return null;
    if (wa === DIGIT && wb === DIGIT) {
      // Numbers compare by value: leading zeros dropped, then length, then digits.
      let ea = i;
      while (ea < a.length && WEIGHT[a.charCodeAt(ea)] === DIGIT) ea++;
      let eb = j;
      while (eb < b.length && WEIGHT[b.charCodeAt(eb)] === DIGIT) eb++;
      if (ea - i > MAX_RUN || eb - j > MAX_RUN) return null;
      while (i < ea - 1 && a.charCodeAt(i) === 0x30) i++;
      while (j < eb - 1 && b.charCodeAt(j) === 0x30) j++;
      if (result === 0 && ea - i !== eb - j) result = ea - i < eb - j ? -1 : 1;
      for (; result === 0 && i < ea; i++, j++) {
        const d = a.charCodeAt(i) - b.charCodeAt(j);
        if (d !== 0) result = d < 0 ? -1 : 1;
      }
      if (result !== 0) return checkRest(a, b, result);
      i = ea;
      j = eb;
      continue;
    }
    if (wa !== wb) return checkRest(a, b, wa < wb ? -1 : 1);
    i++;
    j++;
  }
  if (!known(a, i) || !known(b, j)) return null;
  return i < a.length ? 1 : j < b.length ? -1 : 0;
}

/** `result`, once the rest of both strings is known to be of the quick path's characters. */
function checkRest(a: string, b: string, result: number): number | null {
  return known(a, 0) && known(b, 0) ? result : null;
}

function known(s: string, from: number): boolean {
  for (let k = from; k < s.length; k++) {
    const c = s.charCodeAt(k);
    if (c >= 128 || WEIGHT[c]! < 0) return false;
  }
  return true;
}

/** Case-folded code-point order (DESIGN.md: ties keep the alphabetical order of names). */
export function compareFolded(a: string, b: string): number {
  const fa = a.toLowerCase();
  const fb = b.toLowerCase();
  if (fa !== fb) return fa < fb ? -1 : 1;
  return a < b ? -1 : a > b ? 1 : 0;
}
