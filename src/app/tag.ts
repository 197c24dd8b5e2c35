/**
 * `qcode tag` and `qcode untag`: apply codes to (or remove them from) spans of a source,
 * in one transaction.
 */
import { CodePointMap } from '../core/code-points.js';
import type { Code } from '../core/codebook.js';
import { CodebookError, UsageError } from '../core/errors.js';
import { lineStarts } from '../core/text.js';
import { countBelow } from '../core/code-points.js';
import { addCode, CREATE_WITH_NEW, findCode } from './code-lookup.js';
import { actingCoderId, coderIdentity } from './coder.js';
import { applyCoding, emptyChange, mergeChanges, type CodingChange, type SourceAt } from './coding-writer.js';
import { nowOf, type AppContext } from './context.js';
import { withProject, type Project } from './project.js';
import { selectSpans, type Selector } from './select-spans.js';
import { sourceNotFound } from './source-lookup.js';
import type { SourceText } from '../core/model.js';

export interface TagRequest {
  codes: string[];
  source: string;
  selector: Selector;
  createNew?: boolean;
  parent?: string;
  weight?: number;
  memo?: string;
}

export interface TaggedCoding {
  id: number;
  code: string;
  start: number;
  end: number;
  lineStart: number;
  lineEnd: number;
  quote: string;
}

export interface TagResult {
  source: string;
  coder: string;
  codings: TaggedCoding[];
  createdCodes: string[];
  /**
   * With `--turns A-B`: the ends of the range (A, B) that are interviewer turns. They are
   * coded as asked, but their words count for nobody in reports, so the CLI warns.
   */
  interviewerTurns: { turn: number; speaker: string }[];
  change: CodingChange;
}

/** A loaded source ready for writing codings. */
export function loadSource(project: Project, id: string): SourceText & { at: SourceAt } {
  const src = project.sources.text(id);
  if (src === undefined) throw sourceNotFound(project, id);
  const state = project.sources.state(id)!;
  return { ...src, at: { sourceId: state.rowId, revision: state.revision, text: src.text, map: new CodePointMap(src.text) } };
}

export function tag(ctx: AppContext, req: TagRequest): TagResult {
  if (req.weight !== undefined && !(Number.isInteger(req.weight) && req.weight >= 0 && req.weight <= 100)) {
    throw new UsageError(`--weight ${req.weight}: give a whole number from 0 to 100`);
  }
  const who = coderIdentity(ctx);
  const coder = who.coder;
  return withProject(ctx, (p) => p.write(() => {
    const now = nowOf(ctx);
    const coderId = actingCoderId(ctx, p, who, now);
    const src = loadSource(p, req.source);
    const spans = selectSpans(src, src.at.map, req.selector);
    const { codes, created } = resolveCodes(p, req, coderId, now);
    const change = emptyChange();
    const ids: { id: number; code: Code }[] = [];
    for (const code of codes) {
      for (const span of spans) {
        const r = applyCoding(p, src.at, code.id, coderId, span, req.weight ?? null, now);
        mergeChanges(change, r.change);
        if (!ids.some((x) => x.id === r.id)) ids.push({ id: r.id, code });
      }
    }
    if (req.memo !== undefined) {
      for (const { id, code } of ids) p.memos.insert(coderId, null, req.memo, { sourceId: src.at.sourceId, codeId: code.id, codingId: id }, now);
    }
    return {
      source: src.source.id, coder, codings: ids.map(({ id, code }) => view(p, src, id, code)), createdCodes: created,
      interviewerTurns: interviewerEnds(src, req.selector), change,
    };
  }));
}

function interviewerEnds(src: SourceText, selector: Selector): { turn: number; speaker: string }[] {
  if (selector.turns === undefined) return [];
  const last = src.turns.length;
  const ends = [...new Set([selector.turns.from, Math.min(selector.turns.to, last)])];
  return ends.map((n) => src.turns[n - 1]).filter((t) => t !== undefined && t.role === 'interviewer').map((t) => ({ turn: t!.number, speaker: t!.speaker }));
}

function resolveCodes(p: Project, req: TagRequest, coderId: number, now: string): { codes: Code[]; created: string[] } {
  if (req.codes.length === 0) throw new UsageError('name at least one code');
  const created: string[] = [];
  const codes: Code[] = [];
  for (const name of req.codes) {
    try {
      codes.push(findCode(p, name, undefined, CREATE_WITH_NEW));
    } catch (e) {
      if (!(e instanceof CodebookError) || req.createNew !== true) throw e;
      const parent = req.parent === undefined ? null : findCode(p, req.parent);
      const code = addCode(p, name, parent, {}, coderId, now);
      codes.push(code);
      created.push(code.name);
    }
  }
  return { codes, created };
}

function view(p: Project, src: SourceText & { at: SourceAt }, id: number, code: Code): TaggedCoding {
  const row = p.codings.get(id)!;
  const starts = lineStarts(src.text);
  const lineOf = (cp: number): number => countBelow(starts, src.at.map.toUtf16(cp) + 1);
  return { id, code: code.name, start: row.start, end: row.end, lineStart: lineOf(row.start), lineEnd: lineOf(Math.max(row.start, row.end - 1)), quote: row.quote };
}
