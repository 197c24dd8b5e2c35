/**
 * The project's name pattern (`ingest --name-pattern`), stored like the interviewer labels
 * so that every later ingest reads file names the same way; `--name-pattern ""` clears it.
 */
import { compileNamePattern, type NamePattern } from '../core/name-pattern.js';
import type { Project } from './project.js';

const KEY = 'name_pattern';

/** The stored template, or null. */
export function storedNamePattern(project: Project): string | null {
  return project.settings.get<string>(KEY) ?? null;
}

/**
 * The pattern of this run: the one given (stored for later runs; "" clears the stored one),
 * else the stored one. Runs inside the ingest's transaction, so a dry run stores nothing.
 */
export function namePatternForRun(project: Project, given: string | undefined): NamePattern | null {
  if (given !== undefined) {
    const template = given.trim();
    if (template === '') {
      project.settings.delete(KEY);
      return null;
    }
    const pattern = compileNamePattern(template);
    project.settings.set(KEY, template);
    return pattern;
  }
  const stored = storedNamePattern(project);
  return stored === null ? null : compileNamePattern(stored);
}
