/**
 * The themes map: one point per code, x = cases % (frequency), y = words per case
 * (intensity), each labelled, with the medians of both as dashed quadrant lines — the picture
 * of "ranked by frequency and intensity". Top-level themes are filled, sub-codes hollow.
 * Labels are placed greedily (right, left, above, below of the point) so that they do not
 * overlap; a label that finds no free place is left to the point's tooltip.
 */
import { escapeHtml } from './html-parts.js';
import { roundFixed } from './table-shape.js';

export interface MapPoint {
  label: string;
  x: number;
  y: number;
  /** 0 for a top-level theme. */
  depth: number;
}

const COLOUR = '#2166ac';
const CHAR = 6.6; // px per character at font-size 11

interface Box {
  x1: number;
  y1: number;
  x2: number;
  y2: number;
}

export function renderThemesMap(points: MapPoint[], o: { title?: string; width?: number; height?: number } = {}): string {
  const width = o.width ?? 720;
  const height = o.height ?? 480;
  const pad = { top: o.title ? 40 : 20, right: 24, bottom: 52, left: 64 };
  const plotW = width - pad.left - pad.right;
  const plotH = height - pad.top - pad.bottom;
  const pts = points.filter((p) => Number.isFinite(p.x) && Number.isFinite(p.y));
  const yMax = niceMax(Math.max(1, ...pts.map((p) => p.y)));
  const sx = (v: number): number => pad.left + (Math.min(100, Math.max(0, v)) / 100) * plotW;
  const sy = (v: number): number => pad.top + plotH - (Math.max(0, v) / yMax) * plotH;
  const bottom = pad.top + plotH;
  const right = pad.left + plotW;
  const mx = median(pts.map((p) => p.x));
  const my = median(pts.map((p) => p.y));
  const name = o.title ?? 'Themes by frequency and intensity';
  const out = [
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" font-family="system-ui, sans-serif" font-size="12" class="chart themes-map">`,
    `<title>${escapeHtml(name)}</title>`,
  ];
  if (o.title) out.push(`<text x="${n(width / 2)}" y="22" text-anchor="middle" font-size="14" font-weight="600">${escapeHtml(o.title)}</text>`);
  out.push('<g stroke="#333" fill="#333">', `<line x1="${pad.left}" y1="${bottom}" x2="${right}" y2="${bottom}"/>`, `<line x1="${pad.left}" y1="${pad.top}" x2="${pad.left}" y2="${bottom}"/>`);
  for (let t = 0; t <= 100; t += 20) {
    out.push(`<line x1="${n(sx(t))}" y1="${bottom}" x2="${n(sx(t))}" y2="${bottom + 5}"/>`, `<text x="${n(sx(t))}" y="${bottom + 18}" text-anchor="middle" stroke="none">${t}</text>`);
  }
  const step = yMax / 5;
  for (let k = 0; k <= 5; k++) {
    const t = step * k;
    out.push(`<line x1="${pad.left - 5}" y1="${n(sy(t))}" x2="${pad.left}" y2="${n(sy(t))}"/>`, `<text x="${pad.left - 8}" y="${n(sy(t) + 4)}" text-anchor="end" stroke="none">${label(t)}</text>`);
  }
  out.push('</g>');
  out.push(`<text x="${n(pad.left + plotW / 2)}" y="${height - 10}" text-anchor="middle">Frequency: cases %</text>`);
  out.push(`<text transform="translate(16 ${n(pad.top + plotH / 2)}) rotate(-90)" text-anchor="middle">Intensity: words per case</text>`);
  if (pts.length > 0) {
    out.push('<g stroke="#b2182b" stroke-width="1" stroke-dasharray="5 4" class="medians">');
    out.push(`<line x1="${n(sx(mx))}" y1="${pad.top}" x2="${n(sx(mx))}" y2="${bottom}"><title>median cases %: ${roundFixed(mx, 1)}</title></line>`);
    out.push(`<line x1="${pad.left}" y1="${n(sy(my))}" x2="${right}" y2="${n(sy(my))}"><title>median words per case: ${roundFixed(my, 1)}</title></line>`, '</g>');
    out.push(`<text x="${right - 4}" y="${pad.top + 12}" text-anchor="end" fill="#777" font-size="11">frequent and intense</text>`);
    out.push(`<text x="${pad.left + 4}" y="${bottom - 6}" fill="#777" font-size="11">rare and brief</text>`);
  }
  const taken: Box[] = pts.map((p) => ({ x1: sx(p.x) - 4, y1: sy(p.y) - 4, x2: sx(p.x) + 4, y2: sy(p.y) + 4 }));
  // Top-level themes get their labels placed first.
  const order = pts.map((p, i) => i).sort((a, b) => pts[a]!.depth - pts[b]!.depth || a - b);
  const labels = new Map<number, string>();
  for (const i of order) {
    const p = pts[i]!;
    const w = [...p.label].length * CHAR;
    const cx = sx(p.x);
    const cy = sy(p.y);
    const tries: [Box, string, number, number][] = [
      [{ x1: cx + 7, y1: cy - 7, x2: cx + 7 + w, y2: cy + 5 }, 'start', cx + 7, cy + 4],
      [{ x1: cx - 7 - w, y1: cy - 7, x2: cx - 7, y2: cy + 5 }, 'end', cx - 7, cy + 4],
      [{ x1: cx - w / 2, y1: cy - 20, x2: cx + w / 2, y2: cy - 8 }, 'middle', cx, cy - 10],
      [{ x1: cx - w / 2, y1: cy + 8, x2: cx + w / 2, y2: cy + 20 }, 'middle', cx, cy + 18],
    ];
    const fit = tries.find(([b]) => b.x1 >= 0 && b.x2 <= width && b.y1 >= 0 && b.y2 <= bottom && !taken.some((t) => overlaps(t, b)));
    if (fit === undefined) continue;
    taken.push(fit[0]);
    labels.set(i, `<text x="${n(fit[2])}" y="${n(fit[3])}" text-anchor="${fit[1]}" font-size="11"${p.depth > 0 ? ' fill="#444"' : ''}>${escapeHtml(p.label)}</text>`);
  }
  pts.forEach((p, i) => {
    const tip = `${p.label}: ${roundFixed(p.x, 1)}% of cases, ${roundFixed(p.y, 1)} words per case`;
    const fill = p.depth === 0 ? COLOUR : '#fff';
    out.push(`<g class="point"><circle cx="${n(sx(p.x))}" cy="${n(sy(p.y))}" r="${p.depth === 0 ? 5 : 4}" fill="${fill}" stroke="${COLOUR}" stroke-width="1.5"><title>${escapeHtml(tip)}</title></circle>${labels.get(i) ?? ''}</g>`);
  });
  out.push('</svg>');
  return out.join('\n') + '\n';
}

const overlaps = (a: Box, b: Box): boolean => a.x1 < b.x2 && b.x1 < a.x2 && a.y1 < b.y2 && b.y1 < a.y2;

/** The median (mean of the middle two for an even count); 0 for none. */
export function median(values: number[]): number {
  if (values.length === 0) return 0;
  const s = [...values].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

/** A round upper bound: 1, 2, 2.5 or 5 × 10^k, at least `v`. */
function niceMax(v: number): number {
  for (let p = 1; ; p *= 10) for (const m of [1, 2, 2.5, 5]) if (m * p >= v) return m * p;
}

const label = (v: number): string => (Number.isInteger(v) ? String(v) : roundFixed(v, 1));

function n(v: number): string {
  const r = Math.round(v * 100) / 100;
  return String(r === 0 ? 0 : r);
}
