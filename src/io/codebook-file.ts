/**
 * Codebook files: YAML with a top-level `codes:` list; each entry has `name`, optional
 * `description`, `include`, `exclude`, `example`, `color`, and `children` (a list of
 * the same).
 */
import { InputError } from '../core/errors.js';
import { decodeText } from './decode.js';
import { readInputFile } from './read-input-file.js';
import { parseSimpleYaml } from './simple-yaml.js';
import { parseYaml, yamlPackage } from './yaml.js';

export interface CodebookEntry {
  name: string;
  description?: string;
  include?: string;
  exclude?: string;
  example?: string;
  color?: string;
  children?: CodebookEntry[];
}

const KEYS = ['name', 'description', 'include', 'exclude', 'example', 'color', 'children'];

export function readCodebookFile(path: string, shown: string): CodebookEntry[] {
  const text = decodeText(readInputFile(path, shown), shown).text;
  const doc = parseSimpleYaml(text) ?? parseYaml(text, shown);
  if (typeof doc !== 'object' || doc === null || !Array.isArray((doc as { codes?: unknown }).codes)) {
    throw new InputError(`${shown}: expected a top-level "codes:" list`, { code: 'E_CODEBOOK', hint: 'see codebook.example.yaml' });
  }
  return entries((doc as { codes: unknown[] }).codes, shown, 'codes');
}

function entries(list: unknown[], shown: string, where: string): CodebookEntry[] {
  return list.map((raw, i) => {
    const at = `${where}[${i + 1}]`;
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw new InputError(`${shown}: ${at} must be a mapping with a name`, { code: 'E_CODEBOOK' });
    const r = raw as Record<string, unknown>;
    const unknown = Object.keys(r).filter((k) => !KEYS.includes(k));
    if (unknown.length > 0) throw new InputError(`${shown}: ${at} has unknown key "${unknown[0]}"`, { code: 'E_CODEBOOK', hint: `use ${KEYS.join(', ')}` });
    if (typeof r.name !== 'string' && typeof r.name !== 'number') throw new InputError(`${shown}: ${at} has no name`, { code: 'E_CODEBOOK' });
    const e: CodebookEntry = { name: String(r.name) };
    for (const k of ['description', 'include', 'exclude', 'example', 'color'] as const) {
      const v = r[k];
      if (v === undefined || v === null) continue;
      if (typeof v === 'object') throw new InputError(`${shown}: ${at} (${String(r.name)}): ${k} must be text`, { code: 'E_CODEBOOK' });
      e[k] = String(v);
    }
    if (r.children !== undefined && r.children !== null) {
      if (!Array.isArray(r.children)) throw new InputError(`${shown}: ${at} (${String(r.name)}): children must be a list`, { code: 'E_CODEBOOK' });
      e.children = entries(r.children, shown, `${at}.children`);
    }
    return e;
  });
}

/** YAML text of a codebook, with a comment saying what it is. */
export function codebookYaml(codes: CodebookEntry[]): string {
  return `# qcode codebook (load with: qcode codebook import FILE)\n${yamlPackage().stringify({ codes }, { lineWidth: 0 })}`;
}
