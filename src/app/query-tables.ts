/** The text queries' results as tables (the JSON is the result itself; see each use case). */
import type { TableData } from '../format/table-shape.js';
import type { KeynessResult } from './keyness.js';
import type { SearchResult } from './search.js';
import type { SuggestResult } from './suggest.js';
import type { WordsResult } from './words.js';

export function wordsTable(r: WordsResult): TableData {
  return {
    columns: [
      { key: 'word', header: r.scope.stem ? 'word (stem)' : 'word' },
      ...(r.scope.stem ? [{ key: 'forms', header: 'forms', wrap: true }] : []),
      { key: 'count', header: 'count', align: 'right' as const },
      { key: 'percent', header: '%', align: 'right' as const, decimals: 2 },
      { key: 'sources', header: 'sources', align: 'right' as const },
      { key: 'cases', header: 'cases', align: 'right' as const },
    ],
    rows: r.rows.map((w) => ({ ...w, forms: w.forms.join(', ') })),
  };
}

export function keynessTable(r: KeynessResult): TableData {
  return {
    columns: [
      { key: 'group', header: r.scope.by },
      { key: 'word', header: 'word' },
      { key: 'count', header: 'count', align: 'right' },
      { key: 'rest', header: 'rest', align: 'right' },
      { key: 'g2', header: 'G²', align: 'right', decimals: 2 },
      { key: 'logRatio', header: 'log ratio', align: 'right', decimals: 2 },
    ],
    rows: r.groups.flatMap((g) => g.rows.map((w) => ({ group: g.group, ...w }))),
  };
}

export function searchTable(r: SearchResult): TableData {
  return {
    columns: [
      { key: 'source', header: 'source' },
      { key: 'line', header: 'line', align: 'right' },
      { key: 'speaker', header: 'speaker' },
      { key: 'left', header: 'left', align: 'right' },
      { key: 'hit', header: 'hit' },
      { key: 'right', header: 'right' },
    ],
    rows: r.hits.map((h) => ({ ...h })),
  };
}

/** Every hit with its case and wave (CSV and Markdown keep every field). */
export function searchFullTable(r: SearchResult): TableData {
  const t = searchTable(r);
  return { columns: [t.columns[0]!, { key: 'case', header: 'case' }, { key: 'wave', header: 'wave' }, ...t.columns.slice(1), { key: 'start', header: 'start', align: 'right' }, { key: 'end', header: 'end', align: 'right' }], rows: t.rows };
}

export function suggestTable(r: SuggestResult): TableData {
  return {
    columns: [
      { key: 'score', header: 'score', align: 'right', decimals: 3 },
      { key: 'source', header: 'source' },
      { key: 'line', header: 'line', align: 'right' },
      { key: 'text', header: 'passage', wrap: true },
      { key: 'command', header: 'to code it' },
    ],
    rows: r.suggestions.map((s) => ({ ...s })),
  };
}
