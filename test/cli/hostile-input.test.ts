/** What a user sees for hostile input: one line on stderr, exit 2; and the ignored files named. */
import { describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.js';
import { newProject, put } from '../support/project.js';

describe('hostile input at the command line', () => {
  it.each([
    ['cb.yaml', 'codes: &c [{name: A, children: *c}]\n', ['codebook', 'import', 'cb.yaml'], 'qcode: cb.yaml: a YAML alias (*name) refers to the value that contains it'],
    ['a\nb.txt', 'P: hi\n', ['ingest', '.'], 'qcode: a\\nb.txt: the source id "a\\nb" contains a control character (\\n)'],
    ['open.md', '---\ncase: 1\nP: hi\n', ['ingest', 'open.md'], 'qcode: open.md: line 1: front matter opened with --- is never closed'],
  ])('%j gets one line and exit 2', async (name, content, argv, start) => {
    const { dir } = newProject();
    put(dir, name, content);
    const r = await runCli(argv, { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr.startsWith(start)).toBe(true);
    expect(r.stderr.split('\n')).toHaveLength(2);
  });

  it('lists a skipped file with a control character in its name escaped', async () => {
    const { dir } = newProject();
    put(dir, 'in/ok.txt', 'P: hi\n');
    put(dir, 'in/e\u001b[2Jmpty.txt', '');
    const r = await runCli(['ingest', 'in', '--skip-bad'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('skipped: in/e\\x1b[2Jmpty.txt: the file is empty\n');
    expect(r.stdout).not.toContain('\u001b');
  });

  it('names the kinds and counts of the files ingest did not read, and says what it reads', async () => {
    const { dir } = newProject();
    for (const f of ['a.jpg', 'b.jpg', 'c.xlsx', 'notes']) put(dir, `in/${f}`, 'x');
    const r = await runCli(['ingest', 'in'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n')[0]).toBe('ingested 0 files: 0 added, 0 revised, 0 updated, 0 unchanged (4 other files ignored: 2 .jpg, 1 .xlsx, 1 no extension)');
    expect(r.stderr).toMatch(/^qcode: no transcript among the files found; qcode reads \.txt, \.md, .*\.docx.* files\n$/);
    const json = JSON.parse((await runCli(['ingest', 'in', '--json'], { cwd: dir })).stdout);
    expect(json.ignoredKinds).toEqual([{ kind: '.jpg', files: 2 }, { kind: '.xlsx', files: 1 }, { kind: 'no extension', files: 1 }]);
  });
});
