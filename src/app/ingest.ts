/**
 * `qcode ingest`: transcripts in, as one transaction. Every file is read, normalised and
 * analysed inside the write transaction (synchronously: nothing is awaited inside it),
 * so memory stays flat however many files there are, and a bad file leaves the project
 * exactly as it was.
 */
import { basename, extname, relative, resolve } from 'node:path';
import { analyseText } from '../core/analyse.js';
import { escapeControls, unsafeCharIn } from '../core/control-chars.js';
import { metadataFields, type SetMetadata } from '../core/source-metadata.js';
import { InputError } from '../core/errors.js';
import { compileNamePattern } from '../core/name-pattern.js';
import { IDENTITY_KEYS, resolveIdentity, statedIdentity } from '../core/source-identity.js';
import { readCasesFile, type CaseAttributes } from '../io/cases-file.js';
import { discoverTranscripts, type FoundFile, type IgnoredKind } from '../io/discover.js';
import { DEFAULT_MAX_BYTES, extractPdfText, formatOf, readTranscript, type PdfExtraction } from '../io/read-transcript.js';
import { nowOf, type AppContext, type OnProgress } from './context.js';
import { hashText } from './hash.js';
import { addInterviewerLabels, sourceMatcher, speakerSettings } from './interviewer-labels.js';
import type { SpeakerRoleSettings } from '../core/speaker-roles.js';
import { openProject, type Project } from './project.js';
import type { SourceFields } from '../db/source-repo.js';
import { applyCaseAttributes } from './cases.js';
import { compareNatural } from '../core/sort.js';
import { namePatternForRun } from './name-pattern-setting.js';
import { storedSetMetadata } from './source-metadata.js';
import { emptyCounts, reanchorSource, type OrphanReport, type ReanchorCounts } from './reanchor-source.js';

/** The extensions ingest reads, for messages: `.txt, .md, …`. */
export { formatNames } from '../io/read-transcript.js';

export interface IngestOptions {
  namePattern?: string;
  casesFile?: string;
  interviewer?: string[];
  /** With `interviewer`: drop the default interviewer labels instead of adding to them. */
  noDefaultInterviewers?: boolean;
  dryRun?: boolean;
  skipBad?: boolean;
  maxBytes?: number;
  onProgress?: OnProgress;
}

export type IngestStatus = 'added' | 'revised' | 'updated' | 'unchanged';

export interface IngestedFile {
  file: string;
  source: string;
  case: string;
  wave: string;
  status: IngestStatus;
  revision: number;
  encoding: string;
  turns: number;
  participantWords: number;
  interviewerWords: number;
}

/** A stored source whose case or wave this run changed. */
export interface SourceMove {
  source: string;
  from: { case: string; wave: string };
  to: { case: string; wave: string };
}

export interface IngestSummary {
  dryRun: boolean;
  /** The name pattern this run applied (given, or stored by an earlier run); null for none. */
  namePattern: string | null;
  /** Stored sources moved to another case or wave, because the run stated it. */
  moves: SourceMove[];
  /** Cases this run left without any source (their attributes stay on them). */
  emptiedCases: string[];
  files: IngestedFile[];
  added: number;
  revised: number;
  updated: number;
  unchanged: number;
  ignored: number;
  /** The ignored files by kind: their extension (`.pdf`), or `no extension`, `~$ lock file`, … */
  ignoredKinds: IgnoredKind[];
  skipped: { file: string; reason: string }[];
  casesAdded: number;
  caseAttributesChanged: number;
  turns: number;
  participantWords: number;
  interviewerWords: number;
  /** Files that were not plain UTF-8, with the encoding used. */
  encodings: { file: string; encoding: string }[];
  /** Sources whose talk was re-attributed because the interviewer labels changed. */
  reattributed: number;
  /** What happened to the codings of revised sources. */
  codings: ReanchorCounts;
  /** Codings that could not be placed on a revised text: kept, flagged, listed here. */
  orphans: OrphanReport[];
  /** Sources added or changed by this run that have speaker labels but no interviewer talk. */
  noInterviewer: { source: string; speakers: string[] }[];
}

