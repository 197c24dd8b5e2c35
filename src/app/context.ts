/**
 * What a use case needs from its surroundings, passed in so that tests can fix it.
 */
export interface AppContext {
  /** The working folder commands resolve paths against. */
  cwd: string;
  env: Readonly<Record<string, string | undefined>>;
  /** `--project PATH`, when given. */
  project?: string | undefined;
  /** `--coder NAME`, when given. */
  coder?: string | undefined;
  /** Hears a one-line notice for the user (the CLI writes it to stderr). */
  onNotice?: (message: string) => void;
  /** The current time as an ISO string; fixed in tests. */
  now?: () => string;
}

export function nowOf(ctx: AppContext): string {
  return ctx.now?.() ?? new Date().toISOString();
}

/** Progress of a long use case, drawn by the CLI on a terminal only. */
export type ProgressEvent =
  | { kind: 'start'; total: number; label: string }
  | { kind: 'tick'; done: number; total: number; item: string }
  | { kind: 'end' };

export type OnProgress = (event: ProgressEvent) => void;
