#!/usr/bin/env node
// Regenerates the Word transcripts of the example study (synthetic data written for qcode):
//
//   fixtures/example-study/50003_T2.docx   bold labels, a header and a footer (with a page
//                                          number), a title paragraph before the first label,
//                                          one paragraph with a line break inside it
//   fixtures/example-study/50005_T2.docx   plain labels, turns that run over two paragraphs,
//                                          a footnote, a tab inside a turn
//
// Run from the repository root:  node scripts/make-example-docx.mjs
//
// Uses the `docx` devDependency to write the files, then re-zips them with fixed timestamps
// (fflate) so that running the script again gives byte-identical files. The reader must keep
// the body paragraphs and leave out the header, footer and footnote.
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  Document, Footer, FootnoteReferenceRun, Header, Packer, PageNumber, Paragraph, Tab, TextRun,
} from 'docx';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outDir = join(root, 'fixtures', 'example-study');
const FIXED_TIME = '2024-07-20T10:00:00Z';

/** A labelled paragraph: `Label:` (bold or not) followed by the talk. */
function turn(label, text, { bold = true } = {}) {
  return new Paragraph({
    spacing: { after: 160 },
    children: [new TextRun({ text: `${label}:`, bold }), new TextRun({ text: ` ${text}` })],
  });
}
/** A paragraph without a label: the talk continues the previous turn. */
const more = (text) => new Paragraph({ spacing: { after: 160 }, children: [new TextRun(text)] });

function header(text) {
  return new Header({ children: [new Paragraph({ children: [new TextRun({ text, italics: true, size: 18 })] })] });
}
function footer(text) {
  return new Footer({
    children: [new Paragraph({
      children: [new TextRun({ text: `${text} · page `, size: 18 }), new TextRun({ children: [PageNumber.CURRENT], size: 18 })],
    })],
  });
}

// ---------------------------------------------------------------- 50003, wave 2 (July)
const doc50003 = new Document({
  creator: 'qcode example study',
  title: 'Interview 50003 T2',
  sections: [{
    headers: { default: header('Newly Qualified Nurses Study – CONFIDENTIAL – do not circulate') },
    footers: { default: footer('Participant 50003, interview 2, transcribed by SR') },
    children: [
      new Paragraph({ children: [new TextRun({ text: 'Interview 2, July 2024', bold: true, size: 28 })], spacing: { after: 240 } }),
      turn('Interviewer', 'Good to see you again. It’s been about four months. What’s been happening?'),
      turn('Participant', 'Quite a lot, actually. I’ve finished most of my competencies, I did my medication management sign-off in June. And I’ve started doing nights, which on our ward is, um, it’s different. It’s quieter but you’re more on your own, there’s only two qualified for the whole unit.'),
      turn('Interviewer', 'How are you finding the nights?'),
      turn('Participant', 'Better than I thought. I’m used to late nights from the kitchen. [laughs] But the sleep after is hard, my body doesn’t know what day it is. I’ve got a routine now though. I come home, shower, eat something small, blackout blinds, and I don’t touch my phone. It works, mostly.'),
      turn('Interviewer', 'Last time you talked about cooking as a way to switch off. How are you looking after yourself now?'),
      new Paragraph({
        spacing: { after: 160 },
        children: [
          new TextRun({ text: 'Participant:', bold: true }),
          new TextRun(' Still cooking. And I go to the gym three times a week, I started in April. I think for me self-care is, um, it’s about having something that’s just mine. Something that isn’t the ward.'),
          new TextRun({ text: 'And we’ve got clinical supervision now, once a month, with a psychologist from the team. That’s been massive, honestly. You get to offload properly, somewhere safe.', break: 1 }),
        ],
      }),
      turn('Interviewer', 'What about the workload?'),
      turn('Participant', 'It’s heavy. We’ve had a lot of staff off, so I get moved to other wards quite a lot, like the older adult ward or the PICU, and you don’t know the patients, you don’t know the staff. That’s the worst bit. I don’t mind being busy on my own ward, because I know everyone. And the paperwork is still, yeah. I’m faster now, but it’s still a big chunk of the shift.'),
      turn('Interviewer', 'Has anything happened that made you feel more like a nurse?'),
      turn('Participant', 'Yeah, there was a moment a few weeks ago. A patient I’d admitted back in March, really unwell, he was being discharged, and he came to find me to say thank you. He said I was the first person on the ward who talked to him like a human being. I had to go in the clinic room for a minute after that. [laughs] That’s when I thought, okay, I’m actually doing this. I’m not a chef who’s pretending anymore.'),
      turn('Interviewer', 'And your preceptor, is she still around?'),
      turn('Participant', 'Yeah, we still meet, but less now. She says I don’t need her as much, which is nice to hear. I still ring her if something’s odd. The team had my back again last month, actually, with a complaint from a relative. It wasn’t really about me, but I was named, and the manager sat with me and went through it, and it was closed with no further action.'),
    ],
  }],
});

