/**
 * A heat map: rows × columns of numbers, each cell shaded by value ÷ the largest value (the
 * same blue as the HTML tables), with its value written in it; column headings slanted so
 * long names fit. Rows without numbers (e.g. a trajectory's code rows) become group labels.
 */
import { escapeHtml } from './html-parts.js';
import { roundFixed } from './table-shape.js';

export interface HeatRow {
  label: string;
  depth: number;
  /** One value per column; null is an empty (unshaded) cell, a string is written unshaded. */
  values: (number | string | null)[];
  /** A heading row (a trajectory's code above its cases): set in bold. */
  group?: boolean;
}

const CELL_W = 44;
const CELL_H = 22;
const CHAR = 6.4;
const HEAT_RGB = '33, 102, 172';

export function renderHeatmap(columns: string[], rows: HeatRow[], o: { title: string; decimals?: number }): string {
  const labelW = Math.min(260, Math.max(60, ...rows.map((r) => [...r.label].length * CHAR + r.depth * 12 + 12)));
  const headH = Math.min(160, Math.max(30, ...columns.map((c) => [...c].length * CHAR * 0.72 + 16)));
  const top = 34 + headH;
  const width = Math.max(320, labelW + columns.length * CELL_W + headH * 0.75 + 16);
  const height = top + rows.length * CELL_H + 16;
  let max = 0;
  for (const r of rows) for (const v of r.values) if (typeof v === 'number' && Number.isFinite(v) && v > max) max = v;
  const out = [
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" font-family="system-ui, sans-serif" font-size="11" class="chart heatmap">`,
    `<title>${escapeHtml(o.title)}</title>`,
    `<text x="0" y="18" font-size="14" font-weight="600">${escapeHtml(o.title)}</text>`,
  ];
  columns.forEach((c, j) => {
    const x = labelW + j * CELL_W + CELL_W / 2;
    out.push(`<text transform="translate(${n(x)} ${top - 6}) rotate(-45)" text-anchor="start">${escapeHtml(c)}</text>`);
  });
  rows.forEach((r, i) => {
    const y = top + i * CELL_H;
    const group = r.group === true;
    out.push(`<text x="${4 + r.depth * 12}" y="${y + 15}"${group ? ' font-weight="600"' : ''}>${escapeHtml(r.label)}</text>`);
    r.values.forEach((v, j) => {
      const x = labelW + j * CELL_W;
      if (typeof v === 'number' && Number.isFinite(v)) {
        const a = max > 0 ? Math.round((0.85 * v * 1000) / max) / 1000 : 0;
        const ink = a > 0.5 ? '#fff' : '#111';
        const text = o.decimals === undefined || Number.isInteger(v) ? String(v) : roundFixed(v, o.decimals);
        out.push(`<g><rect x="${x}" y="${y}" width="${CELL_W - 2}" height="${CELL_H - 2}" fill="rgba(${HEAT_RGB}, ${a})" stroke="#e3e3e3"/><text x="${x + CELL_W / 2 - 1}" y="${y + 15}" text-anchor="middle" fill="${ink}">${text}</text><title>${escapeHtml(`${r.label} × ${columns[j]}: ${text}`)}</title></g>`);
      } else if (typeof v === 'string' && v !== '') {
        out.push(`<text x="${x + CELL_W / 2 - 1}" y="${y + 15}" text-anchor="middle" fill="#555">${escapeHtml(v)}</text>`);
      }
    });
  });
  out.push('</svg>');
  return out.join('\n') + '\n';
}

function n(v: number): string {
  const r = Math.round(v * 100) / 100;
  return String(r === 0 ? 0 : r);
}
