/**
 * YAML reading with errors that name the file and line, for front matter, case
 * attribute files and codebooks. Hostile YAML (an alias bomb, an alias inside its own
 * anchor) is an input error, never a crash: nothing qcode reads needs either.
 */
import { createRequire } from 'node:module';
import type * as Yaml from 'yaml';
import { InputError } from '../core/errors.js';

let loaded: typeof Yaml | undefined;

/**
 * The yaml package, loaded on first use: it costs a command ~70 ms to load, and the common
 * files (codebooks, front matter) are read by io/simple-yaml.ts without it.
 */
export function yamlPackage(): typeof Yaml {
  // The package is CommonJS under Node (its "node" export): require gives what import would.
  loaded ??= createRequire(import.meta.url)('yaml') as typeof Yaml;
  return loaded;
}

/** Aliases a file may expand to, counted as the yaml package counts them (nodes × uses). */
const MAX_ALIAS_COUNT = 100;

/**
 * Parses YAML text; `lineOffset` is added to reported line numbers (front matter starts
 * on line 2 of its file).
 */
export function parseYaml(text: string, file: string, lineOffset = 0): unknown {
  const doc = yamlPackage().parseDocument(text, { prettyErrors: true, uniqueKeys: true });
  const err = doc.errors[0];
  if (err !== undefined) {
    const line = (err.linePos?.[0]?.line ?? 1) + lineOffset;
    const what = err.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
    throw new InputError(`${file}:${line}: invalid YAML: ${what}`, {
      code: 'E_YAML',
      hint: 'fix the YAML at that line (indentation, a missing colon or quote)',
    });
  }
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (cause) {
    // The yaml package throws a ReferenceError for an alias bomb ("excessive alias count").
    throw new InputError(`${file}: YAML aliases (*name) expand too far (more than ${MAX_ALIAS_COUNT} nodes)`, {
      code: 'E_YAML_ALIAS',
      hint: 'write the values out instead of repeating them through &anchors and *aliases',
      cause,
    });
  }
  if (isCyclic(value)) {
    throw new InputError(`${file}: a YAML alias (*name) refers to the value that contains it`, {
      code: 'E_YAML_ALIAS',
      hint: 'remove the recursive alias; write the nested values out',
    });
  }
  return value;
}

/**
 * Whether `value` contains itself. Shared (non-cyclic) values are visited once, so the
 * walk stays linear in the number of distinct objects.
 */
export function isCyclic(value: unknown): boolean {
  const onPath = new Set<object>();
  const done = new Set<object>();
  // An explicit stack: a deep but finite document must not overflow the call stack either.
  const stack: { node: object; children: unknown[] | null }[] = [];
  const enter = (v: unknown): boolean => {
    if (typeof v !== 'object' || v === null || done.has(v)) return false;
    if (onPath.has(v)) return true;
    onPath.add(v);
    stack.push({ node: v, children: null });
    return false;
  };
  if (enter(value)) return true;
  while (stack.length > 0) {
    const top = stack[stack.length - 1]!;
    if (top.children === null) top.children = childrenOf(top.node);
    if (top.children.length === 0) {
      stack.pop();
      onPath.delete(top.node);
      done.add(top.node);
    } else if (enter(top.children.pop())) {
      return true;
    }
  }
  return false;
}

function childrenOf(node: object): unknown[] {
  if (node instanceof Map) return [...node.keys(), ...node.values()];
  if (node instanceof Set) return [...node];
  if (node instanceof Date) return [];
  return Object.values(node);
}

/** Parses YAML that must be a mapping (or empty). */
export function parseYamlMapping(text: string, file: string, lineOffset = 0): Record<string, unknown> {
  const value = parseYaml(text, file, lineOffset);
  if (value === null || value === undefined) return {};
  if (typeof value !== 'object' || Array.isArray(value)) {
    throw new InputError(`${file}:${lineOffset + 1}: front matter must be a YAML mapping of keys to values`, {
      code: 'E_YAML',
      hint: 'write it as key: value lines, e.g. "case: 50002"',
    });
  }
  return value as Record<string, unknown>;
}
