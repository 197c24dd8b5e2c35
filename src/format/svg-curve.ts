/**
 * A small inline SVG line chart with integer ticks, for curves such as the cumulative number
 * of new codes per interview in a saturation report. No external references, no NaN: empty
 * input, a single point and flat curves all get a non-degenerate axis.
 */
import { escapeHtml } from './html-parts.js';

export interface CurvePoint {
  x: number;
  y: number;
  /** Shown as the point's tooltip, e.g. the source id. */
  label?: string;
}

export interface SvgCurveOptions {
  width?: number;
  height?: number;
  xLabel: string;
  yLabel: string;
  title?: string;
  /** Draws a vertical dashed line here, e.g. where saturation was reached. */
  markX?: number | null;
  markLabel?: string;
}

interface Axis {
  lo: number;
  hi: number;
  ticks: number[];
}

const COLOUR = '#2166ac';
const MAX_TICKS = 10;

export function renderSvgCurve(points: CurvePoint[], options: SvgCurveOptions): string {
  const width = options.width ?? 640;
  const height = options.height ?? 320;
  const pad = { top: options.title ? 36 : 16, right: 20, bottom: 48, left: 56 };
  const plotW = Math.max(1, width - pad.left - pad.right);
  const plotH = Math.max(1, height - pad.top - pad.bottom);
  const pts = points.filter((p) => Number.isFinite(p.x) && Number.isFinite(p.y)).sort((a, b) => a.x - b.x);
  const markX = typeof options.markX === 'number' && Number.isFinite(options.markX) ? options.markX : null;
  const xAxis = integerAxis([...pts.map((p) => p.x), ...(markX === null ? [] : [markX])], false);
  const yAxis = integerAxis(pts.map((p) => p.y), true);
  const sx = (v: number): number => pad.left + ((v - xAxis.lo) / (xAxis.hi - xAxis.lo)) * plotW;
  const sy = (v: number): number => pad.top + plotH - ((v - yAxis.lo) / (yAxis.hi - yAxis.lo)) * plotH;
  const bottom = pad.top + plotH;
  const right = pad.left + plotW;
  const name = options.title ?? `${options.yLabel} by ${options.xLabel}`;

  const out = [
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" font-family="system-ui, sans-serif" font-size="12">`,
    `<title>${escapeHtml(name)}</title>`,
  ];
  if (options.title) out.push(`<text x="${n(width / 2)}" y="20" text-anchor="middle" font-size="14" font-weight="600">${escapeHtml(options.title)}</text>`);
  out.push('<g stroke="#e3e3e3">');
  for (const t of yAxis.ticks) if (t !== yAxis.lo) out.push(`<line x1="${pad.left}" y1="${n(sy(t))}" x2="${right}" y2="${n(sy(t))}"/>`);
  out.push('</g>', '<g stroke="#333" fill="#333">');
  out.push(`<line x1="${pad.left}" y1="${bottom}" x2="${right}" y2="${bottom}"/>`);
  out.push(`<line x1="${pad.left}" y1="${pad.top}" x2="${pad.left}" y2="${bottom}"/>`);
  for (const t of xAxis.ticks) {
    out.push(`<line x1="${n(sx(t))}" y1="${bottom}" x2="${n(sx(t))}" y2="${bottom + 5}"/>`);
    out.push(`<text x="${n(sx(t))}" y="${bottom + 18}" text-anchor="middle" stroke="none">${t}</text>`);
  }
  for (const t of yAxis.ticks) {
    out.push(`<line x1="${pad.left - 5}" y1="${n(sy(t))}" x2="${pad.left}" y2="${n(sy(t))}"/>`);
    out.push(`<text x="${pad.left - 8}" y="${n(sy(t) + 4)}" text-anchor="end" stroke="none">${t}</text>`);
  }
  out.push('</g>');
  out.push(`<text x="${n(pad.left + plotW / 2)}" y="${height - 8}" text-anchor="middle">${escapeHtml(options.xLabel)}</text>`);
  out.push(`<text transform="translate(14 ${n(pad.top + plotH / 2)}) rotate(-90)" text-anchor="middle">${escapeHtml(options.yLabel)}</text>`);
  if (markX !== null) {
    const mx = n(sx(markX));
    out.push(`<line class="mark" x1="${mx}" y1="${pad.top}" x2="${mx}" y2="${bottom}" stroke="#b2182b" stroke-width="1.5" stroke-dasharray="5 4"/>`);
    if (options.markLabel) {
      const nearRight = sx(markX) > pad.left + plotW * 0.7;
      const tx = n(sx(markX) + (nearRight ? -4 : 4));
      // Near the bottom: a cumulative curve is high where saturation is marked.
      out.push(`<text x="${tx}" y="${bottom - 8}" text-anchor="${nearRight ? 'end' : 'start'}" fill="#b2182b">${escapeHtml(options.markLabel)}</text>`);
    }
  }
  if (pts.length > 0) {
    out.push(`<polyline fill="none" stroke="${COLOUR}" stroke-width="2" stroke-linejoin="round" points="${pts.map((p) => `${n(sx(p.x))},${n(sy(p.y))}`).join(' ')}"/>`);
    for (const p of pts) {
      const tip = `${p.label ?? `${options.xLabel} ${p.x}`}: ${p.y}`;
      out.push(`<circle cx="${n(sx(p.x))}" cy="${n(sy(p.y))}" r="3" fill="${COLOUR}"><title>${escapeHtml(tip)}</title></circle>`);
    }
  }
  out.push('</svg>');
  return out.join('\n') + '\n';
}

/** Integer bounds (y: from zero, with headroom) that land on ticks 1, 2 or 5 × 10^k apart, at most MAX_TICKS intervals. */
function integerAxis(values: number[], fromZero: boolean): Axis {
  // reduce, not Math.min(...values): spreading a long array overflows the stack.
  let lo = values.length > 0 ? Math.floor(values.reduce((a, b) => Math.min(a, b))) : 0;
  let hi = values.length > 0 ? Math.ceil(values.reduce((a, b) => Math.max(a, b))) : 1;
  if (fromZero) {
    // The y axis starts at zero and leaves headroom so the curve does not run along the frame.
    lo = Math.min(lo, 0);
    hi = Math.ceil(hi + (hi - lo) * 0.05);
  }
  if (hi <= lo) hi = lo + 1;
  const step = niceStep((hi - lo) / MAX_TICKS);
  lo = Math.floor(lo / step) * step;
  hi = Math.ceil(hi / step) * step;
  const ticks: number[] = [];
  for (let t = lo; t <= hi; t += step) ticks.push(t);
  return { lo, hi, ticks };
}

function niceStep(raw: number): number {
  for (let p = 1; ; p *= 10) for (const m of [1, 2, 5]) if (m * p >= raw) return m * p;
}

/** Coordinates to two decimals, never "-0". */
function n(v: number): string {
  const r = Math.round(v * 100) / 100;
  return String(r === 0 ? 0 : r);
}
