/**
 * A codebook import's writes to the codebook, held back and written many rows a statement
 * (db/code-batch-repo.ts): new codes, each given the id SQLite would give it, and history
 * entries, in the order they were made. Any other write that might depend on them (a move
 * under a new code, a code made a heading) is preceded by `flush()`, so the database sees
 * the same rows in the same order as code by code.
 */
import type { Code, CodeFields } from '../core/codebook.js';
import { CodeBatchRepo } from '../db/code-batch-repo.js';
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
   * unused nameKey) and its "add" history entry; returns the code (`createdBy` left to the caller).
   */
  add(name: string, key: string, parent: Code | null, fields: CodeFields): Omit<Code, 'createdBy'> {
    const record = {
      description: fields.description ?? null, include: fields.include ?? null, exclude: fields.exclude ?? null,
      example: fields.example ?? null, color: fields.color ?? null,
    };
    const id = this.nextId++;
    const parentId = parent?.id ?? null;
    this.codes.push(id, name, key, parentId, record.description, record.include, record.exclude, record.example, record.color, this.coderId, this.now);
    this.record('add', name, { parent: parent?.name ?? null, ...record });
    return { id, name, parentId, ...record, createdAt: this.now };
  }

  /** As CodeRepo.record, by the batch's coder at its time. */
  record(action: string, code: string, details: Record<string, unknown>): void {
    this.history.push(this.now, this.coderId, action, code, JSON.stringify(details));
  }

  /** Writes what is held back: the codes first (history names them only by name). */
  flush(): void {
    if (this.codes.length > 0) this.repo.insertCodes(this.codes);
    if (this.history.length > 0) this.repo.insertHistory(this.history);
    this.codes = [];
    this.history = [];
  }
}
