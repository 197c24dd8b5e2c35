/**
 * Hostile input (issue 8): every case gets a one-line input error naming the file (and
 * line where there is one), in bounded time and memory, with the project untouched.
 */
import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { strToU8, zipSync } from 'fflate';
import { importCodebook } from '../../src/app/codebook-io.js';
import { importCases } from '../../src/app/cases.js';
import { ingest } from '../../src/app/ingest.js';
import { InputError } from '../../src/core/errors.js';
import { cp1252, dumpDb, newProject, put } from '../support/project.js';

/** Runs `fn`, expects an InputError, and returns its one-line message. */
async function refusal(fn: () => unknown): Promise<string> {
  try {
    await fn();
  } catch (e) {
    expect(e).toBeInstanceOf(InputError);
    const message = (e as InputError).message;
    expect(message).not.toMatch(/\n/);
    return message;
  }
  throw new Error('expected an input error');
}

const RECURSIVE = 'codes: &c [{name: A, children: *c}]\n';
// "Billion laughs": each level repeats the one before nine times.
const LAUGHS = ['a: &a [x, x, x, x, x, x, x, x, x]']
  .concat('bcdefgh'.split('').map((k, i) => `${k}: &${k} [${Array(9).fill(`*${'abcdefgh'[i]}`).join(', ')}]`))
  .join('\n') + '\n';

describe('YAML with recursive aliases or an alias bomb', () => {
  it('is an input error naming the codebook, and nothing is imported', async () => {
    const { dir, ctx } = newProject();
    const before = dumpDb(dir);
    put(dir, 'cb.yaml', RECURSIVE);
    put(dir, 'bomb.yaml', `codes: [{name: A}]\n${LAUGHS}`);
    expect(await refusal(() => importCodebook(ctx, 'cb.yaml'))).toBe('cb.yaml: a YAML alias (*name) refers to the value that contains it');
    expect(await refusal(() => importCodebook(ctx, 'bomb.yaml'))).toMatch(/^bomb\.yaml: YAML aliases \(\*name\) expand too far/);
    expect(dumpDb(dir)).toEqual(before);
  });

  it('is an input error naming a cases file', async () => {
    const { dir, ctx } = newProject();
    put(dir, 'cases.yaml', 'cases: &c {"50001": {age: 3, more: *c}}\n');
    put(dir, 'bomb.yaml', LAUGHS);
    expect(await refusal(() => importCases(ctx, 'cases.yaml'))).toMatch(/^cases\.yaml: a YAML alias/);
    expect(await refusal(() => importCases(ctx, 'bomb.yaml'))).toMatch(/^bomb\.yaml: YAML aliases/);
  });

  it('is an input error naming a transcript with such front matter', async () => {
    const { dir, ctx } = newProject();
    const before = dumpDb(dir);
    put(dir, 'loop.txt', '---\nmeta: &m {again: *m}\n---\nP: hello\n');
    put(dir, 'bomb.md', `---\n${LAUGHS}---\nP: hello\n`);
    expect(await refusal(() => ingest(ctx, ['loop.txt']))).toMatch(/^loop\.txt: a YAML alias/);
    expect(await refusal(() => ingest(ctx, ['bomb.md']))).toMatch(/^bomb\.md: YAML aliases/);
    expect(dumpDb(dir)).toEqual(before);
  });

  it('still accepts aliases used in moderation', async () => {
    const { dir, ctx } = newProject();
    put(dir, 'cb.yaml', 'codes:\n  - {name: A, description: &d shared}\n  - {name: B, description: *d}\n');
    put(dir, 'ok.yaml', 'base: &b {site: north}\ncases: {"1": *b, "2": *b}\n');
    expect(importCodebook(ctx, 'cb.yaml')).toMatchObject({ added: ['A', 'B'] });
    expect(importCases(ctx, 'ok.yaml')).toMatchObject({ casesAdded: 2 });
  });
});

