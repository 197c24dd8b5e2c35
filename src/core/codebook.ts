/**
 * Codes and their tree (DESIGN.md, "code"): names unique case-insensitively; a code with
 * children is a theme.
 */
import { CodebookError } from './errors.js';
import { compareFolded } from './sort.js';

export interface Code {
  id: number;
  name: string;
  parentId: number | null;
  description: string | null;
  include: string | null;
  exclude: string | null;
  example: string | null;
  color: string | null;
  createdBy: string;
  createdAt: string;
}

/** The editable descriptive fields of a code. */
export const CODE_FIELDS = ['description', 'include', 'exclude', 'example', 'color'] as const;
export type CodeField = (typeof CODE_FIELDS)[number];
export type CodeFields = Partial<Record<CodeField, string | null>>;

/** The key names are compared by: NFC, case-folded. */
export function nameKey(name: string): string {
  return name.normalize('NFC').toLowerCase();
}

const PLAIN_NAME = /^[\x21-\x7e]+(?: [\x21-\x7e]+)*$/;

/** A code name as stored: NFC, trimmed, inner white space single. Refuses unusable names. */
export function cleanCodeName(raw: string): string {
  // Printable ASCII words single-spaced are already clean (NFC leaves ASCII as it is).
  if (raw.length <= 200 && PLAIN_NAME.test(raw)) return raw;
  const name = raw.normalize('NFC').trim().replace(/\s+/g, ' ');
  if (name.length === 0) throw new CodebookError('a code name cannot be empty');
  if (/\p{Cc}/u.test(name)) throw new CodebookError(`code name ${JSON.stringify(raw)} contains control characters`);
  if (name.length > 200) throw new CodebookError('a code name can have at most 200 characters', { hint: 'put the longer text in --description' });
  return name;
}

/** `#RRGGBB` or a usage error. */
export function checkColor(color: string): string {
  if (!/^#[0-9A-Fa-f]{6}$/.test(color)) throw new CodebookError(`colour ${color}: expected #RRGGBB, e.g. #1f77b4`);
  return color.toLowerCase();
}

/** Codes in tree order: each parent followed by its children, siblings by name (folded). */
export function treeOrder(codes: readonly Code[], siblingOrder: (a: Code, b: Code) => number = (a, b) => compareFolded(a.name, b.name)): { code: Code; depth: number }[] {
  // In a subset of the codebook, codes whose parent is not in it are roots too.
  const ids = new Set(codes.map((c) => c.id));
  const children = childrenMap(codes.map((c) => (c.parentId !== null && !ids.has(c.parentId) ? { ...c, parentId: null } : c)));
  const out: { code: Code; depth: number }[] = [];
  const walk = (parent: number | null, depth: number): void => {
    for (const c of [...(children.get(parent) ?? [])].sort(siblingOrder)) {
      out.push({ code: c, depth });
      walk(c.id, depth + 1);
    }
  };
  walk(null, 0);
  return out;
}

export function childrenMap(codes: readonly Code[]): Map<number | null, Code[]> {
  const m = new Map<number | null, Code[]>();
  for (const c of codes) {
    const list = m.get(c.parentId);
    if (list === undefined) m.set(c.parentId, [c]);
    else list.push(c);
  }
  return m;
}

/** A code and all its descendants' ids. */
export function descendantIds(codes: readonly Code[], id: number): Set<number> {
  const children = childrenMap(codes);
  const out = new Set<number>([id]);
  const stack = [id];
  while (stack.length > 0) {
    for (const c of children.get(stack.pop()!) ?? []) {
      if (!out.has(c.id)) {
        out.add(c.id);
        stack.push(c.id);
      }
    }
  }
  return out;
}

/** The path of a code from its root: `Well-being / Self-care`. */
export function codePath(codes: readonly Code[], id: number): string[] {
  const byId = new Map(codes.map((c) => [c.id, c]));
  const path: string[] = [];
  for (let c = byId.get(id); c !== undefined; c = c.parentId === null ? undefined : byId.get(c.parentId)) {
    path.unshift(c.name);
    if (path.length > codes.length) break;
  }
  return path;
}