export async function ingest(ctx: AppContext, inputs: readonly string[], options: IngestOptions = {}): Promise<IngestSummary> {
  // Checked before any work; stored (or cleared) inside the transaction.
  if (options.namePattern !== undefined && options.namePattern.trim() !== '') compileNamePattern(options.namePattern);
  const discovery = await discoverTranscripts(inputs, ctx.cwd);
  const attributes = options.casesFile === undefined ? null : readCasesFile(resolve(ctx.cwd, options.casesFile), options.casesFile);
  // pdf.js reads asynchronously, and nothing may be awaited inside the transaction: PDFs are read first.
  const pdfs = new Map<string, PdfExtraction>();
  for (const f of discovery.files) if (formatOf(f.path) === 'pdf') pdfs.set(f.path, await extractPdfText(f.path, f.shown, options.maxBytes ?? DEFAULT_MAX_BYTES));
  const project = openProject(ctx);
  try {
    const summary = project.writeOrRollback(
      () => ingestFiles(project, discovery.files, attributes, { ...options, pattern: namePatternForRun(project, options.namePattern), setMetadata: storedSetMetadata(project), now: nowOf(ctx), pdfs }),
      options.dryRun === true,
    );
    summary.ignored = discovery.ignored;
    summary.ignoredKinds = discovery.ignoredKinds;
    return summary;
  } finally {
    project.close();
  }
}

interface RunOptions extends IngestOptions {
  pattern: ReturnType<typeof compileNamePattern> | null;
  pdfs: Map<string, PdfExtraction>;
  /** Metadata set with qcode sources set/import, by source id. */
  setMetadata: Map<string, SetMetadata>;
  now: string;
}

function ingestFiles(project: Project, files: FoundFile[], attributes: CaseAttributes | null, o: RunOptions): IngestSummary {
  const s: IngestSummary = {
    dryRun: o.dryRun === true, namePattern: o.pattern?.template ?? null, moves: [], emptiedCases: [], files: [], added: 0, revised: 0, updated: 0, unchanged: 0, ignored: 0, ignoredKinds: [],
    skipped: [], casesAdded: 0, caseAttributesChanged: 0, turns: 0, participantWords: 0, interviewerWords: 0,
    encodings: [], reattributed: 0, codings: emptyCounts(), orphans: [], noInterviewer: [],
  };
  if (o.interviewer !== undefined || o.noDefaultInterviewers === true) {
    s.reattributed = addInterviewerLabels(project, o.interviewer ?? [], o.noDefaultInterviewers === true);
  }
  const labels = speakerSettings(project);
  const seen = new Map<string, string>();
  o.onProgress?.({ kind: 'start', total: files.length, label: 'ingest' });
  files.forEach((file, i) => {
    try {
      const result = ingestOne(project, file, labels, seen, o, s);
      s.files.push(result);
      s[result.status]++;
      s.turns += result.turns;
      s.participantWords += result.participantWords;
      s.interviewerWords += result.interviewerWords;
      if (!['utf-8', 'docx', 'pdf', 'odt', 'rtf'].includes(result.encoding)) s.encodings.push({ file: file.shown, encoding: result.encoding });
    } catch (e) {
      if (!(e instanceof InputError) || o.skipBad !== true) throw e;
      s.skipped.push({ file: file.shown, reason: e.message });
    }
    o.onProgress?.({ kind: 'tick', done: i + 1, total: files.length, item: file.shown });
  });
  o.onProgress?.({ kind: 'end' });
  s.emptiedCases = emptiedCases(project, s.moves);
  if (attributes !== null) {
    const applied = applyCaseAttributes(project, attributes, o.now);
    s.casesAdded += applied.casesAdded;
    s.caseAttributesChanged = applied.valuesChanged;
  }
  return s;
}