describe('transcripts that would be stored wrong', () => {
  it('refuses a garbled SRT timing line or a cue ending before it starts, with the line, project untouched', async () => {
    const { dir, ctx } = newProject();
    const before = dumpDb(dir);
    put(dir, 'garbled.srt', '1\n00:00:01,000 --> 00:00:02,000\nA: ok\n\n2\n00:00:xx,000 --> garbage\nA: lost\n');
    put(dir, 'back.srt', '1\n00:00:05,000 --> 00:00:01,000\nA: hello\n');
    put(dir, 'back.vtt', 'WEBVTT\n\n00:05.000 --> 00:01.000\n<v A>hello\n');
    expect(await refusal(() => ingest(ctx, ['garbled.srt']))).toMatch(/^garbled\.srt: line 6: malformed cue timing/);
    expect(await refusal(() => ingest(ctx, ['back.srt']))).toMatch(/^back\.srt: line 2: the cue ends before it starts/);
    expect(await refusal(() => ingest(ctx, ['back.vtt']))).toMatch(/^back\.vtt: line 3: the cue ends before it starts/);
    expect(dumpDb(dir)).toEqual(before);
  });

  it('refuses front matter without its closing ---, naming line 1', async () => {
    const { dir, ctx } = newProject();
    const before = dumpDb(dir);
    put(dir, 'open.txt', '---\nid: x\ncase: 3\nInterviewer: hi\nP: talk\n');
    expect(await refusal(() => ingest(ctx, ['open.txt']))).toBe('open.txt: line 1: front matter opened with --- is never closed');
    expect(dumpDb(dir)).toEqual(before);
  });

  it('refuses ids, cases and waves holding control characters, escaped in the message', async () => {
    const { dir, ctx } = newProject();
    const before = dumpDb(dir);
    put(dir, 'f\u001b[31mred.txt', 'Interviewer: hi\nP: hello\n');
    put(dir, 'tab.txt', '---\nid: "a\\tb"\n---\nP: hi\n');
    put(dir, 'case.txt', '---\ncase: "x\\u202Ey"\n---\nP: hi\n');
    expect(await refusal(() => ingest(ctx, ['f\u001b[31mred.txt']))).toBe('f\\x1b[31mred.txt: the source id "f\\x1b[31mred" contains a control character (\\x1b)');
    expect(await refusal(() => ingest(ctx, ['tab.txt']))).toBe('tab.txt: the source id "a\\tb" contains a control character (\\t)');
    expect(await refusal(() => ingest(ctx, ['case.txt']))).toMatch(/^case\.txt: the source case "x\\u202ey"/);
    expect(dumpDb(dir)).toEqual(before);
  });
});

describe('folders with links, FIFOs and devices', () => {
  it('follows each real file and folder once through a symlink loop', async () => {
    const { dir, ctx } = newProject();
    put(dir, 'in/one.txt', 'P: one\n');
    put(dir, 'in/sub/two.txt', 'P: two\n');
    put(dir, 'elsewhere/three.txt', 'P: three\n');
    symlinkSync('.', join(dir, 'in/self'));
    symlinkSync('..', join(dir, 'in/sub/up'));
    symlinkSync('one.txt', join(dir, 'in/alias.txt'));
    symlinkSync('../elsewhere', join(dir, 'in/linked'));
    symlinkSync('missing.txt', join(dir, 'in/broken.txt'));
    const s = await ingest(ctx, ['in']);
    expect(s.files.map((f) => [f.source, f.file])).toEqual([
      ['three', 'in/linked/three.txt'], ['one', 'in/one.txt'], ['two', 'in/sub/two.txt'],
    ]);
    expect(s.ignoredKinds).toEqual([{ kind: 'broken link', files: 1 }]);
    // Another name for a file: a transcript is read under its transcript name, once.
    put(dir, 'pics/photo.jpg', 'x');
    symlinkSync('photo.jpg', join(dir, 'pics/copy.jpg'));
    symlinkSync('../in/one.txt', join(dir, 'pics/one.jpg'));
    const pics = await ingest(ctx, ['pics', 'in/one.txt'], { dryRun: true });
    expect(pics.files.map((f) => f.file)).toEqual(['in/one.txt']);
    expect(pics.ignoredKinds).toEqual([{ kind: '.jpg', files: 1 }]);
    const glob = await ingest(ctx, ['in/**/*.txt'], { dryRun: true });
    expect(glob.files.map((f) => f.source)).toEqual(['one', 'two']);
  });

  it.skipIf(!existsSync('/usr/bin/mkfifo') && !existsSync('/bin/mkfifo'))('refuses a FIFO or device named directly, and never opens one found in a folder', async () => {
    const { dir, ctx } = newProject();
    const before = dumpDb(dir);
    mkdirSync(join(dir, 'in'));
    execFileSync('mkfifo', [join(dir, 'in/pipe.txt')]);
    put(dir, 'in/a.txt', 'P: hello\n');
    expect(await refusal(() => ingest(ctx, ['in/pipe.txt']))).toBe('in/pipe.txt: not a regular file (a FIFO, device or socket)');
    expect(await refusal(() => ingest(ctx, ['/dev/null']))).toBe('/dev/null: not a regular file (a FIFO, device or socket)');
    expect(dumpDb(dir)).toEqual(before);
    const s = await ingest(ctx, ['in']);
    expect(s.files.map((f) => f.source)).toEqual(['a']);
    expect(s.ignoredKinds).toEqual([{ kind: 'not a regular file', files: 1 }]);
  });

  it.skipIf(!existsSync('/usr/bin/mkfifo') && !existsSync('/bin/mkfifo'))('refuses a FIFO given as a cases file or codebook, without blocking', async () => {
    const { dir, ctx } = newProject();
    execFileSync('mkfifo', [join(dir, 'cases.csv')]);
    execFileSync('mkfifo', [join(dir, 'codes.yaml')]);
    expect(await refusal(() => importCases(ctx, 'cases.csv'))).toBe('cases.csv: not a regular file (a FIFO, device or socket)');
    expect(await refusal(() => importCodebook(ctx, 'codes.yaml'))).toBe('codes.yaml: not a regular file (a FIFO, device or socket)');
  });

  it('names the kinds of the files it did not read', async () => {
    // Extensions no transcript reader will ever claim, so that adding readers keeps this true.
    const { dir, ctx } = newProject();
    for (const f of ['a.jpg', 'b.mp3', 'c.xlsx', 'd.JPG', 'README', '~$lock.docx']) put(dir, `in/${f}`, 'x');
    const s = await ingest(ctx, ['in']);
    expect(s.files).toEqual([]);
    expect(s.ignored).toBe(6);
    expect(s.ignoredKinds).toEqual([
      { kind: '.jpg', files: 2 }, { kind: '.mp3', files: 1 }, { kind: '.xlsx', files: 1 },
      { kind: 'no extension', files: 1 }, { kind: '~$ lock file', files: 1 },
    ]);
  });
});

