import { spawnSync } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderHeatmap } from '../../src/format/svg-heatmap.js';
import { median, renderThemesMap } from '../../src/format/svg-themes-map.js';
import { runCli } from '../support/cli.js';
import { UNICODE_CODES, unicodeStudy } from '../support/unicode-study.js';

const hasXmllint = spawnSync('xmllint', ['--version']).status === 0;

describe('themes map', () => {
  const points = [
    { label: 'Work & <rest>', x: 100, y: 270, depth: 0 },
    { label: 'Sleep', x: 50, y: 40, depth: 1 },
    { label: 'Support', x: 80, y: 10, depth: 0 },
  ];

  it('plots cases % against words per case, with the medians as quadrant lines and every label escaped', () => {
    const svg = renderThemesMap(points);
    expect(median([100, 50, 80])).toBe(80);
    expect(median([1, 2, 3, 10])).toBe(2.5);
    expect(svg).toContain('<title>median cases %: 80.0</title>');
    expect(svg).toContain('<title>median words per case: 40.0</title>');
    expect(svg).toContain('>Work &amp; &lt;rest&gt;</text>');
    expect(svg).toContain('>Frequency: cases %</text>');
    expect(svg).toContain('>Intensity: words per case</text>');
    // x = 100 % is the right end of the plot; y = 270 is below the axis top (500).
    const circles = [...svg.matchAll(/<circle cx="([\d.]+)" cy="([\d.]+)" r="(\d)" fill="([^"]+)"/g)].map((m) => [Number(m[1]), Number(m[2]), m[3], m[4]]);
    expect(circles[0]).toEqual([696, expect.any(Number), '5', '#2166ac']);
    expect(circles[1]![3]).toBe('#fff'); // a sub-code is hollow
    expect(circles[1]![0]).toBeCloseTo((64 + 696) / 2, 5);
  });

  it('leaves a label out rather than overlap another, and draws nothing odd for no points', () => {
    const crowd = Array.from({ length: 12 }, (_, i) => ({ label: `Code number ${i}`, x: 50, y: 100, depth: 0 }));
    const svg = renderThemesMap(crowd);
    const labels = svg.match(/>Code number \d+<\/text>/g)!.length;
    expect(labels).toBeGreaterThan(0);
    expect(labels).toBeLessThan(12);
    expect(svg.match(/<circle/g)).toHaveLength(12);
    expect(renderThemesMap([])).not.toMatch(/NaN|Infinity/);
  });
});

describe('heat map', () => {
  it('shades numbers by value ÷ max, writes strings unshaded and leaves null empty', () => {
    const svg = renderHeatmap(['T1', 'T2'], [{ label: 'A', depth: 0, values: [10, 5] }, { label: 'B', depth: 1, values: ['–', null] }], { title: 'X' });
    expect(svg).toContain('fill="rgba(33, 102, 172, 0.85)"');
    expect(svg).toContain('fill="rgba(33, 102, 172, 0.425)"');
    expect(svg).toContain('>–</text>');
    expect(svg.match(/<rect/g)).toHaveLength(2);
  });
});

describe('--format svg', () => {
  let dir = '';
  beforeAll(async () => {
    dir = await unicodeStudy();
  }, 60_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it.each([['themes', 'themes-map'], ['matrix', 'heatmap'], ['trajectory', 'heatmap'], ['cooccurrence', 'heatmap'], ['saturation', 'polyline']])('report %s draws a standalone, well-formed SVG', async (kind, mark) => {
    const r = await runCli(['report', kind, '--format', 'svg'], { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(r.stdout).toContain(mark);
    expect(r.stdout).not.toMatch(/NaN|undefined/);
    if (hasXmllint) {
      writeFileSync(join(dir, `${kind}.svg`), r.stdout);
      expect(spawnSync('xmllint', ['--noout', join(dir, `${kind}.svg`)], { encoding: 'utf8' }).stderr).toBe('');
    }
  });

  it('heads cooccurrence heat maps and html tables with code names, and shades its cells', async () => {
    const svg = (await runCli(['report', 'cooccurrence', '--format', 'svg'], { cwd: dir })).stdout;
    expect(svg).toContain('>Support_50% #1</text>');
    const html = (await runCli(['report', 'cooccurrence', '--format', 'html'], { cwd: dir })).stdout;
    expect(html).toContain(`<button type="button">${UNICODE_CODES[2]!.replace('&', '&amp;')}</button>`);
    expect(html).toMatch(/<td class="r" style="background: rgba\(33, 102, 172, [\d.]+\)">\d+ \(/);
  });

  it('refuses a report without a chart, naming those that have one', async () => {
    const r = await runCli(['report', 'sample', '--format', 'svg'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('has no chart (charts: report themes (themes map)');
  });
});
