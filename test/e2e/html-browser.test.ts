/**
 * Every report kind as HTML in headless Chromium (the system's `chromium`, driven by
 * puppeteer-core): no console errors (a CSP violation is one), sorting keeps children under
 * their parents, nothing but a table's own scroll box is wider than the window, and a
 * screenshot. Skipped, with a notice, where Chromium is missing or cannot start.
 *
 * QCODE_SCREENSHOTS=DIR writes the screenshots there (README: docs/img); QCODE_SCREENSHOT_PROJECT
 * takes another project (e.g. the example study) instead of the built-in one.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.js';
import { REPORT_KINDS, unicodeStudy } from '../support/unicode-study.js';

const CHROMIUM = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'].find((p) => spawnSync(p, ['--version']).status === 0);
if (CHROMIUM === undefined) console.warn('SKIPPED: chromium is not installed; the HTML reports were not checked in a browser (apt-get install chromium)');

type Browser = import('puppeteer-core').Browser;

describe.skipIf(CHROMIUM === undefined)('HTML reports in headless Chromium', () => {
  let dir = '';
  let own = false;
  let browser: Browser | undefined;
  beforeAll(async () => {
    own = process.env.QCODE_SCREENSHOT_PROJECT === undefined;
    dir = own ? await unicodeStudy() : process.env.QCODE_SCREENSHOT_PROJECT!;
    const puppeteer = await import('puppeteer-core');
    try {
      browser = await puppeteer.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'] });
    } catch (e) {
      console.warn(`SKIPPED: chromium did not start (${(e as Error).message.split('\n')[0]}); the HTML reports were not checked in a browser`);
    }
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    if (own) rmSync(dir, { recursive: true, force: true });
  });

  it.each(REPORT_KINDS)('report %s', async (kind, args) => {
    if (browser === undefined) return;
    const r = await runCli(['report', kind, ...args, '--format', 'html'], { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    const file = join(dir, `${kind}.html`);
    writeFileSync(file, r.stdout);
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('console', (m) => void (m.type() === 'error' && errors.push(m.text())));
    page.on('pageerror', (e) => void errors.push(String(e)));
    // A laptop-sized window in which the wider tables cannot fit (README screenshots: a wider one).
    const width = process.env.QCODE_SCREENSHOTS === undefined ? 1000 : 1280;
    await page.setViewport({ width, height: 760 });
    await page.goto(`file://${file}`, { waitUntil: 'load' });

    // Nothing is wider than the window but what scrolls inside its own box.
    const overflow = await page.evaluate(() => {
      const width = document.documentElement.clientWidth;
      const out: string[] = [];
      if (document.documentElement.scrollWidth > width + 1) out.push(`page scrolls sideways: ${document.documentElement.scrollWidth} > ${width}`);
      for (const el of Array.from(document.body.querySelectorAll('*'))) {
        if (el.closest('.scroll') !== null || el.closest('svg') !== null && el.tagName !== 'svg') continue;
        const right = el.getBoundingClientRect().right;
        if (right > width + 1) out.push(`${el.tagName.toLowerCase()}.${el.className} ends at ${Math.round(right)}`);
      }
      for (const box of Array.from(document.querySelectorAll('.scroll'))) if (box.getBoundingClientRect().right > width + 1) out.push('a scroll box is wider than the page');
      return out;
    });
    expect(overflow).toEqual([]);

    const shots = process.env.QCODE_SCREENSHOTS ?? dir;
    mkdirSync(shots, { recursive: true });
    const png = join(shots, `html-${kind}.png`);
    await page.screenshot({ path: png as `${string}.png`, clip: { x: 0, y: 0, width, height: 760 } });
    expect(readFileSync(png).subarray(1, 4).toString()).toBe('PNG');
    const box = await page.$('.scroll');
    if (box !== null) await box.screenshot({ path: join(shots, `html-${kind}-table.png`) as `${string}.png` });

    // Sorting by each column: rows stay whole, numbers ascending among siblings, every row under its own parent.
    for (const table of await page.$$('table.sortable')) {
      const heads = await table.$$('thead th');
      // Rows can read alike (a case's words under two codes): number them to tell them apart.
      await table.$$eval('tbody tr', (trs) => trs.forEach((tr, i) => tr.setAttribute('data-test-row', String(i))));
      const before = await rowsOf(table);
      for (let col = 0; col < Math.min(heads.length, 12); col++) {
        await (await heads[col]!.$('button'))!.click();
        const after = await rowsOf(table);
        expect([...after.map((x) => x.text)].sort()).toEqual([...before.map((x) => x.text)].sort());
        expect(await heads[col]!.evaluate((th) => th.getAttribute('aria-sort'))).toBe('ascending');
        expect(parents(after)).toEqual(parents(before));
        if (await heads[col]!.evaluate((th) => th.getAttribute('data-type') === 'number')) checkTreeOrder(after, col);
      }
    }
    expect(errors).toEqual([]);

    await page.close();
  }, 60_000);
});

interface Row { id: string; depth: number; pinned: boolean; text: string; cells: string[]; values: (number | null)[] }

async function rowsOf(table: import('puppeteer-core').ElementHandle<HTMLTableElement>): Promise<Row[]> {
  return table.$$eval('tbody tr', (trs) => trs.map((tr) => ({
    id: tr.getAttribute('data-test-row') ?? '',
    depth: Number(tr.getAttribute('data-depth') ?? 0),
    pinned: tr.hasAttribute('data-pinned'),
    text: tr.textContent ?? '',
    cells: Array.from(tr.cells, (c) => c.textContent ?? ''),
    values: Array.from(tr.cells, (c) => (c.dataset.value === undefined ? null : Number(c.dataset.value))),
  })));
}

/** Ascending among siblings (empty last), each row at most one level below the one before, pinned rows last. */
function checkTreeOrder(rows: Row[], col: number): void {
  const firstPinned = rows.findIndex((r) => r.pinned);
  if (firstPinned >= 0) expect(rows.slice(firstPinned).every((r) => r.pinned)).toBe(true);
  const tree = rows.filter((r) => !r.pinned);
  tree.forEach((r, i) => expect(r.depth).toBeLessThanOrEqual(i === 0 ? 0 : tree[i - 1]!.depth + 1));
  const last = new Map<number, number | null>();
  for (const r of tree) {
    for (const d of [...last.keys()]) if (d > r.depth) last.delete(d);
    const v = r.values[col] ?? null;
    if (last.has(r.depth)) {
      const prev = last.get(r.depth)!;
      if (prev === null) expect(v).toBeNull();
      else if (v !== null) expect(v).toBeGreaterThanOrEqual(prev);
    }
    last.set(r.depth, v);
  }
}

/** Each row → its parent (the nearest row above it one level up), by their numbers. */
function parents(rows: Row[]): Record<string, string> {
  const out: Record<string, string> = {};
  const stack: Row[] = [];
  for (const r of rows) {
    if (r.pinned) continue;
    while (stack.length > 0 && stack[stack.length - 1]!.depth >= r.depth) stack.pop();
    out[r.id] = stack[stack.length - 1]?.id ?? '';
    stack.push(r);
  }
  return out;
}
