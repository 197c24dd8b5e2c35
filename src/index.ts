/**
 * qcode's programmatic API: the use cases the CLI runs, returning data, and the core types
 * and pure functions. Every function takes an AppContext: `{ cwd, env, project?, coder? }`.
 *
 *   import { ingest, tag, loadScope, themesReport, withProject } from 'qcode';
 */
export type { AppContext, OnProgress, ProgressEvent } from './app/context.js';
export { initProject, openProject, withProject, locateProject, Project } from './app/project.js';
export { ingest, type IngestOptions, type IngestSummary } from './app/ingest.js';
export { listSources } from './app/sources.js';
export { listCases, importCases } from './app/cases.js';
export { showSource } from './app/show.js';
export { tag, type TagRequest, type TagResult } from './app/tag.js';
export { untag, type UntagRequest, type UntagResult } from './app/untag.js';
export { listSpeakers, setSpeaker } from './app/speakers.js';
export { coderIdentity } from './app/coder.js';
export { tagMany, tagFromFile, type TagRow, type TagManyOptions, type TagManyResult } from './app/tag-many.js';
export { listCodings, forEachCoding, type CodingListing, type CodingSink } from './app/codings.js';
export { autocode } from './app/autocode.js';
export { CodingSession } from './app/coding-session.js';
export { addMemo, listMemos, showMemo, editMemo, deleteMemo } from './app/memos.js';
export { checkProject } from './app/check.js';
export {
  listCodebook, codebookAdd, codebookDescribe, codebookRename, codebookMove, codebookMerge, codebookDelete, codebookHistory,
} from './app/codebook.js';
export { importCodebook, exportEntries } from './app/codebook-io.js';
export { mergeProject } from './app/merge-projects.js';
export { importQdpx, type ImportSummary } from './app/refi-import.js';
export { exportQdpx, exportCodebookQdc, type ExportSummary } from './app/refi-export.js';
export { adopt } from './app/adopt.js';
export { loadScope, type ReportFilters, type ReportScope } from './app/report-scope.js';
export { themesReport } from './app/reports/themes.js';
export { matrixReport } from './app/reports/matrix.js';
export { cooccurrenceReport } from './app/reports/cooccurrence.js';
export { quotesReport } from './app/reports/quotes.js';
export { frameworkReport } from './app/reports/framework.js';
export { trajectoryReport } from './app/reports/trajectory.js';
export { saturationReport } from './app/reports/saturation.js';
export { codebookReport } from './app/reports/codebook-report.js';
export { sampleReport } from './app/reports/sample.js';
export { agreementForProject } from './app/reports/agreement.js';
export { disagreementsForProject } from './app/reports/disagreements.js';
export { irrFile, irrStatistics } from './app/irr.js';
export { wordFrequencies, type WordsRequest, type WordsResult } from './app/words.js';
export { keyness, type KeynessRequest, type KeynessResult } from './app/keyness.js';
export { search, type SearchRequest, type SearchResult } from './app/search.js';
export { suggest, type SuggestRequest, type SuggestResult } from './app/suggest.js';
export { signedG2, logRatio } from './core/keyness.js';
export * from './core/errors.js';
export * from './core/stats/index.js';
export type { Code } from './core/codebook.js';
export type { SourceSummary, CaseRecord, StoredTurn } from './core/model.js';
export { detectLabel } from './core/labels.js';
export { countWords, wordRegex } from './core/text.js';
