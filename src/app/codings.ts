/**
 * `qcode codings`: the codings, filtered, with positions in code points and line numbers.
 */
import { CodePointMap, countBelow } from '../core/code-points.js';
import { descendantIds } from '../core/codebook.js';
import { lineStarts } from '../core/text.js';
import type { TableData } from '../format/table-shape.js';
import { findCode } from './code-lookup.js';
import type { AppContext } from './context.js';
import { withProject } from './project.js';
import { sourceNotFound } from './source-lookup.js';

export interface CodingFilterArgs {
  code?: string;
  source?: string;
  case?: string;
  coder?: string;
  /** Include the codings of the code's descendants (a theme's roll-up). */
  descendants?: boolean;
}

export interface CodingListing {
  id: number;
  code: string;
  source: string;
  coder: string;
  start: number;
  end: number;
  lineStart: number | null;
  lineEnd: number | null;
  quote: string;
  weight: number | null;
  orphaned: boolean;
}

export function listCodings(ctx: AppContext, f: CodingFilterArgs = {}): CodingListing[] {
  return withProject(ctx, (p) => {
    const codes = p.codes.list();
    const codeIds = f.code === undefined ? undefined : [...(f.descendants === true ? descendantIds(codes, findCode(p, f.code, codes).id) : [findCode(p, f.code, codes).id])];
    let sourceId: number | undefined;
    if (f.source !== undefined) {
      sourceId = p.sources.state(f.source)?.rowId;
      if (sourceId === undefined) throw sourceNotFound(p, f.source);
    }
    const coderId = f.coder === undefined ? undefined : p.coders.find(f.coder) ?? -1;
    const rows = p.codings.list({ codeIds, sourceId, caseName: f.case, coderId });
    const lines = new Map<string, { revision: number; starts: number[]; map: CodePointMap }>();
    const lineInfo = (source: string) => {
      let info = lines.get(source);
      if (info === undefined) {
        const t = p.sources.text(source)!;
        info = { revision: t.source.revision, starts: lineStarts(t.text), map: new CodePointMap(t.text) };
        lines.set(source, info);
      }
      return info;
    };
    return rows.map((r) => {
      const info = lineInfo(r.source);
      const placed = !r.orphaned && r.revision === info.revision;
      const lineOf = (cp: number): number => countBelow(info.starts, info.map.toUtf16(cp) + 1);
      return {
        id: r.id, code: r.code, source: r.source, coder: r.coder, start: r.start, end: r.end,
        lineStart: placed ? lineOf(r.start) : null, lineEnd: placed ? lineOf(r.end - 1) : null,
        quote: r.quote, weight: r.weight, orphaned: r.orphaned,
      };
    });
  }, { readonly: true });
}

export function codingsTable(rows: CodingListing[]): TableData {
  return {
    columns: [
      { key: 'id', header: 'id', align: 'right' },
      { key: 'code', header: 'code' },
      { key: 'source', header: 'source' },
      { key: 'coder', header: 'coder' },
      { key: 'lines', header: 'lines' },
      { key: 'span', header: 'span' },
      { key: 'quote', header: 'quote', wrap: true },
    ],
    rows: rows.map((r) => ({
      id: r.id, code: r.code, source: r.source, coder: r.coder,
      lines: r.orphaned ? 'orphaned' : r.lineStart === r.lineEnd ? `${r.lineStart}` : `${r.lineStart}-${r.lineEnd}`,
      span: `${r.start}-${r.end}`, quote: r.quote,
    })),
  };
}
