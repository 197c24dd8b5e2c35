/**
 * Finds the transcript files named by `ingest`'s arguments: files, folders (searched
 * recursively) and globs. Other files are counted, not read.
 */
import { statSync } from 'node:fs';
import { isAbsolute, relative, resolve } from 'node:path';
import fg from 'fast-glob';
import { InputError } from '../core/errors.js';
import { formatOf } from './read-transcript.js';

export interface FoundFile {
  /** Absolute path. */
  path: string;
  /** The path as messages show it: relative to the working folder when inside it. */
  shown: string;
}

export interface Discovery {
  files: FoundFile[];
  /** Files found that are not transcripts (by extension), or are editor/lock files. */
  ignored: number;
}

/** Resolves `inputs` against `cwd`; a name that is no file, folder or matching glob is an error. */
export async function discoverTranscripts(inputs: readonly string[], cwd: string): Promise<Discovery> {
  const seen = new Set<string>();
  const files: FoundFile[] = [];
  let ignored = 0;
  const take = (abs: string): void => {
    if (seen.has(abs)) return;
    seen.add(abs);
    const base = abs.slice(abs.lastIndexOf('/') + 1);
    if (formatOf(abs) === null || base.startsWith('~$') || base.startsWith('.')) ignored++;
    else files.push({ path: abs, shown: shownPath(abs, cwd) });
  };
  for (const input of inputs) {
    const abs = resolve(cwd, input);
    const stat = statOrNull(abs);
    if (stat?.isFile()) {
      if (formatOf(abs) === null) {
        throw new InputError(`${input}: not a transcript format qcode reads`, { hint: 'use .txt, .md, .vtt, .srt or .docx files, or a folder' });
      }
      take(abs);
      continue;
    }
    const pattern = stat?.isDirectory() ? `${fg.escapePath(abs)}/**/*` : isAbsolute(input) ? input : `${fg.escapePath(cwd)}/${input}`;
    if (stat === null && !fg.isDynamicPattern(input)) {
      throw new InputError(`${input}: no such file or folder`, { code: 'E_NOT_FOUND', hint: 'check the path (globs need quotes in some shells)' });
    }
    let found: string[];
    try {
      found = await fg(pattern, { onlyFiles: true, dot: false, followSymbolicLinks: true, absolute: true });
    } catch (e) {
      const err = e as NodeJS.ErrnoException;
      throw new InputError(`${input}: cannot be searched (${err.code ?? 'error'}${err.path === undefined ? '' : ` at ${err.path}`})`, { code: 'E_READ', hint: 'check the folder permissions' });
    }
    if (found.length === 0 && stat === null) {
      throw new InputError(`${input}: matches no file`, { code: 'E_NOT_FOUND', hint: 'check the pattern' });
    }
    for (const f of found.sort()) take(f);
  }
  files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return { files, ignored };
}

function statOrNull(path: string): ReturnType<typeof statSync> | null {
  try {
    return statSync(path);
  } catch {
    return null;
  }
}

function shownPath(abs: string, cwd: string): string {
  const rel = relative(cwd, abs);
  return rel.startsWith('..') || isAbsolute(rel) ? abs : rel;
}
