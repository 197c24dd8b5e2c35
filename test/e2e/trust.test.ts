/**
 * End to end (bin/qcode.js, NO_COLOR=1) on the example study: the issue-8 scenario of a
 * two-coder study — re-ingest without --name-pattern, metadata for a .docx, the consensus as
 * the default coder, agreement naming what it compared.
 */
import { describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import { spawnQcode } from '../support/cli.js';
import { tempDir } from '../support/project.js';

const STUDY = fileURLToPath(new URL('../../fixtures/example-study/', import.meta.url));

describe('trust in a two-coder study, end to end', () => {
  it('cases stay put, metadata for a docx, consensus by default, agreement names its sources', () => {
    const dir = tempDir();
    const q = (...argv: string[]) => spawnQcode(argv, { cwd: dir });
    const json = (...argv: string[]) => {
      const r = q(...argv);
      expect(r.code, `${argv.join(' ')}: ${r.stderr}`).toBe(0);
      return JSON.parse(r.stdout);
    };
    q('init');
    expect(json('ingest', STUDY, '--name-pattern', '{case}_T{wave}', '--cases', `${STUDY}cases.csv`, '--json')).toMatchObject({ casesAdded: 6 });
    // The README's later run leaves the pattern off: nothing moves, no new case.
    expect(json('ingest', STUDY, '--json')).toMatchObject({ namePattern: '{case}_T{wave}', casesAdded: 0, moves: [], unchanged: 18 });
    expect(json('report', 'sample', '--json')).toMatchObject({ cases: 6, sources: 18, interviewsPerCase: { min: 3, max: 3 } });

    // A .docx gets a duration.
    const before = json('report', 'sample', '--json').withoutDuration;
    expect(q('sources', 'set', '50003_T2', '--duration', '47', '--date', '2024-05-02').stdout).toContain('50003_T2 duration: — → 47 min');
    expect(json('report', 'sample', '--json').withoutDuration).toBe(before - 1);

    // Two coders, then a consensus.
    const env = (coder: string) => ({ cwd: dir, env: { QCODE_CODER: coder } });
    expect(spawnQcode(['tag', 'Preceptor', '50001_T1', '--match', 'my preceptor is lovely', '--new'], env('ana')).code).toBe(0);
    expect(spawnQcode(['tag', 'Preceptor', '50001_T1', '--match', 'she’s really experienced'], env('ben')).code).toBe(0);
    expect(spawnQcode(['tag', 'Preceptor', '50001_T2', '--lines', '3'], env('ben')).code).toBe(0);
    const agreement = json('report', 'agreement', '--coders', 'ana,ben', '--json');
    expect(agreement.compared).toEqual([{ source: '50001_T1', codings: { ana: 1, ben: 1 } }]);
    expect(json('report', 'themes', '--json').codersInScope).toEqual({ coders: ['ana', 'ben'], rule: 'all' });
    expect(spawnQcode(['adopt', '--from', 'ana', '--all'], env('lee')).code).toBe(0);
    const themes = json('report', 'themes', '--json');
    expect(themes.codersInScope).toEqual({ coders: ['consensus'], rule: 'consensus' });
    expect(themes.rows.find((r: { code: string }) => r.code === 'Preceptor')).toMatchObject({ cases: 1, sources: 1, references: 1 });
    expect(json('report', 'themes', '--coder', 'all', '--json').rows.find((r: { code: string }) => r.code === 'Preceptor')).toMatchObject({ sources: 2 });
    expect(q('report', 'framework', '--format', 'tex').stdout).toContain('Coders in scope: consensus');
  }, 60_000);
});
