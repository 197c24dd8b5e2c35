/**
 * A word cloud as SVG (for `qcode words --format html`): words in rows, largest first, each
 * sized by its count — font size 12 + 36·√(count ÷ largest count) px, so area follows
 * frequency. Laid out deterministically (no randomness), with no fonts or assets to fetch.
 */
import { escapeHtml } from './html-parts.js';

export function renderWordCloudSvg(words: readonly { word: string; count: number }[], width = 800): string {
  const max = Math.max(1, ...words.map((w) => w.count));
  const gap = 10;
  const rows: { items: { word: string; count: number; size: number; w: number }[]; height: number; width: number }[] = [];
  for (const { word, count } of words) {
    const size = Math.round(12 + 36 * Math.sqrt(count / max));
    // ~0.6 em a character is what sans-serif fonts average.
    const w = Math.ceil([...word].length * size * 0.6);
    let row = rows[rows.length - 1];
    if (row === undefined || (row.width + gap + w > width && row.items.length > 0)) rows.push((row = { items: [], height: 0, width: -gap }));
    row.items.push({ word, count, size, w });
    row.width += gap + w;
    row.height = Math.max(row.height, size);
  }
  const out: string[] = [];
  let y = 0;
  for (const row of rows) {
    y += Math.round(row.height * 1.2);
    let x = Math.max(0, Math.floor((width - row.width) / 2));
    for (const it of row.items) {
      out.push(`<text x="${x}" y="${y}" font-size="${it.size}"><title>${escapeHtml(`${it.word}: ${it.count}`)}</title>${escapeHtml(it.word)}</text>`);
      x += it.w + gap;
    }
  }
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${y + 10}" width="${width}" height="${y + 10}" font-family="sans-serif" role="img" aria-label="word cloud">`,
    ...out,
    '</svg>',
  ].join('\n');
}