describe('a .docx that unpacks far beyond its size (zip bomb)', () => {
  const MB = 1024 * 1024;
  /** A valid .docx whose document.xml is `size` bytes, mostly one long run of spaces. */
  function bomb(size: number): Uint8Array {
    const head = '<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>P: hi</w:t></w:r></w:p>';
    const tail = '</w:body></w:document>';
    const xml = new Uint8Array(size).fill(0x20);
    xml.set(strToU8(head), 0);
    xml.set(strToU8(tail), size - tail.length);
    return zipSync({ 'word/document.xml': xml }, { level: 9 });
  }
  /** The same archive, claiming (in both headers) that document.xml is 1 KB. */
  function lying(bytes: Uint8Array): Uint8Array {
    const out = bytes.slice();
    const view = new DataView(out.buffer);
    for (let at = 0; at + 4 <= out.length; at++) {
      const sig = view.getUint32(at, true);
      if (sig === 0x04034b50) view.setUint32(at + 22, 1024, true);
      if (sig === 0x02014b50) view.setUint32(at + 24, 1024, true);
    }
    return out;
  }

  it('is refused by its declared size, before inflating, project untouched', async () => {
    const { dir, ctx } = newProject();
    const before = dumpDb(dir);
    const bytes = bomb(4 * MB);
    expect(bytes.length).toBeLessThan(64 * 1024);
    put(dir, 'bomb.docx', bytes);
    expect(await refusal(() => ingest(ctx, ['bomb.docx'], { maxBytes: MB }))).toBe('bomb.docx: word/document.xml would unpack to 4 MB, over the 1 MB limit');
    expect(dumpDb(dir)).toEqual(before);
  });

  it('is refused while inflating when the declared size lies', async () => {
    const { dir, ctx } = newProject();
    put(dir, 'liar.docx', lying(bomb(4 * MB)));
    expect(await refusal(() => ingest(ctx, ['liar.docx'], { maxBytes: MB }))).toBe('liar.docx: word/document.xml unpacks to more than the 1 MB limit');
    // Within the limit, the same archive is read (the lie does not matter then).
    const s = await ingest(ctx, ['liar.docx'], { maxBytes: 5 * MB });
    expect(s.files.map((f) => f.source)).toEqual(['liar']);
  });

  it('is refused the same way in an OpenDocument .odt', async () => {
    const { dir, ctx } = newProject();
    const xml = new Uint8Array(4 * MB).fill(0x20);
    put(dir, 'bomb.odt', zipSync({ mimetype: strToU8('application/vnd.oasis.opendocument.text'), 'content.xml': xml }, { level: 9 }));
    put(dir, 'liar.odt', lying(zipSync({ 'content.xml': xml }, { level: 9 })));
    expect(await refusal(() => ingest(ctx, ['bomb.odt'], { maxBytes: MB }))).toBe('bomb.odt: content.xml would unpack to 4 MB, over the 1 MB limit');
    expect(await refusal(() => ingest(ctx, ['liar.odt'], { maxBytes: MB }))).toBe('liar.odt: content.xml unpacks to more than the 1 MB limit');
  });

  it('applies --max-size to the text stored, not to the images of a Word file', async () => {
    const { dir, ctx } = newProject();
    const picture = new Uint8Array(2 * MB);
    for (let i = 0; i < picture.length; i++) picture[i] = (i * 7919) % 251; // incompressible-ish
    const xml = strToU8('<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>P: hi</w:t></w:r></w:p></w:body></w:document>');
    put(dir, 'photo.docx', zipSync({ 'word/document.xml': xml, 'word/media/image1.png': [picture, { level: 0 }] }));
    const s = await ingest(ctx, ['photo.docx'], { maxBytes: MB });
    expect(s.files.map((f) => f.source)).toEqual(['photo']);
    put(dir, 'long.txt', `P: ${'word '.repeat(250_000)}`);
    expect(await refusal(() => ingest(ctx, ['long.txt'], { maxBytes: MB }))).toBe('long.txt: 1.2 MB is over the 1 MB limit');
    // Windows-1252 bytes above 0x7F take two UTF-8 bytes each in the stored text.
    put(dir, 'wide.txt', cp1252(`P: ${'é'.repeat(700_000)}`));
    expect(await refusal(() => ingest(ctx, ['wide.txt'], { maxBytes: MB }))).toBe('wide.txt: its text is 1.3 MB, over the 1 MB limit');
  });
});
