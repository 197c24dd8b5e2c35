/**
 * Cases (participants): listing them with their attributes, and loading attributes from
 * a CSV or YAML file (`ingest --cases`, `qcode cases import`).
 */
import { readCasesFile, type CaseAttributes } from '../io/cases-file.js';
import type { CaseRecord } from '../core/model.js';
import { nowOf, type AppContext } from './context.js';
import { withProject, type Project } from './project.js';
import { compareNatural } from '../core/sort.js';
import { resolve } from 'node:path';

/** Every case, in natural order of their ids. */
export function listCases(ctx: AppContext): CaseRecord[] {
  return withProject(ctx, (p) => p.cases.list().sort((a, b) => compareNatural(a.case, b.case)), { readonly: true });
}

export interface CaseImport {
  casesAdded: number;
  valuesChanged: number;
  cases: number;
}

/** Sets attributes from a parsed file, inside the caller's transaction. */
export function applyCaseAttributes(project: Project, attributes: CaseAttributes, now: string): CaseImport {
  let casesAdded = 0;
  let valuesChanged = 0;
  for (const [name, attrs] of attributes) {
    const row = project.cases.ensure(name, now);
    if (row.created) casesAdded++;
    valuesChanged += project.cases.setAttributes(row.id, attrs);
  }
  return { casesAdded, valuesChanged, cases: attributes.size };
}

/** `qcode cases import FILE`: one transaction. */
export function importCases(ctx: AppContext, file: string, options: { dryRun?: boolean } = {}): CaseImport {
  const attributes = readCasesFile(resolve(ctx.cwd, file), file);
  return withProject(ctx, (p) => p.writeOrRollback(() => applyCaseAttributes(p, attributes, nowOf(ctx)), options.dryRun === true));
}
