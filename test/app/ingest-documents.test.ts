import { describe, expect, it } from 'vitest';
import { ingest } from '../../src/app/ingest.js';
import { listSources } from '../../src/app/sources.js';
import { showSource } from '../../src/app/show.js';
import { dumpDb, newProject, put } from '../support/project.js';
import { makePdf } from '../support/pdf.js';
import { makeOdt } from '../support/documents.js';

const rtf = String.raw`{\rtf1\ansi\ansicpg1252{\fonttbl{\f0 Arial;}}\f0 Interviewer: How are the nights?\par Participant: Long. I\rquote m tired.\par}`;

describe('ingest of .pdf, .odt and .rtf transcripts', () => {
  it('reads each as lines, finds speaker labels and turns, and records the format', async () => {
    const { dir, ctx } = newProject();
    put(dir, 'in/P01_T1.pdf', makePdf([['Interviewer: How are the nights?', 'Participant: Long. I’m tired.']]));
    put(dir, 'in/P02_T1.odt', makeOdt('<text:p>Interviewer: How are the nights?</text:p><text:p>Participant: Long. I’m tired.</text:p>'));
    put(dir, 'in/P03_T1.rtf', rtf);
    const s = await ingest(ctx, ['in']);
    expect(s.added).toBe(3);
    expect(s.encodings).toEqual([]);
    const sources = listSources(ctx);
    expect(sources.map((x) => [x.id, x.format, x.turns, x.participantWords, x.interviewerWords])).toEqual([
      ['P01_T1', 'pdf', 2, 3, 4], ['P02_T1', 'odt', 2, 3, 4], ['P03_T1', 'rtf', 2, 3, 4],
    ]);
    for (const id of ['P01_T1', 'P02_T1', 'P03_T1']) {
      expect(showSource(ctx, id).lines.map((l) => l.text)).toEqual(['Interviewer: How are the nights?', 'Participant: Long. I’m tired.']);
    }
  });

  it('refuses a scanned PDF with the reason, changing nothing; --skip-bad ingests the rest', async () => {
    const { dir, ctx } = newProject();
    put(dir, 'in/scan.pdf', makePdf([null]));
    put(dir, 'in/ok.rtf', rtf);
    const before = dumpDb(dir);
    await expect(ingest(ctx, ['in'])).rejects.toThrow(/in\/scan\.pdf: the PDF has no text layer/);
    expect(dumpDb(dir)).toEqual(before);
    const s = await ingest(ctx, ['in'], { skipBad: true });
    expect(s.skipped).toEqual([{ file: 'in/scan.pdf', reason: expect.stringContaining('no text layer') }]);
    expect(listSources(ctx).map((x) => x.id)).toEqual(['ok']);
  });

  it('holds every document to the size limit, measured on its text too', async () => {
    const { dir, ctx } = newProject();
    put(dir, 'big.odt', makeOdt(`<text:p>Participant: ${'word '.repeat(300_000)}</text:p>`));
    // The text part is refused by its size before it is unpacked (zip bombs: see hostile-input.test.ts).
    await expect(ingest(ctx, ['big.odt'], { maxBytes: 1024 * 1024 })).rejects.toThrow(/big\.odt: content\.xml would unpack to 1\.4 MB, over the 1 MB limit/);
  });
});
