#!/usr/bin/env node
/**
 * An edited copy of a bench corpus, for timing a re-ingest: the same file names, each text
 * revised as a transcriber revises one — a line added after the first turn (every later
 * position shifts), a word corrected in every fifth paragraph (codings there must be found
 * again by their quotes or fuzzily), and a dozen words of one paragraph in the second half rewritten (codings
 * on it are placed fuzzily or flagged orphaned). Deterministic; a finished copy carries a
 * `.complete` marker and is reused.
 *
 *   node bench/edit-corpus.mjs FROM_DIR TO_DIR
 */
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const EDIT_VERSION = 2;
const MARKER = '.complete';

/** The edited text of one transcript. */
export function editTranscript(text) {
  const paragraphs = text.split('\n\n');
  const rewritten = Math.floor(paragraphs.length * 0.7);
  const out = paragraphs.map((p, i) => {
    if (i === rewritten) {
      const words = p.split(' ');
      const from = Math.floor(words.length / 3);
      for (let k = from; k < Math.min(words.length, from + 12); k++) words[k] = words[k].split('').reverse().join('');
      return words.join(' ');
    }
    if (i % 5 !== 3) return p;
    const words = p.split(' ');
    if (words.length > 8) words[6] = `${words[6]}ed`;
    return words.join(' ');
  });
  out.splice(1, 0, 'Interviewer: [the recording was paused here for a few minutes]');
  return out.join('\n\n');
}

/** Writes the edited copy of `from` into `to` (reused when complete). Returns { dir, files, reused }. */
export function editCorpus(from, to) {
  const src = resolve(from);
  const dst = resolve(to);
  const names = readdirSync(src).filter((f) => f.endsWith('.txt')).sort();
  const marker = JSON.stringify({ edit: EDIT_VERSION, files: names.length, from: readFileSync(join(src, MARKER), 'utf8').trim() });
  const markerPath = join(dst, MARKER);
  if (existsSync(markerPath) && readFileSync(markerPath, 'utf8').trim() === marker) return { dir: dst, files: names.length, reused: true };
  rmSync(dst, { recursive: true, force: true });
  mkdirSync(dst, { recursive: true });
  for (const name of names) writeFileSync(join(dst, name), editTranscript(readFileSync(join(src, name), 'utf8')));
  writeFileSync(markerPath, marker + '\n');
  return { dir: dst, files: names.length, reused: false };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const [from, to] = process.argv.slice(2);
  if (from === undefined || to === undefined) {
    process.stderr.write('usage: node bench/edit-corpus.mjs FROM_DIR TO_DIR\n');
    process.exitCode = 2;
  } else {
    const r = editCorpus(from, to);
    process.stdout.write(`${r.reused ? 'reused' : 'wrote'} ${r.files} edited transcripts in ${r.dir}\n`);
  }
}
