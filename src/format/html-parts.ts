/**
 * Pieces of the self-contained HTML report: escaping, the sortable (optionally heat-shaded)
 * table, and the inline stylesheet and script.
 */
import { displayText, type Cell, type Column, type TableData } from './table-shape.js';

export interface HtmlTable extends TableData {
  /** Columns shaded as one heat map: intensity is value / max over all their cells (text cells: by their words, with `words`). */
  heat?: { keys: string[]; skipKey?: string; measure?: 'value' | 'words' };
  /** Row key holding a numeric depth: the first column is indented per level. */
  indentKey?: string;
}

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes text for element content and quoted attribute values. */
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]!);
}

/** The heat colour (ColorBrewer RdBu's dark blue) and its strongest alpha: at 0.85 dark text still reads (contrast ≈ 4.8:1). */
const HEAT_RGB = '33, 102, 172';
const HEAT_MAX_ALPHA = 0.85;
/** Shaded passages of text stay light, to be read at length. */
const TEXT_MAX_ALPHA = 0.3;

const isNumber = (v: Cell): v is number => typeof v === 'number' && Number.isFinite(v);

/** The table in its own scroll box (sticky header and first column); `label` names the box for screen readers. */
export function renderHtmlTable(table: HtmlTable, label?: string): string {
  const numeric = table.columns.map((c) => table.rows.some((r) => isNumber(r[c.key])) && table.rows.every((r) => isNumber(r[c.key]) || r[c.key] == null));
  const heatKeys = new Set(table.heat?.keys ?? []);
  let max = 0;
  // Rows marked with heat.skipKey (a Total row) are neither shaded nor part of the scale.
  const shaded = (r: Record<string, unknown>): boolean => table.heat?.skipKey === undefined || r[table.heat.skipKey] !== true;
  const words = table.heat?.measure === 'words';
  for (const r of table.rows) if (shaded(r)) for (const k of heatKeys) max = Math.max(max, heatValue(r[k], words) ?? 0);
  const head = table.columns.map((c, i) => {
    const attrs = `scope="col"${classAttr(c)}${numeric[i] ? ' data-type="number"' : ''}`;
    return `<th ${attrs}><button type="button">${escapeHtml(c.header)}</button></th>`;
  });
  let lastDepth = -1;
  const body = table.rows.map((row) => {
    // The tree depth, for sorting among siblings; a row without one (a trajectory's case) sits under the row before.
    let tr = '<tr>';
    if (table.indentKey !== undefined) {
      const d = row[table.indentKey];
      const depth = isNumber(d) ? Math.max(0, Math.floor(d)) : lastDepth + 1;
      if (isNumber(d)) lastDepth = depth;
      tr = `<tr data-depth="${depth}"${shaded(row) ? '' : ' data-pinned=""'}>`;
    } else if (!shaded(row)) tr = '<tr data-pinned="">';
    const cells = table.columns.map((c, i) => {
      const v = row[c.key];
      const style: string[] = [];
      if (i === 0 && table.indentKey !== undefined) {
        const d = row[table.indentKey];
        if (isNumber(d) && d > 0) style.push(`padding-left: ${Math.floor(d) * 1.25 + 0.5}em`);
      }
      const h = heatKeys.has(c.key) && shaded(row) ? heatValue(v, words) : undefined;
      if (h !== undefined && h > 0 && max > 0) {
        style.push(`background: rgba(${HEAT_RGB}, ${Math.round(((words ? TEXT_MAX_ALPHA : HEAT_MAX_ALPHA) * h * 1000) / max) / 1000})`);
      }
      const value = isNumber(v) ? ` data-value="${v}"` : '';
      const styleAttr = style.length > 0 ? ` style="${style.join('; ')}"` : '';
      return `<td${classAttr(c)}${value}${styleAttr}>${escapeHtml(displayText(v, c))}</td>`;
    });
    return `${tr}${cells.join('')}</tr>`;
  });
  return [
    `<div class="scroll" role="region" tabindex="0" aria-label="${escapeHtml(label ?? 'table')}">`,
    '<table class="sortable">',
    `<thead><tr>${head.join('')}</tr></thead>`,
    '<tbody>',
    ...body,
    '</tbody>',
    '</table>',
    '</div>',
  ].join('\n');
}

