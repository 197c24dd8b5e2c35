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

/**
 * A key of `s` for the quick path's strings: comparing two keys by code units, ties broken
 * by comparing the strings themselves, gives compareNatural's order. Each character becomes
 * its weight, each run of digits a mark, its length without leading zeros, then those
 * digits. null for a string the collator must order (another character, a longer run).
 */
export function naturalKey(s: string): string | null {
  let key = '';
  for (let i = 0; i < s.length; ) {
    const c = s.charCodeAt(i);
    const w = c < 128 ? WEIGHT[c]! : -1;
    if (w < 0) return null;
    if (w !== DIGIT) {
      key += String.fromCharCode(w);
      i++;
      continue;
    }
    let e = i;
    while (e < s.length && WEIGHT[s.charCodeAt(e)] === DIGIT) e++;
    if (e - i > MAX_RUN) return null;
    while (i < e - 1 && s.charCodeAt(i) === 0x30) i++;
    key += String.fromCharCode(DIGIT, e - i) + s.slice(i, e);
    i = e;
  }
  return key;
}

/**
 * Per string of `values`, its rank in compareNatural's order among the distinct values (equal
 * strings share a rank): sorting by rank is sorting by compareNatural, with each value's
 * key made once rather than at every comparison.
 */
export function naturalRanks(values: readonly string[]): Int32Array {
  const distinct = sortNatural([...new Set(values)]);
  const rank = new Map<string, number>();
  distinct.forEach((v, k) => rank.set(v, k));
  return Int32Array.from(values, (v) => rank.get(v)!);
}

/** `values` sorted in place by compareNatural, through their keys when all have one. */
export function sortNatural(values: string[]): string[] {
  const keys = values.map(naturalKey);
  if (keys.some((k) => k === null)) return values.sort(compareNatural);
  const order = values.map((_, i) => i).sort((i, j) => {
    const a = keys[i]!;
    const b = keys[j]!;
    if (a !== b) return a < b ? -1 : 1;
    return values[i]! < values[j]! ? -1 : values[i]! > values[j]! ? 1 : 0;
  });
  const sorted = order.map((i) => values[i]!);
  for (let i = 0; i < sorted.length; i++) values[i] = sorted[i]!;
  return values;
}

/** Case-folded code-point order (DESIGN.md: ties keep the alphabetical order of names). */
export function compareFolded(a: string, b: string): number {
  const fa = a.toLowerCase();
  const fb = b.toLowerCase();
  if (fa !== fb) return fa < fb ? -1 : 1;
  return a < b ? -1 : a > b ? 1 : 0;
}
