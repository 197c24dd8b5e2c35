import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { validateXML } from 'xmllint-wasm';
import { codingProject, P07_T1, P12_T2, qc } from '../support/coding.js';
import { newProject, put } from '../support/project.js';
import { buildProject, exportQdpx } from '../../src/app/refi-export.js';
import { withProject } from '../../src/app/project.js';
import { qdpxBytes } from '../../src/io/refi/qdpx-write.js';

const SCHEMAS = fileURLToPath(new URL('../../../shared/refi-qda/', import.meta.url));
const hasSchemas = existsSync(join(SCHEMAS, 'Project.xsd'));

async function validate(xml: string, schema: 'Project.xsd' | 'Codebook.xsd'): Promise<string[]> {
  const r = await validateXML({ xml: [{ fileName: 'out.xml', contents: xml }], schema: [{ fileName: schema, contents: readFileSync(join(SCHEMAS, schema), 'utf8') }] });
  return r.errors.map((e) => e.message);
}

/** A small coded study: two participants, an emoji, two coders, a tree, colours, memos, attributes. */
async function studyProject() {
  const { dir, ctx } = await codingProject({ 'P07_T1.txt': P07_T1.replace('Honestly,', 'Honestly 😅,'), 'P12_T2.txt': P12_T2 });
  put(dir, 'cases.csv', 'case,age,unit\nP07,34,ICU\nP12,41,Surgery\n');
  const steps: [string[], string?][] = [
    [['cases', 'import', 'cases.csv']],
    [['codebook', 'add', 'Strain', '--description', 'What wears people down', '--color', '#aa3300']],
    [['codebook', 'add', 'Night shifts', '--parent', 'Strain']],
    [['codebook', 'add', 'Support']],
    [['tag', 'Night shifts', 'P07_T1', '--match', 'The night shifts were the worst']],
    [['tag', 'Night shifts', 'P12_T2', '--match', 'I dropped the night shifts'], 'bo'],
    [['tag', 'Support', 'P07_T1', '--match', 'My preceptor']],
    [['tag', 'Strain', 'P07_T1', '--match', 'out of my depth']],
    [['tag', 'Strain', 'P12_T2', '--match', 'tired and alone'], 'bo'],
    [['memo', 'add', '--code', 'Support', '--title', 'Who helps', '--text', 'Preceptors mostly.']],
    [['memo', 'add', '--source', 'P12_T2', '--text', 'Second wave: calmer.'], 'bo'],
    [['memo', 'add', '--coding', '2', '--title', 'Dropped nights', '--text', 'A choice, not a rota change.'], 'bo'],
  ];
  for (const [argv, coder] of steps) {
    const r = await qc(dir, argv, { coder });
    if (r.code !== 0) throw new Error(`${argv.join(' ')}: ${r.stderr}`);
  }
  return { dir, ctx };
}

