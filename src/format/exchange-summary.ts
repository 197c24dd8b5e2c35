/** The summaries of `qcode import` (its loss report) and `qcode export` as text. */
import type { ExportSummary, ImportSummary } from '../core/refi-import-summary.js';

export function renderImportSummary(s: ImportSummary): string {
  const i = s.imported;
  const out = [
    `${s.dryRun ? 'dry run: would import' : 'imported'} ${s.file}${s.origin === null ? '' : ` (from ${s.origin})`}`,
    `positions: ${s.positions.meaning} — ${s.positions.decidedBy}`,
    `  coders: ${i.coders}`,
    `  codes: ${i.codesAdded} added, ${i.codesMatched} already here`,
    `  sources: ${i.sourcesAdded} added, ${i.sourcesMatched} already here (same text)`,
    `  codings: ${i.codingsAdded} added, ${i.codingsJoined} joined with overlapping ones, ${i.codingsAlreadyHere} already here, ${i.orphans} orphaned (kept, not placed)`,
    `  memos: ${i.memosAdded} added, ${i.memosAlreadyHere} already here`,
    `  cases: ${i.cases} (${i.attributesAdded} attribute values added); sets: ${i.sets}`,
  ];
  if (s.renamed.length > 0) {
    out.push('renamed:');
    for (const r of s.renamed) out.push(`  ${r.kind} "${r.from}" → "${r.to}" (${r.reason})`);
  }
  if (s.sourcesWithoutText.length > 0) {
    out.push('sources without text (not imported):');
    for (const w of s.sourcesWithoutText) out.push(`  ${w.source}: ${w.reason}${w.codingsLost > 0 ? ` (${w.codingsLost} codings lost)` : ''}`);
  }
  if (s.orphans.length > 0) {
    out.push('selections not placed exactly (kept as orphaned codings; see qcode check):');
    for (const o of s.orphans) out.push(`  ${o.source} ${o.start}-${o.end} ${o.code} (${o.coder}): ${o.reason}`);
  }
  if (s.sets.length > 0) {
    out.push('sets (kept; exported again):');
    for (const set of s.sets) out.push(`  ${set.name}: ${[...set.codes.map((c) => `code ${c}`), ...set.sources.map((x) => `source ${x}`)].join(', ') || 'no members here'}`);
  }
  out.push(s.lost.length === 0 ? 'not imported: nothing' : 'not imported:');
  for (const l of s.lost) out.push(`  ${l.count} ${l.what}: ${l.reason}`);
  return out.join('\n') + '\n';
}

export function renderExportSummary(s: ExportSummary): string {
  const e = s.exported;
  const out = [`exported ${s.file}: ${e.sources} sources, ${e.codes} codes, ${e.codings} codings by ${e.coders} coders, ${e.memos} memos, ${e.cases} cases, ${e.sets} sets; positions in Unicode code points`];
  out.push(s.lost.length === 0 ? 'not exported: nothing' : 'not exported:');
  for (const l of s.lost) out.push(`  ${l.count} ${l.what}: ${l.reason}`);
  return out.join('\n') + '\n';
}
