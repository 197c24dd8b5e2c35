import { describe, expect, it } from 'vitest';
import { exportEntries, importCodebook } from '../../src/app/codebook-io.js';
import { codebookHistory, listCodebook } from '../../src/app/codebook.js';
import { codebookYaml } from '../../src/io/codebook-file.js';
import { dumpDb, newProject, put } from '../support/project.js';
import { as } from '../support/coding.js';

/** A codebook of `themes` themes of `per` codes each, as a user would write it. */
function codebookText(themes: number, per: number, { note = '' } = {}): string {
  const lines = ['codes:'];
  for (let t = 1; t <= themes; t++) {
    lines.push(`  - name: Theme ${t}`, `    description: Everything about area ${t}.${note}`, '    children:');
    for (let c = 1; c <= per; c++) lines.push(`      - name: Code ${t}.${c}`, `        description: "Aspect ${c}: of area ${t}"`);
  }
  return lines.join('\n') + '\n';
}

describe('codebook import of a large codebook', () => {
  it('gives the same project whether the quick reader or the YAML library reads the file', () => {
    const quick = newProject();
    const library = newProject();
    put(quick.dir, 'cb.yaml', codebookText(20, 30));
    // A comment after a value is outside what the quick reader takes: the library reads this one.
    put(library.dir, 'cb.yaml', codebookText(20, 30, { note: ' # same codes' }).replace(/ # same codes/g, '') + '# end\nextra: 1 # x\n');
    const a = importCodebook(as(quick.ctx, 'ana'), 'cb.yaml');
    const b = importCodebook(as(library.ctx, 'ana'), 'cb.yaml');
    expect(a.added).toHaveLength(620);
    expect(b).toEqual(a);
    expect(dumpDb(library.dir)).toEqual(dumpDb(quick.dir));
  });

  it('imports again unchanged, then applies renames by case, moves and new descriptions', () => {
    const { dir, ctx } = newProject();
    put(dir, 'cb.yaml', codebookText(10, 20));
    importCodebook(as(ctx, 'ana'), 'cb.yaml');
    expect(importCodebook(as(ctx, 'ana'), 'cb.yaml')).toMatchObject({ added: [], updated: [], moved: [], unchanged: 210 });
    const changed = codebookText(10, 20)
      .replace('      - name: Code 1.1\n', '      - name: CODE 1.1\n')
      .replace('"Aspect 2: of area 1"', 'a new description')
      .replace('      - name: Code 10.20\n        description: "Aspect 20: of area 10"\n', '');
    put(dir, 'cb2.yaml', changed + '  - name: Theme 11\n    children:\n      - name: Code 10.20\n        description: "Aspect 20: of area 10"\n');
    const r = importCodebook(as(ctx, 'ana'), 'cb2.yaml');
    expect(r).toMatchObject({ added: ['Theme 11'], updated: ['Code 1.2'], moved: ['Code 10.20'] });
    expect(listCodebook(ctx).find((c) => c.code === 'CODE 1.1')).toBeDefined();
    expect(listCodebook(ctx).find((c) => c.code === 'Code 10.20')).toMatchObject({ parent: 'Theme 11' });
    expect(codebookHistory(ctx).filter((h) => h.action !== 'add').map((h) => [h.action, h.code])).toEqual([
      ['rename', 'CODE 1.1'], ['describe', 'Code 1.2'], ['move', 'Code 10.20'],
    ]);
    // Export and import again: nothing changes.
    put(dir, 'out.yaml', codebookYaml(exportEntries(ctx)));
    expect(importCodebook(as(ctx, 'ana'), 'out.yaml')).toMatchObject({ added: [], updated: [], moved: [], unchanged: 211 });
  });
});
