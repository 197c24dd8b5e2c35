/**
 * The one error vocabulary of qcode. Everything below `cli/` throws these; only
 * `cli/main.ts` turns them into a one-line message and an exit code.
 */
export type ErrorKind = 'usage' | 'input' | 'project' | 'codebook' | 'gate' | 'internal';

export interface QcodeErrorOptions {
  /** A short machine-readable code, e.g. `E_NO_PROJECT`. */
  code?: string;
  /** What the user can do about it, printed after the message. */
  hint?: string;
  cause?: unknown;
}

export class QcodeError extends Error {
  readonly kind: ErrorKind = 'internal';
  readonly code: string;
  readonly hint: string | undefined;

  constructor(message: string, options: QcodeErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.code = options.code ?? 'E_QCODE';
    this.hint = options.hint;
  }
}

/** A command line that cannot be acted on: unknown option value, missing argument. */
export class UsageError extends QcodeError {
  override readonly kind = 'usage';
}

/** Bad input data: an unreadable file, a malformed CSV, a span out of range. */
export class InputError extends QcodeError {
  override readonly kind = 'input';
}

/** No project where one was looked for, or a project this qcode cannot open. */
export class ProjectError extends QcodeError {
  override readonly kind = 'project';
}

/** A codebook operation that cannot be done: unknown code, name clash. */
export class CodebookError extends QcodeError {
  override readonly kind = 'codebook';
}

/** A gate the user asked for failed (e.g. `--fail-under`): exit code 1. */
export class GateError extends QcodeError {
  override readonly kind = 'gate';
}
