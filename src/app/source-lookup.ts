/**
 * Errors for source ids that do not exist, naming the nearest ones.
 */
import { InputError } from '../core/errors.js';
import { nearestNames } from '../core/nearest.js';
import type { Project } from './project.js';

export function sourceNotFound(project: Project, id: string): InputError {
  const near = nearestNames(id, project.sources.list().map((s) => s.id));
  return new InputError(`no source "${id}" in this project`, {
    code: 'E_NO_SOURCE',
    hint: near.length > 0 ? `did you mean ${near.map((n) => `"${n}"`).join(', ')}?` : 'qcode sources lists them',
  });
}
