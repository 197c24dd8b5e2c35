/**
 * The interactive coding session (`qcode code`): walks a source turn by turn (participant
 * talk by default), applies codes as they are typed — each committed at once, so a crash
 * loses nothing — undoes this session's codings, and remembers where each coder left off.
 * It returns data; the CLI draws it and reads the commands.
 */
import type { Code } from '../core/codebook.js';
import { CodebookError, InputError, UsageError } from '../core/errors.js';
import { findMatches } from '../core/selectors.js';
import type { Span } from '../core/spans.js';
import { addCode, findCode, unknownCode } from './code-lookup.js';
import { actingCoderId, coderIdentity } from './coder.js';
import { applyCoding, emptyChange, mergeChanges, removeCoding, undoChange, type CodingChange } from './coding-writer.js';
import { nowOf, type AppContext } from './context.js';
import { openProject, type Project } from './project.js';
import { loadSource } from './tag.js';
import { sessionUnits, type SessionUnit } from './session-units.js';

export type { SessionUnit } from './session-units.js';

export interface UnitView extends SessionUnit {
  index: number;
  of: number;
  codes: string[];
}

export class CodingSession {
  private readonly project: Project;
  private readonly coderId: number;
  private readonly src: ReturnType<typeof loadSource>;
  private readonly units: SessionUnit[];
  private readonly undoStack: { change: CodingChange; label: string }[] = [];
  private pos = 0;
  readonly coder: string;
  readonly resumed: boolean;

  constructor(private readonly ctx: AppContext, source: string, options: { allTurns?: boolean } = {}) {
    const who = coderIdentity(ctx);
    this.coder = who.coder;
    this.project = openProject(ctx);
    try {
      this.src = loadSource(this.project, source);
      this.units = sessionUnits(this.src, options.allTurns === true);
      if (this.units.length === 0) throw new InputError(`${source} has no ${options.allTurns === true ? '' : 'participant '}talk to code`, { hint: options.allTurns === true ? undefined : 'add --all-turns to include interviewer turns' });
      this.coderId = this.project.write(() => actingCoderId(ctx, this.project, who, nowOf(ctx)));
      const last = this.project.sessions.lastTurn(this.coderId, this.src.at.sourceId);
      const at = last === undefined ? -1 : this.units.findIndex((u) => u.number >= last);
      this.resumed = at > 0;
      this.pos = Math.max(0, at);
    } catch (e) {
      this.project.close();
      throw e;
    }
  }

  get source(): string {
    return this.src.source.id;
  }

  /** The current unit with the codes this coder has on it. */
  current(): UnitView {
    const u = this.units[this.pos]!;
    const codes = this.project.codes.list();
    const names = new Map(codes.map((c) => [c.id, c.name]));
    const on = this.project.codings.forSource(this.src.at.sourceId)
      .filter((c) => c.coderId === this.coderId && !c.orphaned && c.start < u.talk.end && c.end > u.talk.start)
      .map((c) => names.get(c.codeId)!);
    return { ...u, index: this.pos + 1, of: this.units.length, codes: [...new Set(on)].sort() };
  }

  /** Moves by `delta` units; false at either end. */
  step(delta: number): boolean {
    const next = this.pos + delta;
    if (next < 0 || next >= this.units.length) return false;
    this.pos = next;
    this.remember();
    return true;
  }

  /** Goes to turn (or line) `n`. */
  go(n: number): void {
    const i = this.units.findIndex((u) => u.number === n);
    const turn = this.src.turns.find((t) => t.number === n);
    if (i === -1 && turn !== undefined && turn.role === 'interviewer') {
      throw new UsageError(`turn ${n} is interviewer talk (${turn.speaker}); this session codes participant turns`, { hint: `qcode code ${this.source} --all-turns codes interviewer turns too` });
    }
    if (i === -1) throw new UsageError(`there is no turn ${n} to code here`, { hint: `turns: ${this.units[0]!.number}–${this.units[this.units.length - 1]!.number}` });
    this.pos = i;
    this.remember();
  }

