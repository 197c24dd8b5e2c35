/**
 * The charts a report's tables call for, drawn as SVG (inline in html, standalone with
 * `--format svg`): the themes map for a table of codes with cases % and words per case, and
 * a heat map for every table with heat-shaded columns (matrix, trajectory, cooccurrence).
 */
import type { ReportTable, ReportView } from './report.js';
import { renderHeatmap, type HeatRow } from './svg-heatmap.js';
import { renderThemesMap } from './svg-themes-map.js';
import { cellText, type Cell } from './table-shape.js';
import { depthOf } from './tex-fit.js';

export function chartsOf(view: ReportView): string[] {
  const out: string[] = [];
  const first = view.tables[0];
  if (first !== undefined && ['code', 'casesPct', 'wordsPerCase'].every((k) => first.table.columns.some((c) => c.key === k))) {
    out.push(renderThemesMap(first.table.rows.map((r) => ({
      label: cellText(r.code), x: Number(r.casesPct), y: Number(r.wordsPerCase), depth: depthOf(r, first.indentKey),
    })), { title: 'Themes map: frequency × intensity' }));
  }
  // The themes table's shaded columns are the map's axes: no heat map beside it.
  if (out.length === 0) for (const t of view.tables) if (t.heat !== undefined && t.heat.length > 0 && t.heatMeasure !== 'words') out.push(heatmapOf(t, t.title ?? view.title));
  return out;
}

/** A count with its coefficient in brackets, as cooccurrence writes it ("3 (0.25)"), shades by the count. */
const COUNT_WITH = /^(\d+(?:\.\d+)?) \(/;

function heatmapOf(t: ReportTable, title: string): string {
  const heat = t.heat!;
  const columns = heat.map((k) => t.table.columns.find((c) => c.key === k)).filter((c) => c !== undefined);
  const before = t.table.columns.slice(0, t.table.columns.findIndex((c) => heat.includes(c.key)));
  let lastDepth = 0;
  const labelAt = (r: Record<string, Cell>): number => before.findIndex((c) => cellText(r[c.key]) !== '');
  const grouped = t.table.rows.some((r) => labelAt(r) > 0);
  const rows: HeatRow[] = t.table.rows.map((r) => {
    const at = labelAt(r);
    const label = at < 0 ? '' : cellText(r[before[at]!.key]);
    const depth = at <= 0 ? depthOf(r, t.indentKey) : lastDepth + 1;
    if (at <= 0) lastDepth = depth;
    const skip = t.heatSkip !== undefined && r[t.heatSkip] === true;
    return { label, depth, group: grouped && at === 0, values: columns.map((c) => value(r[c.key], skip)) };
  });
  const decimals = columns.find((c) => c.decimals !== undefined)?.decimals;
  return renderHeatmap(columns.map((c) => c.header), rows, { title, decimals });
}

function value(v: Cell, skip: boolean): number | string | null {
  if (typeof v === 'number') return !Number.isFinite(v) ? null : skip ? String(v) : v;
  const m = COUNT_WITH.exec(cellText(v));
  if (m !== null && !skip) return Number(m[1]);
  return v === null || v === undefined ? null : cellText(v);
}