/** A count with its coefficient in brackets ("3 (0.25)", cooccurrence) shades by the count. */
function heatValue(v: Cell, words = false): number | undefined {
  if (isNumber(v)) return v;
  // A framework cell: shaded by how much was said (its words), lightly.
  if (words) return typeof v === 'string' ? (v.match(/[\p{L}\p{N}]+/gu)?.length ?? 0) : undefined;
  const m = typeof v === 'string' ? /^(\d+(?:\.\d+)?) \(/.exec(v) : null;
  return m === null ? undefined : Number(m[1]);
}

function classAttr(c: Column): string {
  return c.align === 'right' ? ' class="r"' : c.wrap ? ' class="wrap"' : '';
}

export const STYLE = `
:root { color-scheme: light; }
body { font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #111; background: #fff; max-width: 90rem; margin: 2rem auto; padding: 0 1.5rem; }
h1 { font-size: 1.6rem; margin: 0 0 .25rem; }
h2 { font-size: 1.2rem; margin: 2rem 0 .5rem; border-bottom: 1px solid #ddd; padding-bottom: .2rem; }
.subtitle { color: #444; margin: 0 0 1.5rem; }
p { max-width: 48rem; }
.scroll { overflow: auto; max-width: 100%; max-height: 85vh; margin: .5rem 0 1rem; border: 1px solid #e3e3e3; }
.scroll:focus-visible { outline: 2px solid #2166ac; }
table { border-collapse: separate; border-spacing: 0; font-variant-numeric: tabular-nums; font-size: .95em; }
th, td { padding: .25rem .45rem; border-bottom: 1px solid #e3e3e3; text-align: left; vertical-align: top; }
thead th { position: sticky; top: 0; z-index: 2; background: #fff; border-bottom: 2px solid #333; max-width: 9rem; vertical-align: bottom; }
tbody td:first-child, thead th:first-child { position: sticky; left: 0; background: #fff; box-shadow: inset -1px 0 #e3e3e3; }
tbody td:first-child { z-index: 1; min-width: 8rem; }
thead th:first-child { z-index: 3; }
td.r, th.r { text-align: right; }
td.wrap { min-width: 22rem; max-width: 36rem; font-size: .93em; }
th button { font: inherit; font-weight: 600; color: inherit; background: none; border: 0; padding: 0; cursor: pointer; text-align: inherit; }
th button:focus-visible { outline: 2px solid #2166ac; outline-offset: 2px; }
th[aria-sort="ascending"] button::after { content: " \\25B2"; font-size: .7em; }
th[aria-sort="descending"] button::after { content: " \\25BC"; font-size: .7em; }
figure { margin: 1rem 0; overflow-x: auto; }
svg { max-width: 100%; height: auto; }
td, th { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
@media print {
  body { margin: 0; max-width: none; font-size: 10pt; }
  .scroll { overflow: visible; max-height: none; border: 0; }
  thead th, tbody td:first-child { position: static; }
  th button { cursor: auto; }
  th button::after { content: none !important; }
  h2 { break-after: avoid; }
  tr, figure { break-inside: avoid; }
}
`.trim();

/** Sorts on header click: numbers by data-value, text by a numeric-aware collator; empty cells
 * last either way; ties keep the original order so the result never depends on click history.
 * In a tree (rows with data-depth) rows are sorted among their siblings, each followed by its
 * own descendants; pinned rows (a Total) stay last. */
export const SCRIPT = `
(() => {
  const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });
  const data = (row, k) => (row.dataset === undefined ? undefined : row.dataset[k]);
  for (const table of document.querySelectorAll('table.sortable')) {
    const body = table.tBodies[0];
    const original = new Map(Array.from(body.rows, (row, i) => [row, i]));
    const heads = Array.from(table.tHead.rows[0].cells);
    heads.forEach((th, col) => {
      th.querySelector('button').addEventListener('click', () => {
        const dir = th.getAttribute('aria-sort') === 'ascending' ? -1 : 1;
        for (const h of heads) h.removeAttribute('aria-sort');
        th.setAttribute('aria-sort', dir === 1 ? 'ascending' : 'descending');
        const numeric = th.dataset.type === 'number';
        const key = (row) => {
          const cell = row.cells[col];
          if (numeric) return cell.dataset.value === undefined ? null : Number(cell.dataset.value);
          const text = cell.textContent.trim();
          return text === '' ? null : text;
        };
        const rows = Array.from(body.rows, (row) => ({ row, key: key(row), i: original.get(row), depth: Number(data(row, 'depth') || 0), children: [] }));
        rows.sort((a, b) => a.i - b.i);
        const root = { children: [] };
        const stack = [{ depth: -1, node: root }];
        const pinned = [];
        for (const r of rows) {
          if (data(r.row, 'pinned') !== undefined) { pinned.push(r); continue; }
          while (stack[stack.length - 1].depth >= r.depth) stack.pop();
          stack[stack.length - 1].node.children.push(r);
          stack.push({ depth: r.depth, node: r });
        }
        const compare = (a, b) => {
          if (a.key === null || b.key === null) return a.key === b.key ? a.i - b.i : a.key === null ? 1 : -1;
          const c = numeric ? a.key - b.key : collator.compare(a.key, b.key);
          return c !== 0 ? dir * c : a.i - b.i;
        };
        const out = [];
        const walk = (node) => {
          node.children.sort(compare);
          for (const c of node.children) { out.push(c); walk(c); }
        };
        walk(root);
        for (const r of [...out, ...pinned]) body.appendChild(r.row);
      });
    });
  }
})();
`.trim();
