/**
 * One standalone SVG file from one or more charts: a single chart as it is (with an XML
 * declaration), several stacked top to bottom as nested <svg> elements.
 */
export function stackSvgs(svgs: string[]): string {
  const head = '<?xml version="1.0" encoding="UTF-8"?>\n';
  if (svgs.length === 1) return head + svgs[0]!;
  let y = 0;
  let width = 0;
  const parts: string[] = [];
  for (const svg of svgs) {
    const m = /viewBox="0 0 ([\d.]+) ([\d.]+)"/.exec(svg);
    const w = Number(m?.[1] ?? 640);
    const h = Number(m?.[2] ?? 320);
    parts.push(svg.trim().replace(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/, `<svg y="${y}"`));
    y += h + 24;
    width = Math.max(width, w);
  }
  return `${head}<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${y}" width="${width}" height="${y}">\n${parts.join('\n')}\n</svg>\n`;
}