  codeNames(): string[] {
    return this.project.codes.list().map((c) => c.name).sort();
  }

  /** Applies codes (`+name` creates one) to the whole unit, or to `part` of it. */
  apply(names: string[], part?: string): { applied: string[]; created: string[] } {
    const unit = this.units[this.pos]!;
    return this.project.write(() => {
      const now = nowOf(this.ctx);
      const span = part === undefined ? unit.talk : this.partSpan(unit, part);
      const { codes, created } = this.resolve(names, now);
      const change = emptyChange();
      for (const code of codes) mergeChanges(change, applyCoding(this.project, this.src.at, code.id, this.coderId, span, null, now).change);
      this.undoStack.push({ change, label: codes.map((c) => c.name).join(', ') });
      this.remember(now);
      return { applied: codes.map((c) => c.name), created };
    });
  }

  /**
   * Removes this coder's codings of the named codes from the current unit (trimming or
   * splitting codings that reach beyond it); other coders' codings are never touched.
   * Returns the codes removed and the named codes this coder had not applied here.
   */
  remove(names: string[]): { removed: string[]; absent: string[] } {
    const unit = this.units[this.pos]!;
    return this.project.write(() => {
      const now = nowOf(this.ctx);
      const all = this.project.codes.list();
      const codes = names.map((n) => n.trim()).filter((n) => n !== '').map((n) => findCode(this.project, n, all));
      if (codes.length === 0) throw new UsageError('no code named', { hint: 'type -Name to remove your coding of Name from this turn' });
      const change = emptyChange();
      const removed: string[] = [];
      const absent: string[] = [];
      for (const code of codes) {
        const c = removeCoding(this.project, this.src.at, code.id, this.coderId, unit.talk, now);
        (c.deleted.length + c.updated.length > 0 ? removed : absent).push(code.name);
        mergeChanges(change, c);
      }
      if (removed.length > 0) this.undoStack.push({ change, label: `removal of ${removed.join(', ')}` });
      return { removed, absent };
    });
  }

  /** Undoes this session's last coding; null when there is nothing to undo. */
  undo(): string | null {
    const last = this.undoStack.pop();
    if (last === undefined) return null;
    this.project.write(() => undoChange(this.project, last.change));
    return last.label;
  }

  memo(text: string): number {
    if (text.trim() === '') throw new UsageError('the memo is empty');
    const unit = this.units[this.pos]!;
    return this.project.write(() => this.project.memos.insert(this.coderId, null, text, { sourceId: this.src.at.sourceId, turn: unit.number }, nowOf(this.ctx)));
  }

  close(): void {
    this.project.close();
  }

  private remember(now = nowOf(this.ctx)): void {
    const unit = this.units[this.pos]!;
    this.project.write(() => this.project.sessions.setTurn(this.coderId, this.src.at.sourceId, unit.number, now));
  }

  private resolve(names: string[], now: string): { codes: Code[]; created: string[] } {
    const codes: Code[] = [];
    const created: string[] = [];
    for (const raw of names) {
      const create = raw.startsWith('+');
      const name = create ? raw.slice(1).trim() : raw.trim();
      if (name === '') continue;
      const all = this.project.codes.list();
      try {
        codes.push(findCode(this.project, name, all));
      } catch (e) {
        if (!(e instanceof CodebookError) || !create) throw e instanceof CodebookError ? unknownCode(name, all, `type +${name} to create it`) : e;
        const code = addCode(this.project, name, null, {}, this.coderId, now);
        codes.push(code);
        created.push(code.name);
      }
    }
    if (codes.length === 0) throw new UsageError('no code named');
    return { codes, created };
  }

  private partSpan(unit: SessionUnit, part: string): Span {
    const inUnit = findMatches(this.src.text, part, this.src.at.map).filter((h) => h.start >= unit.talk.start && h.end <= unit.talk.end);
    if (inUnit.length === 0) throw new InputError(`"${part}" is not in this turn`, { hint: 'quote the words exactly as they are written, case-sensitively' });
    return inUnit[0]!;
  }
}
