/**
 * Keeps the report index (schema v3) current and reads it. An entry missing or stale —
 * its source's codings, revision or word index changed since — is rebuilt from the codings
 * table in one write transaction, so that no change can slip in between reading and
 * storing. A read-only report does this through a short writable connection of its own;
 * where the project cannot be written now (read-only file, another writer busy), the
 * entries are built in memory for this report only. Either way the figures are the same.
 */
import { join } from 'node:path';
import { packCodings } from '../core/span-index.js';
import type { CodingSpanRepo } from '../db/coding-span-repo.js';
import { openProjectDb } from '../db/open.js';
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

function rebuildThroughWriter(p: Project): Map<number, Int32Array> | null {
  if (!p.db.readonly) return p.write(() => rebuild(p.codingSpans, true));
  let writer: Project | undefined;
  try {
    writer = new Project(p.dir, openProjectDb(join(p.dir, DB_FILE)));
    // A report does not wait for a busy writer: it builds its entries in memory instead.
    writer.db.pragma('busy_timeout = 0');
    const w = writer;
    const built = w.write(() => rebuild(w.codingSpans, true));
    // The report's own read-only connection outlives this one and cannot checkpoint: move
    // the index into qcode.db now, so that the file stays whole on its own.
    w.db.pragma('wal_checkpoint(TRUNCATE)');
    return built;
  } catch {
    return null;
  } finally {
    writer?.close();
  }
}

/** The packed codings of every source (by source row id), placed on its current revision. */
export function packedCodings(p: Project): Map<number, Int32Array> {
  // One pass over the index; the sources it lacks are found from the sources table alone.
  const all = p.codingSpans.all();
  if (p.codingSpans.sourceCount() === all.size) return all;
  for (const [id, packed] of rebuildThroughWriter(p) ?? rebuild(p.codingSpans, false)) all.set(id, packed);
  return all;
}
