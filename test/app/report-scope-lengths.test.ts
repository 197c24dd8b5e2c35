/**
 * A scoped source's length (what report agreement counts character units over) is read for
 * all sources at once, without the full summaries: it must be the summary's length of the
 * current revision, also after a source gains a revision of another length.
 */
import { describe, expect, it } from 'vitest';
import { ingest } from '../../src/app/ingest.js';
import { withProject } from '../../src/app/project.js';
import { loadScope } from '../../src/app/report-scope.js';
import { put } from '../support/project.js';
import { reportProject, TRANSCRIPTS } from '../support/report-fixture.js';

describe('report scope source lengths', () => {
  it('are the summaries\' lengths, before and after a source gains a revision', async () => {
    const f = await reportProject();
    const lengths = () => withProject(f.ctx, (p) => {
      const scope = loadScope(p);
      // Lengths first: read on their own, before any summary.
      const quick = scope.sources.map((s) => s.length);
      expect(quick).toEqual(scope.sources.map((s) => s.summary.length));
      expect(quick.every((n) => n > 0)).toBe(true);
      return new Map(scope.sources.map((s) => [s.id, s.length]));
    }, { readonly: true });
    const before = lengths();
    put(f.dir, 'P1_T1.txt', TRANSCRIPTS['P1_T1.txt']!.replace('Sleep is hard', 'Sleep is very hard indeed'));
    await ingest(f.ctx, ['P1_T1.txt'], { namePattern: '{case}_T{wave}' });
    const after = lengths();
    expect(after.get('P1_T1')).toBe(before.get('P1_T1')! + 'very  indeed'.length);
  });
});
