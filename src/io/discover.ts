/**
 * Finds the transcript files named by `ingest`'s arguments: files, folders (searched
 * recursively, following links, each real file and folder once) and globs. Other files
 * are counted by kind (their extension), never read.
 */
import { realpathSync } from 'node:fs';
import { basename, extname, isAbsolute, relative, resolve } from 'node:path';
import fg from 'fast-glob';
import { InputError } from '../core/errors.js';
import { formatOf, formatNames } from './read-transcript.js';
import { statOrNull, walkFolder, type Entry } from './walk-folder.js';

export interface FoundFile {
  /** Absolute path. */
  path: string;
  /** The path as messages show it: relative to the working folder when inside it. */
  shown: string;
}

/** Files found but not read, by kind: `.pdf` (an extension), `no extension`, `~$ lock file`, … */
export interface IgnoredKind {
  kind: string;
  files: number;
}

export interface Discovery {
  files: FoundFile[];
  /** Files found that are not transcripts (by extension), or are editor/lock files. */
  ignored: number;
  /** The same, by kind, sorted by kind. */
  ignoredKinds: IgnoredKind[];
}

/** Resolves `inputs` against `cwd`; a name that is no file, folder or matching glob is an error. */
export async function discoverTranscripts(inputs: readonly string[], cwd: string): Promise<Discovery> {
  // By real path: a file reached twice (through a link) is read once, under its own name
  // when it was reached by that name too; a file reached only by other names is counted once.
  const byReal = new Map<string, FoundFile>();
  const otherReal = new Map<string, string>();
  const ignored = new Map<string, number>();
  const ignore = (kind: string): void => void ignored.set(kind, (ignored.get(kind) ?? 0) + 1);
  const visit = (entry: Entry): void => {
    if (entry.kind !== 'file') {
      if (entry.kind !== 'hidden') ignore(entry.kind === 'special' ? 'not a regular file' : 'broken link');
      return;
    }
    const kind = ignoredKind(entry.path);
    if (kind !== null) {
      if (!otherReal.has(entry.real)) otherReal.set(entry.real, kind);
      return;
    }
    const earlier = byReal.get(entry.real);
    if (earlier === undefined || preferred(entry.path, earlier.path, entry.real)) {
      byReal.set(entry.real, { path: entry.path, shown: shownPath(entry.path, cwd) });
    }
  };
  for (const input of inputs) {
    const abs = resolve(cwd, input);
    const stat = statNamed(abs, input);
    if (stat?.isFile()) {
      if (formatOf(abs) === null) {
        throw new InputError(`${input}: not a transcript format qcode reads`, { hint: `use ${formatNames()} files, or a folder` });
      }
      visit({ kind: 'file', path: abs, real: realpathSync(abs) });
    } else if (stat?.isDirectory()) {
      await searchable(input, async () => walkFolder(abs, visit));
    } else if (stat !== null) {
      // Reading a FIFO would block for ever; a device is no transcript.
      throw new InputError(`${input}: not a regular file (a FIFO, device or socket)`, { code: 'E_NOT_FILE', hint: 'name transcript files or folders' });
    } else if (!fg.isDynamicPattern(input)) {
      throw new InputError(`${input}: no such file or folder`, { code: 'E_NOT_FOUND', hint: 'check the path (globs need quotes in some shells)' });
    } else {
      const matched = await searchable(input, () => globbed(isAbsolute(input) ? input : `${fg.escapePath(cwd)}/${input}`, visit));
      if (matched === 0) throw new InputError(`${input}: matches no file`, { code: 'E_NOT_FOUND', hint: 'check the pattern' });
    }
  }
  for (const [real, kind] of otherReal) if (!byReal.has(real)) ignore(kind);
  const files = [...byReal.values()];
  files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const ignoredKinds = [...ignored].map(([kind, n]) => ({ kind, files: n })).sort((a, b) => (a.kind < b.kind ? -1 : a.kind > b.kind ? 1 : 0));
  return { files, ignored: ignoredKinds.reduce((n, k) => n + k.files, 0), ignoredKinds };
}

/**
 * The files a glob matches. Globs do not enter linked folders (a `**` could loop through
 * them); linked files they match are read. Name a linked folder itself to search it.
 */
async function globbed(pattern: string, visit: (entry: Entry) => void): Promise<number> {
  const found = await fg(pattern, { onlyFiles: false, dot: false, followSymbolicLinks: false, absolute: true });
  let matched = 0;
  for (const path of found.sort()) {
    const stat = statOrNull(path);
    if (stat?.isDirectory()) continue;
    matched++;
    if (stat === null) visit({ kind: 'broken-link', path });
    else if (stat.isFile()) visit({ kind: 'file', path, real: realpathSync(path) });
    else visit({ kind: 'special', path });
  }
  return matched;
}

/** Runs a search, turning a folder that cannot be listed into an input error. */
async function searchable<T>(input: string, search: () => Promise<T>): Promise<T> {
  try {
    return await search();
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    if (err.code === undefined) throw e;
    throw new InputError(`${input}: cannot be searched (${err.code}${err.path === undefined ? '' : ` at ${err.path}`})`, {
      code: 'E_READ',
      hint: err.code === 'EACCES' ? 'permission denied: check the folder permissions' : 'check the folder',
    });
  }
}

/** The stat of a named input, null when it does not exist; other failures are input errors. */
function statNamed(abs: string, input: string): ReturnType<typeof statOrNull> {
  try {
    return statOrNull(abs);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? 'error';
    throw new InputError(`${input}: cannot be read (${code === 'EACCES' ? 'permission denied' : code})`, { code: 'E_READ' });
  }
}

/** Whether `path` names the file `real` better than `earlier`: by its own name, then shorter. */
function preferred(path: string, earlier: string, real: string): boolean {
  const own = (p: string): boolean => basename(p) === basename(real);
  if (own(path) !== own(earlier)) return own(path);
  return path.length < earlier.length || (path.length === earlier.length && path < earlier);
}

/** Why a found file is not read, or null when it is a transcript. */
function ignoredKind(path: string): string | null {
  const base = path.slice(path.lastIndexOf('/') + 1);
  if (base.startsWith('~$')) return '~$ lock file';
  if (base.startsWith('.')) return 'hidden file';
  if (formatOf(path) !== null) return null;
  const ext = extname(base).toLowerCase();
  return ext === '' ? 'no extension' : ext;
}

function shownPath(abs: string, cwd: string): string {
  const rel = relative(cwd, abs);
  return rel.startsWith('..') || isAbsolute(rel) ? abs : rel;
}
