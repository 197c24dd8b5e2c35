import { describe, expect, it } from 'vitest';
import { renderSvgCurve } from '../../src/format/svg-curve.js';

/** Tags balance: every open tag is closed in order, self-closing tags stand alone. */
function balanced(svg: string): boolean {
  const stack: string[] = [];
  for (const m of svg.matchAll(/<(\/?)([a-zA-Z][\w-]*)[^>]*?(\/?)>/g)) {
    const [, close, name, self] = m;
    if (self) continue;
    if (!close) stack.push(name!);
    else if (stack.pop() !== name) return false;
  }
  return stack.length === 0;
}

const base = { xLabel: 'Interviews', yLabel: 'Distinct codes' };
const curve = [1, 2, 3, 4, 5, 6].map((x, i) => ({ x, y: [5, 9, 11, 12, 12, 12][i]!, label: `P${x}` }));

describe('renderSvgCurve', () => {
  it('draws a well-formed, accessible inline svg with axes, integer ticks and labels', () => {
    const svg = renderSvgCurve(curve, { ...base, title: 'New codes <by> interview' });
    expect(balanced(svg)).toBe(true);
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 640 320"')).toBe(true);
    expect(svg).toContain('role="img"');
    expect(svg).toContain('<title>New codes &lt;by&gt; interview</title>');
    expect(svg).toContain('>Interviews</text>');
    expect(svg).toContain('>Distinct codes</text>');
    expect(svg).toContain('<polyline');
    expect(svg).toContain('<title>P3: 11</title>');
    const xTicks = [...svg.matchAll(/text-anchor="middle" stroke="none">(-?\d+)</g)].map((m) => Number(m[1]));
    expect(xTicks).toEqual([1, 2, 3, 4, 5, 6]);
    expect(svg).not.toMatch(/\b(href|src)=/);
    expect(svg).not.toMatch(/NaN|Infinity|undefined/);
  });

  it('draws the dashed marker only when markX is given', () => {
    const marked = renderSvgCurve(curve, { ...base, markX: 4, markLabel: 'saturation reached' });
    expect(marked).toMatch(/<line class="mark"[^>]*stroke-dasharray/);
    expect(marked).toContain('>saturation reached</text>');
    expect(balanced(marked)).toBe(true);
    for (const markX of [undefined, null]) {
      const plain = renderSvgCurve(curve, { ...base, markX, markLabel: 'saturation reached' });
      expect(plain).not.toContain('class="mark"');
      expect(plain).not.toContain('saturation reached');
    }
  });

  it('never emits NaN: a single point, flat curves, no points, a marker outside the data', () => {
    const cases = [
      renderSvgCurve([{ x: 1, y: 4 }], base),
      renderSvgCurve([{ x: 1, y: 0 }, { x: 2, y: 0 }, { x: 3, y: 0 }], base),
      renderSvgCurve([{ x: 1, y: 7 }, { x: 2, y: 7 }], { ...base, markX: 9 }),
      renderSvgCurve([], { ...base, markX: 2, markLabel: 'm' }),
      renderSvgCurve([{ x: Number.NaN, y: 1 }, { x: 2, y: Number.POSITIVE_INFINITY }], base),
    ];
    for (const svg of cases) {
      expect(svg).not.toMatch(/NaN|Infinity/);
      expect(balanced(svg)).toBe(true);
    }
  });

  it('keeps ticks to a readable number on long curves', () => {
    const long = Array.from({ length: 137 }, (_, i) => ({ x: i + 1, y: Math.round(40 * (1 - Math.exp(-i / 20))) }));
    const svg = renderSvgCurve(long, base);
    const ticks = [...svg.matchAll(/stroke="none">(-?\d+)</g)].length;
    expect(ticks).toBeLessThanOrEqual(24);
    expect(svg).not.toMatch(/NaN/);
  });
});
