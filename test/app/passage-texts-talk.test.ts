/**
 * The participant talk SourceRepo.passageBytes reads in SQL, for the three kinds of source:
 * without speaker labels (no turns: all of the text is talk, null), with turns but none a
 * participant's (no talk, an empty list), and with both roles (the participant turns' bounds).
 */
import { describe, expect, it } from 'vitest';
import { ingest } from '../../src/app/ingest.js';
import { withProject } from '../../src/app/project.js';
import { loadScope } from '../../src/app/report-scope.js';
import { projectPassageTexts, scopePassageTexts } from '../../src/app/reports/quotes.js';
import { newProject, put } from '../support/project.js';

describe('passageBytes talk', () => {
  it('tells a source without turns from one without participant turns', async () => {
    const { dir, ctx } = newProject();
    const texts: Record<string, string> = {
      'A_T1.txt': 'Just some notes, no speakers.\nA second line.\n',
      'B_T1.txt': 'Interviewer: Only questions here?\nInterviewer: Yes, only questions.\n',
      'C_T1.txt': 'Interviewer: How are you?\nParticipant: Fine, thanks — and you?\nInterviewer: Good.\nParticipant: Great ’tis.\n',
    };
    for (const [name, text] of Object.entries(texts)) put(dir, name, text);
    await ingest(ctx, Object.keys(texts), { namePattern: '{case}_T{wave}' });
    withProject(ctx, (p) => {
      const s = loadScope(p, {});
      const fromProject = projectPassageTexts(p, s);
      const fromScope = scopePassageTexts(s);
      const talk = (t: Int32Array | null): number[] | null => (t === null ? null : [...t]);
      const byName = new Map(s.sources.map((src, i) => [src.id, i]));
      expect(talk(fromProject(byName.get('A_T1')!).talk)).toBeNull();
      expect(talk(fromProject(byName.get('B_T1')!).talk)).toEqual([]);
      expect(talk(fromProject(byName.get('C_T1')!).talk)!.length).toBe(4);
      for (let i = 0; i < s.sources.length; i++) expect(talk(fromProject(i).talk)).toEqual(talk(fromScope(i).talk));
    }, { readonly: true });
  });
});