function ingestOne(project: Project, file: FoundFile, labels: SpeakerRoleSettings, seen: Map<string, string>, o: RunOptions, s: IngestSummary): IngestedFile {
  const raw = readTranscript(file.path, file.shown, o.maxBytes ?? DEFAULT_MAX_BYTES, o.pdfs.get(file.path));
  const stem = basename(file.path, extname(file.path));
  const identity = resolveIdentity(stem, raw.frontMatter, o.pattern);
  refuseUnsafeIdentity(identity, file);
  const earlier = seen.get(identity.id);
  if (earlier !== undefined) {
    throw new InputError(`${file.shown}: source id "${identity.id}" is also the id of ${earlier}`, {
      code: 'E_DUPLICATE_ID',
      hint: 'ingest one of them, or give one an id: in its front matter',
    });
  }
  seen.set(identity.id, file.shown);
  const state = project.sources.state(identity.id);
  if (state !== undefined) keepUnstated(identity, state, statedIdentity(stem, raw.frontMatter, o.pattern), s.moves);
  const fileMeta = Object.fromEntries(Object.entries(raw.frontMatter ?? {}).filter(([k]) => !(IDENTITY_KEYS as readonly string[]).includes(k)));
  const { metadata, date, durationSec } = metadataFields(fileMeta, raw.durationSec, o.setMetadata.get(identity.id));
  const analysis = analyseText(raw.text, sourceMatcher(labels, identity.id, metadata), raw.labelAt, raw.turnStartMs);
  const hash = hashText(raw.text);
  const caseRow = project.cases.ensure(identity.case, o.now);
  if (caseRow.created) s.casesAdded++;
  const fields: SourceFields = {
    caseId: caseRow.id,
    wave: identity.wave,
    path: storedPath(project.dir, file.path),
    format: raw.format,
    encoding: raw.encoding,
    date,
    durationSec,
    metadata: JSON.stringify(metadata),
  };
  const draft = { hash, text: raw.text, ...analysis };
  let status: IngestStatus;
  let revision = 1;
  if (state === undefined) {
    project.sources.insert(identity.id, fields, draft, o.now);
    status = 'added';
  } else if (state.hash !== hash) {
    project.sources.update(state, fields, draft, o.now);
    status = 'revised';
    revision = state.revision + 1;
    reanchorSource(project, state.rowId, revision, raw.text, o.now, s.codings, s.orphans);
  } else {
    revision = state.revision;
    const same = state.case === identity.case && state.wave === fields.wave && state.path === fields.path &&
      state.format === fields.format && state.encoding === fields.encoding && state.date === fields.date &&
      state.durationSec === fields.durationSec && state.metadata === fields.metadata;
    status = same ? 'unchanged' : 'updated';
    if (!same) project.sources.update(state, fields, null, o.now);
  }
  if (status !== 'unchanged' && analysis.turns.length > 0 && analysis.turns.every((t) => t.role === 'participant')) {
    s.noInterviewer.push({ source: identity.id, speakers: [...new Set(analysis.turns.map((t) => t.speaker))] });
  }
  return {
    file: file.shown, source: identity.id, case: identity.case, wave: identity.wave, status, revision,
    encoding: raw.encoding, turns: analysis.turns.length, participantWords: analysis.participantWords,
    interviewerWords: analysis.interviewerWords,
  };
}

/**
 * Ids, cases and waves are printed in every listing and report: one holding a control
 * character (a newline or ESC from a file name) would reach the terminal raw.
 */
function refuseUnsafeIdentity(identity: { id: string; case: string; wave: string }, file: FoundFile): void {
  for (const key of ['id', 'case', 'wave'] as const) {
    const bad = unsafeCharIn(identity[key]);
    if (bad === null) continue;
    throw new InputError(`${escapeControls(file.shown)}: the source ${key} "${escapeControls(identity[key])}" contains a control character (${bad})`, {
      code: 'E_UNSAFE_ID',
      hint: key === 'id' ? 'rename the file, or give it an id: in its front matter' : `correct the ${key} in its front matter or file name`,
    });
  }
}

/**
 * A stored source keeps its case and wave unless the run states new ones (front matter, or
 * a name pattern that matched); a change the run does state is listed as a move.
 */
function keepUnstated(identity: { id: string; case: string; wave: string }, state: { case: string; wave: string }, stated: { case: boolean; wave: boolean }, moves: SourceMove[]): void {
  if (!stated.case) identity.case = state.case;
  if (!stated.wave) identity.wave = state.wave;
  if (identity.case !== state.case || identity.wave !== state.wave) {
    moves.push({ source: identity.id, from: { case: state.case, wave: state.wave }, to: { case: identity.case, wave: identity.wave } });
  }
}

/** The cases the moves left without sources. */
function emptiedCases(project: Project, moves: readonly SourceMove[]): string[] {
  if (moves.length === 0) return [];
  const left = new Set(moves.map((m) => m.from.case));
  return project.cases.list().filter((c) => left.has(c.case) && c.sources === 0).map((c) => c.case).sort(compareNatural);
}

/** Paths inside the project folder are stored relative to it, so a moved project still reads well. */
function storedPath(projectDir: string, path: string): string {
  const rel = relative(projectDir, path);
  return rel.startsWith('..') ? path : rel;
}
