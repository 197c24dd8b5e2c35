/**
 * The report formats that need a library or more than one pass: Word, Excel and standalone
 * SVG. Each library is imported only when its format is asked for.
 */
import type { ReportFormat, ReportView } from './report.js';

export async function renderReportFile(format: ReportFormat, stated: ReportView): Promise<Uint8Array> {
  // The coders in scope close the prose: the note under a Word table, Excel's About sheet.
  const view = stated.coders === undefined ? stated : { ...stated, paragraphs: [...(stated.paragraphs ?? []), stated.coders.sentence] };
  switch (format) {
    case 'docx':
      return (await import('./docx.js')).renderDocx(view);
    case 'xlsx': {
      const { renderXlsx } = await import('./xlsx.js');
      return renderXlsx({
        title: view.title,
        sheets: view.tables.map((t) => ({ name: t.title ?? view.title, table: t.table, indentKey: t.indentKey })),
        notes: view.paragraphs,
      });
    }
    default:
      throw new Error(`renderReportFile: ${format} is a text format`);
  }
}
