/**
 * Text → LaTeX that pdflatex compiles with `\usepackage[T1]{fontenc}` and its default UTF-8
 * input: specials escaped, characters that input encoding knows left as they are, the rest
 * mapped to commands (`≤` → `\ensuremath{\leq}`, `ṭ` → `\d{t}`), emoji to `[emoji]`, and
 * anything else to `[U+XXXX]`, so transcript text can never stop the build.
 */

// `[` and `]` are braced because a row that starts with `[` right after `\\` would be read
// as the optional spacing argument of `\\` (pandoc does the same).
const SPECIALS: Record<string, string> = {
  '\\': '\\textbackslash{}', '&': '\\&', '%': '\\%', $: '\\$', '#': '\\#', _: '\\_', '{': '\\{', '}': '\\}',
  '~': '\\textasciitilde{}', '^': '\\textasciicircum{}', '<': '\\textless{}', '>': '\\textgreater{}', '|': '\\textbar{}',
  '[': '{[}', ']': '{]}',
};

/** Code points LaTeX's utf8 input declares for T1/TS1 (checked by compiling each one with pdflatex, TeX Live 2022). */
const KNOWN: [number, number][] = [
  [0xa0, 0x125], [0x128, 0x137], [0x139, 0x13e], [0x141, 0x148], [0x14a, 0x165], [0x168, 0x17e], [0x192, 0x192],
  [0x1c4, 0x1d4], [0x1e2, 0x1e3], [0x1e6, 0x1eb], [0x1f0, 0x1f0], [0x1f4, 0x1f5], [0x218, 0x21b], [0x232, 0x233],
  [0x2010, 0x2016], [0x2018, 0x201a], [0x201c, 0x201e], [0x2020, 0x2022], [0x2026, 0x2026], [0x2030, 0x2031],
  [0x2039, 0x203b], [0x203d, 0x203d], [0x2044, 0x2044], [0x20ac, 0x20ac], [0x2122, 0x2122], [0x2190, 0x2193],
];

const MATH: Record<string, string> = {
  '≤': '\\leq', '≥': '\\geq', '≠': '\\neq', '≈': '\\approx', '≡': '\\equiv', '∼': '\\sim', '−': '-', '∓': '\\mp',
  '∞': '\\infty', '√': '\\surd', '∑': '\\sum', '∏': '\\prod', '∆': '\\Delta', '∂': '\\partial', '∈': '\\in', '∉': '\\notin',
  '∩': '\\cap', '∪': '\\cup', '⊂': '\\subset', '⊆': '\\subseteq', '∧': '\\wedge', '∨': '\\vee', '¬': '\\neg', '∀': '\\forall', '∃': '\\exists',
  '′': '\\prime', '″': '\\prime\\prime', '∝': '\\propto', '⋅': '\\cdot', '∘': '\\circ', '↔': '\\leftrightarrow', '⇒': '\\Rightarrow',
  '⇐': '\\Leftarrow', '⇔': '\\Leftrightarrow', '↗': '\\nearrow', '↘': '\\searrow', '✓': '\\surd', '✔': '\\surd', '⟨': '\\langle', '⟩': '\\rangle',
};
const GREEK = 'αβγδεζηθικλμνξοπρςστυφχψω';
const GREEK_NAMES = ['alpha', 'beta', 'gamma', 'delta', 'epsilon', 'zeta', 'eta', 'theta', 'iota', 'kappa', 'lambda', 'mu', 'nu', 'xi', 'o', 'pi', 'rho', 'varsigma', 'sigma', 'tau', 'upsilon', 'phi', 'chi', 'psi', 'omega'];
const CAPITAL_GREEK: Record<string, string> = { Γ: 'Gamma', Δ: 'Delta', Θ: 'Theta', Λ: 'Lambda', Ξ: 'Xi', Π: 'Pi', Σ: 'Sigma', Υ: 'Upsilon', Φ: 'Phi', Ψ: 'Psi', Ω: 'Omega' };

