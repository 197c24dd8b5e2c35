/**
 * Passages read from the project's stored bytes (SourceRepo.passageBytes: the text as UTF-8,
 * the participant turns' talk aggregated in SQL) against the same passages read from the
 * scope's decoded texts and turns.
 */
import { describe, expect, it } from 'vitest';
import { frameworkReport } from '../../src/app/reports/framework.js';
import { projectPassageTexts, quotesReport, scopePassageTexts } from '../../src/app/reports/quotes.js';
import { reportProject } from '../support/report-fixture.js';

describe('projectPassageTexts', () => {
  it('gives each source the bytes and participant talk the scope’s texts give', async () => {
    const f = await reportProject();
    f.withScope({}, (s, p) => {
      const fromProject = projectPassageTexts(p, s);
      const fromScope = scopePassageTexts(s);
      for (let i = 0; i < s.sources.length; i++) {
        const a = fromProject(i);
        const b = fromScope(i);
        expect([...a.bytes]).toEqual([...b.bytes]);
        expect(a.talk === null ? null : [...a.talk]).toEqual(b.talk === null ? null : [...b.talk]);
      }
      const codes = s.codes.map((c) => c.name);
      expect(quotesReport(s, codes, {}, fromProject)).toEqual(quotesReport(s, codes));
      expect(frameworkReport(s, { texts: fromProject })).toEqual(frameworkReport(s));
    });
  });
});
