/**
 * The code tree of a REFI-QDA project into the codebook. Codes are matched by name
 * (case-insensitively); a name the file repeats in another branch is kept as its own
 * code, named after its parent ("Stress (Work)"), and listed as renamed.
 */
import { cleanCodeName, nameKey, type Code } from '../core/codebook.js';
import type { RefiCode, RefiProject } from '../core/refi-model.js';
import { CodableRepo } from '../db/codable-repo.js';
import { addCode } from './code-lookup.js';
import type { Project } from './project.js';
import type { ImportSummary } from '../core/refi-import-summary.js';

/** Maps each code's GUID to the qcode code it became. */
export function importCodes(p: Project, project: RefiProject, coderId: number, now: string, file: string, s: ImportSummary): Map<string, Code> {
  const map = new Map<string, Code>();
  const byKey = new Map(p.codes.list().map((c) => [nameKey(c.name), c]));
  const usedInFile = new Set<string>();
  const codable = new CodableRepo(p.db);
  const walk = (list: RefiCode[], parent: Code | null, parentName: string | null): void => {
    for (const rc of list) {
      const name = uniqueName(rc, parentName, usedInFile, s);
      let code = byKey.get(nameKey(name));
      if (code === undefined) {
        code = addCode(p, name, parent, { description: rc.description, color: rc.color }, coderId, now, { import: file });
        if (!rc.isCodable) codable.set(code.id, false);
        byKey.set(nameKey(name), code);
        s.imported.codesAdded++;
      } else s.imported.codesMatched++;
      map.set(rc.guid, code);
      walk(rc.children, code, name);
    }
  };
  walk(project.codes, null, null);
  return map;
}

function uniqueName(rc: RefiCode, parentName: string | null, used: Set<string>, s: ImportSummary): string {
  let base: string;
  try {
    base = cleanCodeName(rc.name);
  } catch {
    base = `code ${rc.guid.slice(0, 8)}`;
    s.renamed.push({ kind: 'code', from: rc.name, to: base, reason: 'the name is empty or unusable' });
  }
  if (!used.has(nameKey(base))) {
    used.add(nameKey(base));
    return base;
  }
  const qualified = `${base} (${parentName ?? 'top level'})`;
  let name = qualified;
  for (let n = 2; used.has(nameKey(name)); n++) name = `${qualified} ${n}`;
  used.add(nameKey(name));
  s.renamed.push({ kind: 'code', from: base, to: name, reason: `another code of the file is called "${base}"; qcode's names are unique` });
  return name;
}
