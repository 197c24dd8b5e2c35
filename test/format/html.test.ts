import { describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { escapeHtml, renderHtml, type HtmlDocument } from '../../src/format/html.js';
import { SCRIPT } from '../../src/format/html-parts.js';
import { renderSvgCurve } from '../../src/format/svg-curve.js';

const doc: HtmlDocument = {
  title: 'Saturation & themes <draft>',
  subtitle: "Study 'nurses' — wave 1",
  sections: [
    {
      title: 'Codes',
      paragraphs: ['Counts per code.', 'Sorted by "n".'],
      table: {
        columns: [{ key: 'code', header: 'Code' }, { key: 'n', header: 'n', align: 'right' }, { key: 'quote', header: 'Quote', wrap: true }],
        rows: [
          { code: 'Work', depth: 0, n: 12, quote: '<script>alert(1)</script>' },
          { code: 'Shifts', depth: 1, n: 3, quote: null },
          { code: 'Nights', depth: 2, n: null, quote: 'a & b' },
        ],
        indentKey: 'depth',
      },
    },
    {
      title: 'Codes by wave',
      table: {
        columns: [{ key: 'code', header: 'Code' }, { key: 'w1', header: 'Wave 1', align: 'right' }, { key: 'w2', header: 'Wave 2', align: 'right' }],
        rows: [{ code: 'Work', w1: 8, w2: 2 }, { code: 'Rest', w1: 0, w2: 4 }],
        heat: { keys: ['w1', 'w2'] },
      },
    },
    { title: 'Curve', svg: renderSvgCurve([{ x: 1, y: 2 }, { x: 2, y: 3 }], { xLabel: 'Interviews', yLabel: 'Codes', markX: 2 }) },
  ],
};

const cellsOf = (html: string, text: string): string => html.match(new RegExp(`<td[^>]*>${text}</td>`))![0];

describe('renderHtml', () => {
  const html = renderHtml(doc);

  it('is one self-contained HTML5 document without any external reference', () => {
    expect(html.match(/<!DOCTYPE html>/gi)).toHaveLength(1);
    expect(html.startsWith('<!DOCTYPE html>\n<html lang="en">')).toBe(true);
    expect(html.trimEnd().endsWith('</html>')).toBe(true);
    expect(html).toContain('<meta charset="utf-8">');
    expect(html).toMatch(/<style>[\s\S]+<\/style>/);
    expect(html).not.toMatch(/\b(src|href)\s*=\s*["']?\s*(https?:)?\/\//i);
    expect(html).not.toMatch(/\b(src|href)\s*=/i);
    expect(html).not.toMatch(/<link\b/i);
    expect(html).not.toMatch(/<script\b[^>]*\bsrc/i);
    expect(html).not.toMatch(/https?:\/\//);
    expect(html).not.toMatch(/@import|url\(/);
    expect(html.match(/<script>/g)).toHaveLength(1);
  });

  it('pins the one inline script with a Content-Security-Policy hash and forbids fetches', () => {
    const hash = createHash('sha256').update(SCRIPT).digest('base64');
    expect(html).toContain(`script-src 'sha256-${hash}'`);
    expect(html).toContain("default-src 'none'");
    expect(html).toContain(`<script>${SCRIPT}</script>`);
  });

  it('escapes every text', () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
    expect(html).toContain('<title>Saturation &amp; themes &lt;draft&gt;</title>');
    expect(html).toContain('<p class="subtitle">Study &#39;nurses&#39; — wave 1</p>');
    expect(html).toContain('<td class="wrap">&lt;script&gt;alert(1)&lt;/script&gt;</td>');
    expect(html).not.toContain('<script>alert(1)');
    expect(html).toContain('<p>Sorted by &quot;n&quot;.</p>');
  });

  it('makes headers sort buttons, marks numeric columns and cells with raw values', () => {
    expect(html).toContain('<th scope="col"><button type="button">Code</button></th>');
    expect(html).toContain('<th scope="col" class="r" data-type="number"><button type="button">n</button></th>');
    expect(html).toContain('<td class="r" data-value="12">12</td>');
    expect(html).toContain('<td class="r"></td>');
    expect(cellsOf(html, 'Work')).not.toContain('data-value');
  });

  it('indents the first column by depth', () => {
    expect(cellsOf(html, 'Work')).toBe('<td>Work</td>');
    expect(cellsOf(html, 'Shifts')).toBe('<td style="padding-left: 1.75em">Shifts</td>');
    expect(cellsOf(html, 'Nights')).toBe('<td style="padding-left: 3em">Nights</td>');
  });

  it('shades heat cells in proportion to value / max over all heat columns', () => {
    const heat = html.slice(html.indexOf('Codes by wave'));
    expect(heat).toContain('<td class="r" data-value="8" style="background: rgba(33, 102, 172, 0.85)">8</td>');
    expect(heat).toContain('<td class="r" data-value="0">0</td>');
    expect(heat).toContain('background: rgba(33, 102, 172, 0.425)">4</td>');
    expect(heat).toContain('background: rgba(33, 102, 172, 0.213)">2</td>');
    expect(html.slice(0, html.indexOf('Codes by wave'))).not.toContain('rgba('); // no heat keys, no shading
  });

  it('inlines the svg without its namespace URL', () => {
    expect(html).toMatch(/<figure>\n<svg viewBox="0 0 640 320"[^>]*role="img"/);
    expect(html).toContain('class="mark"');
  });

  it('is deterministic', () => {
    expect(renderHtml(doc)).toBe(html);
    expect(renderHtml(structuredClone(doc))).toBe(html);
  });
});

/** Runs the inline script against a minimal fake DOM built from the rendered table. */
function sortable(html: string) {
  const table = html.match(/<table class="sortable">[\s\S]*?<\/table>/)![0];
  const unescape = (s: string): string => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');
  const rows = [...table.matchAll(/<tr((?: data-[a-z]+="[^"]*")*)>([\s\S]*?)<\/tr>/g)].slice(1).map((m) => ({
    dataset: Object.fromEntries([...m[1]!.matchAll(/data-([a-z]+)="([^"]*)"/g)].map((a) => [a[1]!, a[2]!])),
    cells: [...m[2]!.matchAll(/<td([^>]*)>([\s\S]*?)<\/td>/g)].map((c) => {
      const v = c[1]!.match(/data-value="([^"]*)"/);
      return { textContent: unescape(c[2]!), dataset: v ? { value: v[1] } : {} };
    }),
  }));
  const tbody = { rows, appendChild: (r: (typeof rows)[number]) => rows.push(...rows.splice(rows.indexOf(r), 1)) };
  const heads = [...table.matchAll(/<th([^>]*)>/g)].map((m) => {
    const attrs = new Map<string, string>();
    let click = (): void => undefined;
    return {
      dataset: m[1]!.includes('data-type="number"') ? { type: 'number' } : {},
      getAttribute: (k: string) => attrs.get(k) ?? null,
      setAttribute: (k: string, v: string) => void attrs.set(k, v),
      removeAttribute: (k: string) => void attrs.delete(k),
      querySelector: () => ({ addEventListener: (_: string, f: () => void) => void (click = f) }),
      click: () => click(),
    };
  });
  const fake = { tBodies: [tbody], tHead: { rows: [{ cells: heads }] } };
  new Function('document', SCRIPT)({ querySelectorAll: () => [fake] });
  return { heads, column: (i: number) => rows.map((r) => r.cells[i]!.textContent) };
}

describe('the sort script', () => {
  const html = renderHtml({
    title: 't',
    sections: [{
      table: {
        columns: [{ key: 'name', header: 'Name' }, { key: 'n', header: 'n', align: 'right' }],
        rows: [{ name: 'b', n: 10 }, { name: 'A', n: 9 }, { name: '', n: null }, { name: 'c', n: 10 }, { name: 'a2', n: -1.5 }],
      },
    }],
  });

  it('sorts numbers by value, text case-insensitively, toggles direction, keeps ties and empties last', () => {
    const t = sortable(html);
    t.heads[1]!.click();
    expect(t.column(1)).toEqual(['-1.5', '9', '10', '10', '']);
    expect(t.column(0)).toEqual(['a2', 'A', 'b', 'c', '']);
    expect(t.heads[1]!.getAttribute('aria-sort')).toBe('ascending');
    t.heads[1]!.click();
    expect(t.column(0)).toEqual(['b', 'c', 'A', 'a2', '']);
    expect(t.heads[1]!.getAttribute('aria-sort')).toBe('descending');
    t.heads[0]!.click();
    expect(t.column(0)).toEqual(['A', 'a2', 'b', 'c', '']);
    expect(t.heads[1]!.getAttribute('aria-sort')).toBeNull();
    expect(t.heads[0]!.getAttribute('aria-sort')).toBe('ascending');
  });
});

describe('heat map without the Total row', () => {
  it('leaves rows marked by skipKey out of the scale and unshaded', async () => {
    const { renderHtml } = await import('../../src/format/html.js');
    const html = renderHtml({
      title: 't',
      sections: [{ table: {
        columns: [{ key: 'code', header: 'code' }, { key: 'n', header: 'n', align: 'right' }],
        rows: [{ code: 'A', n: 2 }, { code: 'B', n: 1 }, { code: 'Total', n: 3, isTotal: true }],
        heat: { keys: ['n'], skipKey: 'isTotal' },
      } }],
    });
    expect(html).toContain('data-value="2" style="background: rgba(33, 102, 172, 0.85)"');
    expect(html).toMatch(/data-value="3">3</);
  });
});

describe('sorting a tree', () => {
  it('sorts among siblings, each row followed by its own children; a row without depth stays under the row before; pinned rows stay last', () => {
    const html = renderHtml({ title: 't', sections: [{ table: {
      columns: [{ key: 'code', header: 'code' }, { key: 'n', header: 'n', align: 'right' }],
      rows: [
        { code: 'Work', depth: 0, n: 5 }, { code: 'Shifts', depth: 1, n: 4 }, { code: 'Nights', depth: 2, n: 1 }, { code: 'Breaks', depth: 1, n: 1 },
        { code: 'Rest', depth: 0, n: 2 }, { code: 'P1', n: 9 }, { code: 'Sleep', depth: 1, n: 1 },
        { code: 'Total', depth: 0, n: 99, isTotal: true },
      ],
      indentKey: 'depth',
      heat: { keys: ['n'], skipKey: 'isTotal' },
    } }] });
    expect(html).toContain('<tr data-depth="1"><td>P1</td>');
    expect(html).toContain('<tr data-depth="0" data-pinned="">');
    const t = sortable(html);
    t.heads[1]!.click();
    expect(t.column(0)).toEqual(['Rest', 'Sleep', 'P1', 'Work', 'Breaks', 'Shifts', 'Nights', 'Total']);
    t.heads[1]!.click();
    expect(t.column(0)).toEqual(['Work', 'Shifts', 'Nights', 'Breaks', 'Rest', 'P1', 'Sleep', 'Total']);
    t.heads[0]!.click();
    expect(t.column(0)).toEqual(['Rest', 'P1', 'Sleep', 'Work', 'Breaks', 'Shifts', 'Nights', 'Total']);
  });

  it('shades a framework matrix lightly by the words of each cell', () => {
    const html = renderHtml({ title: 't', sections: [{ table: {
      columns: [{ key: 'case', header: 'case' }, { key: 'a', header: 'Sleep', wrap: true }],
      rows: [{ case: 'P1', a: 'one two three four' }, { case: 'P2', a: 'one two' }, { case: 'P3', a: '' }],
      heat: { keys: ['a'], measure: 'words' },
    } }] });
    expect(html).toContain('<td class="wrap" style="background: rgba(33, 102, 172, 0.3)">one two three four</td>');
    expect(html).toContain('<td class="wrap" style="background: rgba(33, 102, 172, 0.15)">one two</td>');
  });
});
