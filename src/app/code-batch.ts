/**
 * A codebook import's writes to the codebook, held back and written many rows a statement
 * (db/code-batch-repo.ts): new codes, each given the id SQLite would give it, and history
 * entries, in the order they were made. Any other write that might depend on them (a move
 * under a new code, a code made a heading) is preceded by `flush()`, so the database sees
 * the same rows in the same order as code by code.
 */
import type { Code, CodeFields } from '../core/codebook.js';
import { BATCH_ROWS, CODE_VALUES, CodeBatchRepo, HISTORY_VALUES } from '../db/code-batch-repo.js';
import type { Project } from './project.js';

type Value = string | number | null;

export class CodeBatch {
  private readonly repo: CodeBatchRepo;
  private nextId: number;
  private codes: Value[] = [];
  private history: Value[] = [];

  constructor(project: Project, private readonly coderId: number, private readonly now: string) {
    this.repo = new CodeBatchRepo(project.db);
    this.nextId = this.repo.nextCodeId();
  }

  /**
   * As insertCode (app/code-lookup.ts): a code known to be new (`name` cleaned, `key` its
   * unused nameKey) and its "add" history entry; returns the code, created by `createdBy`.
   */
  add(name: string, key: string, parent: Code | null, fields: CodeFields, createdBy: string): Code {
    const code: Code = {
      id: this.nextId++, name, parentId: parent?.id ?? null, description: fields.description ?? null, include: fields.include ?? null,
      exclude: fields.exclude ?? null, example: fields.example ?? null, color: fields.color ?? null, createdBy, createdAt: this.now,
    };
    this.codes.push(code.id, name, key, code.parentId, code.description, code.include, code.exclude, code.example, code.color, this.coderId, this.now);
    // insertCode's details, key for key: { parent, ...the five fields }.
    this.record('add', name, { parent: parent?.name ?? null, description: code.description, include: code.include, exclude: code.exclude, example: code.example, color: code.color });
    // Full statements are written as they fill: 20,000 codes held to the end cost the GC more.
    if (this.codes.length >= BATCH_ROWS * CODE_VALUES) this.writeCodes();
    return code;
  }

  /** As CodeRepo.record, by the batch's coder at its time. */
  record(action: string, code: string, details: Record<string, unknown>): void {
    this.history.push(this.now, this.coderId, action, code, JSON.stringify(details));
    if (this.history.length >= BATCH_ROWS * HISTORY_VALUES) this.writeHistory();
  }

  /** Writes what is held back: the codes first (history names them only by name). */
  flush(): void {
    if (this.codes.length > 0) this.writeCodes();
    if (this.history.length > 0) this.writeHistory();
  }

  private writeCodes(): void {
    this.repo.insertCodes(this.codes);
    this.codes = [];
  }

  private writeHistory(): void {
    this.repo.insertHistory(this.history);
    this.history = [];
  }
}