describe('qcode export FILE.qdpx and codebook export --format qdc', () => {
  it('writes a project.qde and one plain-text file per source, positions in code points of the normalised text', async () => {
    const { dir } = await studyProject();
    const r = await qc(dir, ['export', 'study.qdpx']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('exported study.qdpx: 2 sources, 3 codes, 5 codings by 2 coders, 3 memos, 2 cases');
    expect(statSync(join(dir, 'study.qdpx')).mode & 0o777).toBe(0o600);
    const files = unzipSync(readFileSync(join(dir, 'study.qdpx')));
    const qde = new TextDecoder().decode(files['project.qde']);
    const texts = Object.keys(files).filter((n) => n.startsWith('Sources/')).map((n) => new TextDecoder().decode(files[n]));
    expect(texts.sort()).toEqual([P07_T1.replace('Honestly,', 'Honestly 😅,'), P12_T2].sort());
    // The selection after the emoji counts it as one position.
    const text = P07_T1.replace('Honestly,', 'Honestly 😅,');
    const at = [...text.slice(0, text.indexOf('My preceptor'))].length;
    expect(qde).toContain(`startPosition="${at}" endPosition="${at + 12}"`);
    // The same project gives the same bytes.
    await qc(dir, ['export', 'again.qdpx']);
    expect(readFileSync(join(dir, 'again.qdpx'))).toEqual(readFileSync(join(dir, 'study.qdpx')));
  });

  it('exports only the sources and coders in scope', async () => {
    const { dir } = await studyProject();
    const bo = JSON.parse((await qc(dir, ['export', 'bo.qdpx', '--coders', 'bo', '--json'])).stdout);
    expect(bo.exported).toMatchObject({ sources: 2, codings: 2, coders: 1, memos: 2 });
    const p07 = JSON.parse((await qc(dir, ['export', 'p07.qdpx', '--sources', 'P07_*', '--json'])).stdout);
    expect(p07.exported).toMatchObject({ sources: 1, cases: 1, codings: 3, memos: 1 });
    const { dir: other } = newProject();
    await qc(other, ['import', join(dir, 'p07.qdpx')]);
    expect((JSON.parse((await qc(other, ['codings', '--json'])).stdout) as { source: string }[]).map((c) => c.source)).toEqual(['P07_T1', 'P07_T1', 'P07_T1']);
    const bad = await qc(dir, ['export', 'none.qdpx', '--sources', 'Z*']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('no source is in the scope');
  });

  it('writes source by source what the project holds whole: memos on codings, weights, orphans and scopes included', async () => {
    const { dir, ctx } = await studyProject();
    for (const [argv, coder] of [[['tag', 'Support', 'P12_T2', '--match', 'tired', '--weight', '3']], [['memo', 'add', '--coding', '1', '--text', 'First night.']], [['tag', 'Support', 'P12_T2', '--match', 'alone'], 'bo']] as [string[], string?][]) {
      const r = await qc(dir, argv, { coder });
      expect(r.code, r.stderr).toBe(0);
    }
    // A transcript corrected so that one coding has no place in it any more.
    put(dir, 'P07_T1.txt', P07_T1.replace('Honestly,', 'Honestly 😅,').replace('My preceptor', 'Nobody'));
    expect((await qc(dir, ['ingest', 'P07_T1.txt', '--name-pattern', '{case}_T{wave}'])).code).toBe(0);
    const contents = (bytes: Uint8Array): Record<string, string> => Object.fromEntries(Object.entries(unzipSync(bytes)).map(([k, v]) => [k, new TextDecoder().decode(v)]));
    for (const filters of [{}, { coders: ['bo'] }, { sources: 'P07_*' }]) {
      const summary = exportQdpx(ctx, 'streamed.qdpx', filters, '9');
      const whole = withProject(ctx, (p) => buildProject(p, filters, '9'), { readonly: true });
      expect(contents(readFileSync(join(dir, 'streamed.qdpx'))), JSON.stringify(filters)).toEqual(contents(qdpxBytes(whole)));
      expect(summary.exported.codings).toBe(whole.sources.reduce((n, x) => n + x.selections.length, 0));
      expect(summary.lost).toEqual(whole.losses);
    }
    const all = exportQdpx(ctx, 'streamed.qdpx', {}, '9');
    expect(all.lost.map((l) => l.what).sort()).toEqual(['coding weights', 'orphaned codings']);
    expect(contents(readFileSync(join(dir, 'streamed.qdpx')))['project.qde']).toMatch(/<Coding [^>]*><CodeRef [^>]*\/><NoteRef /);
  });

  it.skipIf(!hasSchemas)('is valid against ../shared/refi-qda/Project.xsd and Codebook.xsd', async () => {
    const { dir } = await studyProject();
    await qc(dir, ['export', 'study.qdpx']);
    const qde = new TextDecoder().decode(unzipSync(readFileSync(join(dir, 'study.qdpx')))['project.qde']);
    expect(await validate(qde, 'Project.xsd')).toEqual([]);
    const qdc = await qc(dir, ['codebook', 'export', '--format', 'qdc']);
    expect(qdc.stdout).toContain('<CodeBook xmlns="urn:QDA-XML:codebook:1.0"');
    expect(await validate(qdc.stdout, 'Codebook.xsd')).toEqual([]);
    // A test that can fail: a broken file is reported.
    expect(await validate(qde.replace('isCodable="true"', 'isCodable="maybe"'), 'Project.xsd')).not.toEqual([]);
  });

  it('round-trips: export, import into an empty project, byte-identical themes report and codings listing', async () => {
    const { dir } = await studyProject();
    await qc(dir, ['export', 'study.qdpx']);
    const { dir: other } = newProject();
    const imp = await qc(other, ['import', join(dir, 'study.qdpx')]);
    expect(imp.code, imp.stderr).toBe(0);
    expect(imp.stdout).toContain('not imported: nothing');
    for (const argv of [['report', 'themes', '--format', 'json'], ['codings', '--json'], ['cases', '--json'], ['sources', '--json']]) {
      const a = await qc(dir, argv);
      const b = await qc(other, argv);
      expect(a.code).toBe(0);
      if (argv[0] === 'sources') {
        // Paths and formats say where the text came from; everything else is equal.
        const strip = (s: string) => (JSON.parse(s) as Record<string, unknown>[]).map(({ path, format, encoding, ...rest }) => rest);
        expect(strip(b.stdout)).toEqual(strip(a.stdout));
      } else expect(b.stdout, argv.join(' ')).toBe(a.stdout);
    }
    const memos = JSON.parse((await qc(other, ['memo', 'list', '--json'])).stdout) as { title: string; code: string | null; source: string | null; coder: string }[];
    const before = JSON.parse((await qc(dir, ['memo', 'list', '--json'])).stdout) as typeof memos;
    expect(memos.map((m) => [m.title, m.code, m.source, m.coder])).toEqual([['Who helps', 'Support', null, 'ana'], [null, null, 'P12_T2', 'bo'], ['Dropped nights', 'Night shifts', 'P12_T2', 'bo']]);
    expect(memos).toEqual(before);
    // And once more changes nothing.
    const again = await qc(other, ['import', join(dir, 'study.qdpx'), '--json']);
    expect(JSON.parse(again.stdout).imported).toMatchObject({ codingsAdded: 0, codesAdded: 0, sourcesAdded: 0, memosAdded: 0 });
  });

  it('codebook import reads a .qdc: tree, colours, descriptions, headings, repeated names', async () => {
    const { dir } = newProject();
    put(dir, 'book.qdc', `<?xml version="1.0" encoding="utf-8"?>
<CodeBook xmlns="urn:QDA-XML:codebook:1.0" origin="ATLAS.ti"><Codes>
<Code guid="00000000-0000-4000-8000-000000000001" name="Work" isCodable="false" color="#123"><Description>Heading</Description>
  <Code guid="00000000-0000-4000-8000-000000000002" name="Stress" isCodable="true"/></Code>
<Code guid="00000000-0000-4000-8000-000000000003" name="Home" isCodable="true"><Code guid="00000000-0000-4000-8000-000000000004" name="Stress" isCodable="true"/></Code>
</Codes></CodeBook>`);
    const r = await qc(dir, ['codebook', 'import', 'book.qdc']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr + r.stdout).toContain('renamed "Stress" → "Stress (Home)"');
    const book = JSON.parse((await qc(dir, ['codebook', 'list', '--json'])).stdout) as { code: string; parent: string | null; color: string | null; description: string | null }[];
    expect(book.map((c) => [c.code, c.parent, c.color, c.description])).toEqual([
      ['Home', null, null, null], ['Stress (Home)', 'Home', null, null], ['Work', null, '#112233', 'Heading'], ['Stress', 'Work', null, null],
    ]);
    const out = (await qc(dir, ['codebook', 'export', '--format', 'qdc'])).stdout;
    expect(out).toMatch(/name="Work" isCodable="false" color="#112233"/);
  });
});
