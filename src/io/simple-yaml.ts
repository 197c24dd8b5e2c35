/**
 * A fast reader for the plain YAML that codebooks are written in (and that `codebook export`
 * writes): one top-level key holding a block list of mappings, one `key: value` a line, values
 * plain or quoted text on that line, and nested block lists. The full YAML library takes over a
 * second for a codebook of 20,000 codes; this takes a few milliseconds. It returns exactly what
 * the library would, or `undefined` as soon as it meets anything else (comments after a value,
 * block or multi-line scalars, flow collections, anchors, tags, numbers, booleans, nulls,
 * duplicate keys, tabs, documents markers), and the caller then uses the library.
 */

type Value = string | Value[] | { [key: string]: Value };

const KEY = /^([A-Za-z_][A-Za-z0-9_-]*):(?: (.*))?$/;
/** Plain text the YAML 1.2 core schema would read as something other than a string. */
const NOT_TEXT = /^(?:~|null|Null|NULL|true|True|TRUE|false|False|FALSE|[-+]?(?:\.?[0-9]|\.(?:inf|Inf|INF|nan|NaN|NAN))|0[ox])/;

/** Tabs and control characters: outside the subset. */
const CONTROL = /[\t\x00-\x08\x0b\x0c\x0e-\x1f\x7f]/;

class Bail extends Error {}

interface Line { indent: number; text: string; no: number }

/** The value of `text`, or undefined when it is outside the subset (see above). */
export function parseSimpleYaml(text: string): unknown {
  const lines: Line[] = [];
  const bare = text.replace(/^\uFEFF/, '');
  // One pass over the whole text instead of one a line when it has no control character (a
  // codebook of 20,000 codes has 60,000 lines); a plain split when there is no \r.
  const anyControl = CONTROL.test(bare);
  const raw = bare.includes('\r') ? bare.split(/\r?\n/) : bare.split('\n');
  for (let no = 0; no < raw.length; no++) {
    const l = raw[no]!;
    const body = l.trimStart();
    if (body === '' || body.startsWith('#')) continue;
    if ((anyControl && CONTROL.test(l)) || l.endsWith(' ')) return undefined;
    lines.push({ indent: l.length - body.length, text: body, no });
  }
  try {
    const at = { i: 0 };
    const root = mapping(lines, at, 0, null);
    return at.i === lines.length ? root : undefined;
  } catch (e) {
    if (e instanceof Bail) return undefined;
    throw e;
  }
}

/** A block mapping whose keys stand at `indent`; `first` is the text after "- " on an item's line. */
function mapping(lines: Line[], at: { i: number }, indent: number, first: string | null): { [key: string]: Value } {
  const out: { [key: string]: Value } = {};
  let text = first;
  for (;;) {
    if (text === null) {
      const l = lines[at.i];
      if (l === undefined || l.indent < indent) return out;
      if (l.indent > indent || l.text.startsWith('- ') || l.text === '-') throw new Bail();
      text = l.text;
    }
    at.i++;
    const m = KEY.exec(text);
    if (m === null) throw new Bail();
    const key = m[1]!;
    if (Object.prototype.hasOwnProperty.call(out, key) || key === '__proto__') throw new Bail();
    const rest = m[2];
    if (rest === undefined || rest === '') {
      const next = lines[at.i];
      if (next === undefined || next.indent < indent || !next.text.startsWith('- ')) throw new Bail();
      out[key] = sequence(lines, at, next.indent);
    } else out[key] = scalar(rest);
    text = null;
  }
}

/** A block list whose "- " stand at `indent`, each item a mapping. */
function sequence(lines: Line[], at: { i: number }, indent: number): Value[] {
  const out: Value[] = [];
  for (;;) {
    const l = lines[at.i];
    if (l === undefined || l.indent < indent) return out;
    if (l.indent > indent || !l.text.startsWith('- ')) {
      if (l.indent === indent && !l.text.startsWith('- ')) return out; // a sibling key of the list's parent
      throw new Bail();
    }
    const rest = l.text.slice(2);
    if (rest.startsWith(' ')) throw new Bail();
    out.push(mapping(lines, at, indent + 2, rest));
  }
}

/** Text on one line: plain, 'single-quoted' or "double-quoted" without escapes. */
function scalar(s: string): string {
  if (s.startsWith('"')) {
    if (!/^"[^"\\]*"$/.test(s)) throw new Bail();
    return s.slice(1, -1);
  }
  if (s.startsWith("'")) {
    if (!/^'(?:[^']|'')*'$/.test(s)) throw new Bail();
    return s.slice(1, -1).replace(/''/g, "'");
  }
  if (/^[-?:,[\]{}#&*!|>%@` ]/.test(s) || s.includes(': ') || s.includes(' #') || s.endsWith(':') || NOT_TEXT.test(s)) throw new Bail();
  return s;
}