// ---------------------------------------------------------------- 50005, wave 2 (July)
const plainTurn = (label, text) => turn(label, text, { bold: false });
const doc50005 = new Document({
  creator: 'qcode example study',
  title: 'Interview 50005 T2',
  footnotes: { 1: { children: [new Paragraph('Non-invasive ventilation (transcriber’s note).')] } },
  sections: [{
    children: [
      plainTurn('Interviewer', 'How have things been since March?'),
      plainTurn('Participant', 'Busy. [laughs] Very busy. We lost three staff nurses in May, two went to the private hospital and one retired, and they haven’t been replaced. So now I’m one of the more experienced ones on the ward, which is mad, I’ve been qualified six months.'),
      more('They’ve started putting me in charge on some lates already. Not officially. It’s just, there’s nobody else. The sister will be on a course or off sick and it’s me and two agency nurses and a student, and I’m holding the bleep.'),
      plainTurn('Interviewer', 'How does that feel?'),
      new Paragraph({
        spacing: { after: 160 },
        children: [
          new TextRun('Participant: Honestly? Frightening. I don’t mind the work, I’ve never minded hard work. But being in charge means you’re responsible for everyone, and I still don’t know half of what I should. Last month we had a patient on NIV'),
          new FootnoteReferenceRun(1),
          new TextRun(' whose gases were going the wrong way, and I was also trying to sort a bed for a new admission and a family wanting to see the doctor, and I thought, I can’t be in three places.'),
        ],
      }),
      plainTurn('Interviewer', 'Did you raise it with anyone?'),
      new Paragraph({
        spacing: { after: 160 },
        children: [
          new TextRun('Participant:'),
          new TextRun({ children: [new Tab()] }),
          new TextRun('I did an incident form. I’ve done a few now. You get an email back saying thank you for raising it, it’s been reviewed, and nothing changes. I asked my manager and she said they’re recruiting, they’re doing international recruitment, the new nurses are coming in September. Which is fine. But it’s July.'),
        ],
      }),
      plainTurn('Interviewer', 'How are you looking after yourself through all this?'),
      plainTurn('Participant', 'I’m not, is the short answer. I’m doing extra shifts, because we need the money and because the ward needs people. I’m not sleeping great. My wife says I’m short with the kids. I know I am.'),
      more('The team’s what keeps me going. We’re a good team, the ones who are left, we’re tight. If I’m struggling someone will come and take a patient or do my obs. The team had my back when I was in charge and it went wrong, nobody blamed me. But the organisation, the trust, it’s like they don’t see us.'),
      plainTurn('Interviewer', 'And your preceptorship?'),
      plainTurn('Participant', 'Technically I’m still on it. My preceptor went on maternity leave in June, so I haven’t got one at the moment. I’ve been told someone will be allocated. I’ve done most of my competencies on my own, just getting whoever’s on to sign them.'),
      plainTurn('Interviewer', 'Is there anything that’s going well?'),
      plainTurn('Participant', 'The patients. I had a man last week, end of life, COPD, I’d known him for years, since my HCA days. I was with him when he died, and his daughter said, I’m glad it was you. That’s why I do this. That’s the bit they can’t take away.'),
    ],
  }],
});

/** Packs a document, then rewrites the zip with fixed dates so the output is reproducible. */
async function write(doc, name) {
  const packed = await Packer.toBuffer(doc);
  const files = unzipSync(new Uint8Array(packed));
  const core = 'docProps/core.xml';
  if (files[core]) {
    files[core] = strToU8(strFromU8(files[core])
      .replace(/(<dcterms:(?:created|modified)[^>]*>)[^<]*(<\/dcterms:)/g, `$1${FIXED_TIME}$2`));
  }
  // Zip entry dates are stored in local time: build the date from local fields so that the
  // bytes do not depend on the time zone of the machine running the script.
  const mtime = new Date(2024, 6, 20, 10, 0, 0);
  const entries = Object.fromEntries(Object.entries(files).map(([path, data]) => [path, [data, { mtime }]]));
  const out = join(outDir, name);
  writeFileSync(out, zipSync(entries, { level: 9 }));
  console.log(`wrote ${out}`);
}

await write(doc50003, '50003_T2.docx');
await write(doc50005, '50005_T2.docx');
