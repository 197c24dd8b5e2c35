import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { spawnQcode } from '../support/cli.js';
import { newProject, put, tempDir } from '../support/project.js';
import { makePdf } from '../support/pdf.js';

const DIST = fileURLToPath(new URL('../../dist/', import.meta.url));

/** Every module `entry` loads statically (dynamic import() calls are not followed). */
function staticGraph(entry: string, seen = new Set<string>()): Set<string> {
  if (seen.has(entry)) return seen;
  seen.add(entry);
  const code = readFileSync(entry, 'utf8');
  for (const m of code.matchAll(/^(?:import|export)\s[^;]*?from\s+'(\.[^']+)'/gm)) staticGraph(resolve(dirname(entry), m[1]!), seen);
  return seen;
}

describe('exchange end to end (bin/qcode.js)', () => {
  it('ingests a PDF, exports the project and imports it into another, printing the convention', () => {
    const { dir } = newProject();
    put(dir, 'P01_T1.pdf', makePdf([['Interviewer: And nights?', 'Participant: Nights are the hardest part.']]));
    const env = { QCODE_CODER: 'ana' };
    expect(spawnQcode(['ingest', 'P01_T1.pdf'], { cwd: dir, env }).code).toBe(0);
    expect(spawnQcode(['tag', 'Nights', 'P01_T1', '--match', 'the hardest part', '--new'], { cwd: dir, env }).code).toBe(0);
    const ex = spawnQcode(['export', 'out.qdpx'], { cwd: dir, env });
    expect(ex.code, ex.stderr).toBe(0);
    const other = tempDir();
    expect(spawnQcode(['init'], { cwd: other, env }).code).toBe(0);
    const im = spawnQcode(['import', join(dir, 'out.qdpx')], { cwd: other, env });
    expect(im.code, im.stderr).toBe(0);
    expect(im.stdout).toContain('positions: Unicode code points of the text as written');
    expect(JSON.parse(spawnQcode(['codings', '--json'], { cwd: other, env }).stdout)[0]).toMatchObject({ code: 'Nights', quote: 'the hardest part', coder: 'ana' });
  }, 60_000);

  it('keeps the PDF library and the exchange code out of what qcode tag loads', () => {
    const loaded = [...staticGraph(join(DIST, 'cli/commands/tag.js')), ...staticGraph(join(DIST, 'cli/main.js'))];
    expect(loaded.length).toBeGreaterThan(3);
    expect(loaded.filter((f) => /io\/pdf\.js|io\/refi\/|io\/read-transcript\.js/.test(f))).toEqual([]);
  });
});
