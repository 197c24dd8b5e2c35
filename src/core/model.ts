/**
 * The records qcode keeps, as the rest of the program sees them (camelCase; the row
 * mappers in db/ translate from snake_case).
 */
import type { Role } from './talk.js';

export type SourceFormat = 'txt' | 'md' | 'vtt' | 'srt' | 'docx' | 'pdf' | 'odt' | 'rtf';

export interface SourceSummary {
  id: string;
  case: string;
  wave: string;
  format: SourceFormat;
  encoding: string;
  path: string;
  date: string | null;
  durationSec: number | null;
  metadata: Record<string, unknown>;
  revision: number;
  hash: string;
  length: number;
  lines: number;
  turns: number;
  participantWords: number;
  interviewerWords: number;
  /** The database row id (internal; not shown to users). */
  rowId: number;
}

/** A source revision's text and what ingest derived from it. */
export interface SourceText {
  source: SourceSummary;
  revisionId: number;
  text: string;
  turns: StoredTurn[];
  participantWordStarts: Uint32Array;
}

export interface StoredTurn {
  number: number;
  speaker: string;
  role: Role;
  start: number;
  talkStart: number;
  talkEnd: number;
  lineStart: number;
  lineEnd: number;
  words: number;
  startMs: number | null;
}

export interface CaseRecord {
  case: string;
  sources: number;
  attributes: Record<string, string>;
}

/** One line of a source as `qcode show` prints it. */
export interface ShownLine {
  line: number;
  /** The turn the line belongs to; null in the header or a source without labels. */
  turn: number | null;
  /** True on the line where the turn's label is. */
  turnStart: boolean;
  speaker: string | null;
  role: Role | null;
  /** Code points of the line taken by the label (and timestamp); 0 on other lines. */
  labelLength: number;
  text: string;
  /** The codes whose codings cover part of this line (coding stripes), in stripe order. */
  codes: string[];
}

export interface ShownSource {
  source: string;
  case: string;
  wave: string;
  revision: number;
  lines: ShownLine[];
  /** The codes on the shown lines, in the order of their stripes, with their colours. */
  stripes: { code: string; color: string | null }[];
}
