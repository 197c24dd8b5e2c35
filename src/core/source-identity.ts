/**
 * Id, case and wave of a source (DESIGN.md, "source" and "case"): front matter first,
 * field by field; else what `--name-pattern` reads from the file name; else the
 * defaults (id = file name without extension, case = id, wave = 1).
 */
import type { NamePattern } from './name-pattern.js';

export interface SourceIdentity {
  id: string;
  case: string;
  wave: string;
}

/** Front-matter keys that are identity, not free metadata. */
export const IDENTITY_KEYS = ['id', 'case', 'wave'] as const;

export function resolveIdentity(
  stem: string,
  frontMatter: Record<string, unknown> | null,
  pattern: NamePattern | null,
): SourceIdentity {
  const fm = frontMatter ?? {};
  const fromName = pattern?.match(stem) ?? null;
  const id = scalar(fm.id) ?? stem;
  return {
    id,
    case: scalar(fm.case) ?? fromName?.case ?? id,
    wave: normaliseWave(scalar(fm.wave) ?? fromName?.wave ?? '1'),
  };
}

/**
 * Waves written `T2`, `W2`, `wave 2` or `02` are wave `2`, so that front matter and file
 * names agree; any other label (`baseline`) is kept as written.
 */
export function normaliseWave(wave: string): string {
  const m = /^(?:t|w|wave)?[ _-]?0*(\d+)$/iu.exec(wave.trim());
  return m ? m[1]! : wave.trim();
}

function scalar(v: unknown): string | undefined {
  if (typeof v === 'string' && v.trim().length > 0) return v.trim();
  if (typeof v === 'number' || typeof v === 'bigint') return String(v);
  return undefined;
}

/**
 * Whether the run itself states a source's case and wave: its front matter names them, or
 * the name pattern matched and read them. What a run does not state, a stored source keeps.
 */
export function statedIdentity(
  stem: string,
  frontMatter: Record<string, unknown> | null,
  pattern: NamePattern | null,
): { case: boolean; wave: boolean } {
  const fm = frontMatter ?? {};
  const fromName = pattern?.match(stem) ?? null;
  return {
    case: scalar(fm.case) !== undefined || fromName?.case !== undefined,
    wave: scalar(fm.wave) !== undefined || fromName?.wave !== undefined,
  };
}