const TEXT: Record<string, string> = {
  // The trajectory's marks.
  '\u25CF': '\\textbullet{}', '\u00B7': '\\textperiodcentered{}',
  '\u2023': '\\textbullet{}', '\u2043': '-', '\u2024': '.', '\u2025': '..', '\u2027': '\\textperiodcentered{}',
  '\u2717': 'x', '\u2718': 'x', '\u2116': 'No.', '\u2103': '\\textdegree{}C',
};
for (const [c, cmd] of Object.entries(MATH)) TEXT[c] ??= `\\ensuremath{${cmd}}`;
[...GREEK].forEach((c, i) => (TEXT[c] = `\\ensuremath{\\${GREEK_NAMES[i]}}`));
for (const [c, name] of Object.entries(CAPITAL_GREEK)) TEXT[c] = `\\ensuremath{\\${name}}`;
// Capital Greek letters that look Latin, written as the Latin letter.
for (const [g, l] of Object.entries({ Α: 'A', Β: 'B', Ε: 'E', Ζ: 'Z', Η: 'H', Ι: 'I', Κ: 'K', Μ: 'M', Ν: 'N', Ο: 'O', Ρ: 'P', Τ: 'T', Υ: 'Y', Χ: 'X' })) TEXT[g] = l;

/** Combining marks → accent commands, for letters the input encoding does not know precomposed. */
const ACCENTS: Record<number, string> = {
  0x300: '`', 0x301: "'", 0x302: '^', 0x303: '~', 0x304: '=', 0x306: 'u', 0x307: '.', 0x308: '"', 0x30a: 'r', 0x30b: 'H', 0x30c: 'v',
  0x323: 'd', 0x327: 'c', 0x328: 'k', 0x331: 'b',
};

const isKnown = (cp: number): boolean => (cp >= 0x20 && cp < 0x7f) || KNOWN.some(([a, b]) => cp >= a && cp <= b);

// An emoji with its modifiers, joiners and variation selectors, or a pair of flag letters.
const TOKEN = /\p{Extended_Pictographic}(?:[\u200D\uFE0F\u20E3\u{1F3FB}-\u{1F3FF}\u{E0020}-\u{E007F}]|\p{Extended_Pictographic})*|\p{Regional_Indicator}{1,2}|[^]/gu;

/** Escapes text for LaTeX body text; line breaks and tabs become spaces. One pass, so no double escaping. */
export function escapeTex(s: string): string {
  return s.replace(/\r\n/g, ' ').replace(TOKEN, (t) => token(t));
}

function token(t: string): string {
  const cp = t.codePointAt(0)!;
  const first = String.fromCodePoint(cp);
  const special = SPECIALS[first];
  if (special !== undefined) return special;
  const mapped = TEXT[first];
  if (mapped !== undefined) return mapped;
  if (isKnown(cp)) return first; // any emoji modifiers after © or ® are dropped
  if (/[\r\n\t\u2028\u2029\u2000-\u200A\u202F\u205F\u3000]/.test(first)) return ' ';
  // Zero-width characters, variation selectors, the BOM and other controls: nothing to print.
  if (/[\p{Cc}\p{Cf}\p{Mn}\uFE00-\uFE0F]/u.test(first)) return '';
  if (/\p{Extended_Pictographic}|\p{Regional_Indicator}/u.test(first)) return '{[}emoji{]}';
  // Compatibility forms: ligatures (ﬁ), superscripts (²), full-width letters.
  const compat = first.normalize('NFKC');
  if (compat !== first && [...compat].every((c) => isKnown(c.codePointAt(0)!))) return escapeTex(compat);
  return accented(first) ?? `{[}U+${cp.toString(16).toUpperCase().padStart(4, '0')}{]}`;
}

/** A letter with diacritics as accent commands (`ṭ` → `\d{t}`), or undefined. */
function accented(c: string): string | undefined {
  const [base, ...marks] = [...c.normalize('NFD')];
  if (base === undefined || marks.length === 0 || !/^[A-Za-z]$/.test(base)) return undefined;
  let out = base === 'i' ? '\\i{}' : base === 'j' ? '\\j{}' : base;
  for (const m of marks) {
    const a = ACCENTS[m.codePointAt(0)!];
    if (a === undefined) return undefined;
    out = `\\${a}{${out}}`;
  }
  return out;
}
