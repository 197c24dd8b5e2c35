/**
 * `qcode sources set` and `qcode sources import`: dates, durations, interviewers and any
 * other metadata for sources whose files cannot carry front matter (.docx, or .txt without
 * it). The values set are kept in the project (setting `source_metadata`) and laid over
 * the file's front matter on every later ingest (core/source-metadata.ts), so a re-ingest
 * never undoes them. Everything in one transaction; --dry-run rolls it back.
 */
import { resolve } from 'node:path';
import { InputError, UsageError } from '../core/errors.js';
import { badMetadata, metadataFields, scalarOrNull, type SetMetadata } from '../core/source-metadata.js';
import { indexTalk } from '../core/talk.js';
import { readKeyedFile } from '../io/keyed-file.js';
import { nowOf, type AppContext } from './context.js';
import { sourceMatcher, speakerSettings } from './interviewer-labels.js';
import { withProject, type Project } from './project.js';
import { sourceNotFound } from './source-lookup.js';

const KEY = 'source_metadata';

/** Keys qcode gives a meaning to; matched ignoring case in import files. */
const KNOWN = ['date', 'duration', 'interviewer'];

export interface MetadataChange {
  source: string;
  key: string;
  from: string | null;
  to: string | null;
}

export interface SourceMetadataResult {
  dryRun: boolean;
  /** Sources named (by the command or the file). */
  sources: number;
  /** Every value that changed. */
  changes: MetadataChange[];
  /** Sources whose talk was re-attributed because their interviewer changed. */
  reattributed: string[];
}

/** The values set so far, by source id. */
export function storedSetMetadata(project: Project): Map<string, SetMetadata> {
  return new Map(Object.entries(project.settings.get<Record<string, SetMetadata>>(KEY) ?? {}));
}

/** `qcode sources set ID… --date … --duration … --interviewer … --meta key=value`; "" clears a value. */
export function setSourceMetadata(ctx: AppContext, ids: readonly string[], values: SetMetadata, o: { dryRun?: boolean } = {}): SourceMetadataResult {
  if (ids.length === 0) throw new UsageError('name at least one source, e.g. qcode sources set 50001_T1 --date 2024-03-12');
  if (Object.keys(values).length === 0) throw new UsageError('nothing to set: give --date, --duration, --interviewer or --meta key=value');
  for (const [k, v] of Object.entries(values)) {
    const bad = badMetadata(k, v);
    if (bad !== null) throw new UsageError(KNOWN.includes(k) ? `--${k}: ${bad}` : `--meta ${k}=${v ?? ''}: ${bad}`);
  }
  return withProject(ctx, (p) => p.writeOrRollback(() => {
    for (const id of ids) if (p.sources.state(id) === undefined) throw sourceNotFound(p, id);
    return applySet(p, ids.map((id) => [id, values]), nowOf(ctx), o.dryRun === true);
  }, o.dryRun === true));
}

/** `qcode sources import FILE`: a CSV or YAML file with a `source` column; empty cells change nothing. */
export function importSourceMetadata(ctx: AppContext, file: string, o: { dryRun?: boolean } = {}): SourceMetadataResult {
  const rows = readKeyedFile(resolve(ctx.cwd, file), file, 'source', 'source metadata');
  return withProject(ctx, (p) => p.writeOrRollback(() => {
    const updates: [string, SetMetadata][] = [];
    for (const [id, row] of rows) {
      const where = row.line === null ? `${file}: source ${id}` : `${file}:${row.line}`;
      if (p.sources.state(id) === undefined) {
        const e = sourceNotFound(p, id);
        throw new InputError(`${where}: no source "${id}" in this project`, { code: 'E_NO_SOURCE', hint: e.hint });
      }
      const values: SetMetadata = {};
      for (const [k, v] of Object.entries(row.values)) {
        const key = KNOWN.find((n) => n === k.toLowerCase()) ?? k;
        const bad = badMetadata(key, v);
        if (bad !== null) throw new InputError(`${where}: ${bad}`, { code: 'E_METADATA', hint: 'fix that cell; nothing was changed' });
        values[key] = v.trim();
      }
      updates.push([id, values]);
    }
    return applySet(p, updates, nowOf(ctx), o.dryRun === true);
  }, o.dryRun === true));
}

function applySet(p: Project, updates: readonly [string, SetMetadata][], now: string, dryRun: boolean): SourceMetadataResult {
  const stored = storedSetMetadata(p);
  const labels = speakerSettings(p);
  const r: SourceMetadataResult = { dryRun, sources: updates.length, changes: [], reattributed: [] };
  for (const [id, values] of updates) {
    const state = p.sources.state(id)!;
    const summary = p.sources.summary(id)!;
    const f = metadataFields(summary.metadata, summary.durationSec, values);
    const before = r.changes.length;
    for (const [key, to] of Object.entries(values)) {
      const from = key === 'duration' ? minutes(summary.durationSec) : key === 'date' ? summary.date : scalarOrNull(summary.metadata[key]);
      const now2 = key === 'duration' ? minutes(f.durationSec) : key === 'date' ? f.date : to;
      if (from !== now2) r.changes.push({ source: id, key, from, to: now2 });
    }
    stored.set(id, { ...stored.get(id), ...values });
    if (r.changes.length === before) continue;
    p.sources.update(state, {
      caseId: p.cases.find(state.case)!, wave: state.wave, path: state.path, format: state.format, encoding: state.encoding,
      date: f.date, durationSec: f.durationSec, metadata: JSON.stringify(f.metadata),
    }, null, now);
    if (!('interviewer' in values)) continue;
    const src = p.sources.text(id)!;
    const talk = indexTalk(src.text, src.turns, sourceMatcher(labels, id, f.metadata));
    if (talk.roles.every((role, i) => role === src.turns[i]!.role)) continue;
    p.sources.updateTalk(src.revisionId, talk.roles, talk.participantWords, talk.interviewerWords, talk.participantWordStarts);
    r.reattributed.push(id);
  }
  p.settings.set(KEY, Object.fromEntries(stored));
  return r;
}

function minutes(sec: number | null): string | null {
  return sec === null ? null : `${Math.round((sec / 60) * 100) / 100} min`;
}
