/**
 * One self-contained HTML5 report: inline style and script, no external assets, and a
 * Content-Security-Policy that forbids every fetch, so a report of sensitive interviews
 * opened in a browser never touches the network. Output is deterministic.
 */
import { createHash } from 'node:crypto';
import { escapeHtml, renderHtmlTable, SCRIPT, STYLE, type HtmlTable } from './html-parts.js';

export { escapeHtml, type HtmlTable } from './html-parts.js';

export interface HtmlSection {
  title?: string;
  /** Each paragraph is plain text (escaped), shown before the figure and the table. */
  paragraphs?: string[];
  /** Trusted SVG markup, e.g. from renderSvgCurve; inserted as is. */
  svg?: string;
  table?: HtmlTable;
}

export interface HtmlDocument {
  title: string;
  subtitle?: string;
  sections: HtmlSection[];
}

// Only this exact script may run; inline style attributes carry the heat shading. Made when
// first needed: a report in another format should not load node:crypto.
let csp: string | undefined;
function contentSecurityPolicy(): string {
  csp ??= [
    "default-src 'none'",
    "style-src 'unsafe-inline'",
    `script-src 'sha256-${createHash('sha256').update(SCRIPT).digest('base64')}'`,
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
  return csp;
}

export function renderHtml(doc: HtmlDocument): string {
  const lines = [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${contentSecurityPolicy()}">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<meta name="generator" content="qcode">',
    `<title>${escapeHtml(doc.title)}</title>`,
    `<style>\n${STYLE}\n</style>`,
    '</head>',
    '<body>',
    '<header>',
    `<h1>${escapeHtml(doc.title)}</h1>`,
  ];
  if (doc.subtitle !== undefined) lines.push(`<p class="subtitle">${escapeHtml(doc.subtitle)}</p>`);
  lines.push('</header>', '<main>');
  for (const section of doc.sections) lines.push(renderSection(section));
  lines.push('</main>', `<script>${SCRIPT}</script>`, '</body>', '</html>');
  return lines.join('\n') + '\n';
}

function renderSection(section: HtmlSection): string {
  const parts = ['<section>'];
  if (section.title !== undefined) parts.push(`<h2>${escapeHtml(section.title)}</h2>`);
  for (const p of section.paragraphs ?? []) parts.push(`<p>${escapeHtml(p)}</p>`);
  if (section.svg !== undefined) parts.push(`<figure>\n${inlineSvg(section.svg)}\n</figure>`);
  if (section.table !== undefined) parts.push(renderHtmlTable(section.table, section.title));
  parts.push('</section>');
  return parts.join('\n');
}

/** The HTML parser puts <svg> in the SVG namespace by itself, so the xmlns URL is dropped
 * and the report holds no http(s) URL at all. */
function inlineSvg(svg: string): string {
  return svg.trim().replace(/\s+xmlns="http:\/\/www\.w3\.org\/2000\/svg"/, '');
}
