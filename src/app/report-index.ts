/**
 * Keeps the report index (schema v3) current and reads it. An entry missing or stale —
 * its source's codings, revision or word index changed since — is rebuilt from the codings
 * table in one write transaction, so that no change can slip in between reading and
 * storing. A read-only report does this through a short writable connection of its own;
 * where the project cannot be written now (read-only file, another writer busy), the
 * entries are built in memory for this report only. Either way the figures are the same.
 *
 * It also keeps the last few merges of reports (schema v8) for the next report to read.
 */
import { join } from 'node:path';
import type { EncodedMerge } from '../core/merged-spans-blob.js';
import { packCodings } from '../core/span-index.js';
import type { CodingSpanRepo } from '../db/coding-span-repo.js';
import { checkpointAll, openProjectDb, withoutWaiting } from '../db/open.js';
import { DB_FILE, Project } from './project.js';

/** Packs the stale entries of `repo`; returns them by source row id. */
function rebuild(repo: CodingSpanRepo, store: boolean): Map<number, Int32Array> {
  const out = new Map<number, Int32Array>();
  for (const { sourceId, revision } of repo.stale()) {
    const packed = packCodings(repo.placedIn(sourceId, revision), repo.wordStarts(sourceId, revision));
    if (store) repo.store(sourceId, revision, packed);
    out.set(sourceId, packed);
  }
  return out;
}

/**
 * Runs `fn` in a write transaction: on the project's own connection when it is writable, else
 * on a short writable connection of its own. Null where the project cannot be written now
 * (read-only file, another writer busy): a report never waits for a writer, nor fails.
 */
function throughWriter<T>(p: Project, fn: (w: Project) => T): T | null {
  if (!p.db.readonly) return p.write(() => fn(p));
  let writer: Project | undefined;
  try {
    writer = new Project(p.dir, openProjectDb(join(p.dir, DB_FILE)));
    const w = writer;
    const done = withoutWaiting(w.db, () => w.write(() => fn(w)));
    // The report's own read-only connection outlives this one and cannot checkpoint: move
    // what was written into qcode.db now, so that the file stays whole on its own.
    checkpointAll(w.db);
    return done;
  } catch {
    return null;
  } finally {
    writer?.close();
  }
}

/** The packed codings of every source (by source row id), and the index generation they are of. */
export interface IndexedCodings {
  bySource: Map<number, Int32Array>;
  /** The report index's generation, when every entry was read from it in one snapshot; else null. */
  generation: number | null;
}

/** Reads every entry and the generation in one read transaction; null if entries are missing. */
function readWhole(p: Project): IndexedCodings | null {
  return p.db.transaction(() => {
    return p.codingSpans.isWhole() ? { bySource: p.codingSpans.all(), generation: p.mergedCache.generation() } : null;
  })();
}

/** The packed codings of every source, placed on its current revision (see IndexedCodings). */
export function packedCodings(p: Project): IndexedCodings {
  // One pass over the index; the sources it lacks are found from the sources table alone.
  const whole = readWhole(p);
  if (whole !== null) return whole;
  const built = throughWriter(p, (w) => rebuild(w.codingSpans, true));
  if (built !== null) {
    // Read again, now whole, so that the generation is that of every entry read.
    const again = readWhole(p);
    if (again !== null) return again;
  }
  // The project cannot be written now, or changed again meanwhile: what the index lacks is
  // built in memory for this report only.
  const bySource = p.codingSpans.all();
  for (const [id, packed] of rebuild(p.codingSpans, false)) bySource.set(id, packed);
  return { bySource, generation: null };
}

/**
 * The report index's generation, if the index has an entry for every source now; else null
 * (the next read of the packed codings rebuilds it). One read transaction.
 */
export function indexGeneration(p: Project): number | null {
  return p.db.transaction(() => (p.codingSpans.isWhole() ? p.mergedCache.generation() : null))();
}

/**
 * Keeps a scope's merged spans and the coders present in it, made from the index at
 * `generation`, for the next report with the same key (where the project can be written now,
 * and while `generation` is still the index's).
 */
export function keepMerge(p: Project, key: Int32Array, generation: number, merged: EncodedMerge, coders: Int32Array): void {
  if (merged.spans.byteLength <= MAX_KEPT_BYTES) keep(p, (w) => w.mergedCache.store(key, generation, merged, coders));
}

/** Keeps the overlap counts of a scope with its kept merge, while `generation` is still the index's. */
export function keepOverlaps(p: Project, key: Int32Array, generation: number, overlaps: Int32Array): void {
  keep(p, (w) => w.mergedCache.storeOverlaps(key, generation, overlaps));
}

/**
 * Keeping is never worth waiting or failing for: where it cannot be done now (another writer
 * busy, also when the report's own connection is writable), the next report keeps it.
 */
function keep(p: Project, fn: (w: Project) => unknown): void {
  try {
    withoutWaiting(p.db, () => throughWriter(p, fn));
  } catch {
    // Not kept: the figures are the same, only the next report merges again.
  }
}

/** Larger merges (some 40 million codings) are made anew each time rather than kept. */
const MAX_KEPT_BYTES = 512 * 1024 * 1024;
