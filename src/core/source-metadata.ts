/**
 * A source's metadata (date, duration, interviewer, any other key): its file's front
 * matter, with the values set by `qcode sources set` / `sources import` laid over it. Set
 * values are kept in the project and win on every later ingest; a value set to empty
 * (null) means "unknown", whatever the file says.
 */
import { parseDuration } from './duration.js';
import { IDENTITY_KEYS } from './source-identity.js';

/** Values set by the user: key → value, or null for a value cleared. */
export type SetMetadata = Record<string, string | null>;

export interface MetadataFields {
  metadata: Record<string, unknown>;
  date: string | null;
  durationSec: number | null;
}

/**
 * The stored fields from what the file gives (`fileMeta` without id/case/wave, and the
 * duration read from cue times, if any) and what was set.
 */
export function metadataFields(fileMeta: Record<string, unknown>, fileDurationSec: number | null, set: SetMetadata | undefined): MetadataFields {
  const metadata: Record<string, unknown> = { ...fileMeta };
  for (const [k, v] of Object.entries(set ?? {})) {
    if (v === null) delete metadata[k];
    else metadata[k] = v;
  }
  const durationSec = set?.duration === null ? null
    : metadata.duration === undefined ? fileDurationSec
    : parseDuration(metadata.duration) ?? fileDurationSec;
  return { metadata, date: scalarOrNull(metadata.date), durationSec };
}

/**
 * Why a value cannot be set, or null when it can: dates are YYYY-MM-DD, durations as front
 * matter writes them, and id, case and wave are not metadata.
 */
export function badMetadata(key: string, value: string | null): string | null {
  if ((IDENTITY_KEYS as readonly string[]).includes(key.toLowerCase())) return `${key} is not metadata: a source's id, case and wave come from its front matter or the name pattern`;
  if (key.trim() === '') return 'the key is empty';
  if (value === null) return null;
  if (key === 'date' && !/^\d{4}-\d{2}-\d{2}$/.test(value.trim())) return `date "${value}": write dates as YYYY-MM-DD, e.g. 2024-03-12`;
  if (key === 'duration' && parseDuration(value) === null) return `duration "${value}": give minutes (58), or 1h 5m, 01:05:30 or PT1H5M`;
  return null;
}

export function scalarOrNull(v: unknown): string | null {
  if (v === undefined || v === null) return null;
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  return typeof v === 'object' ? null : String(v);
}
