/** What `qcode import` and `qcode export` did: the counts, and everything left out with reasons. */
import type { RefiLoss } from './refi-model.js';
import type { PositionConvention } from './refi-positions.js';

export interface ImportSummary {
  dryRun: boolean;
  file: string;
  project: string;
  origin: string | null;
  /** The position convention used for the whole file, and the evidence that decided it. */
  positions: { convention: PositionConvention; meaning: string; decidedBy: string };
  imported: {
    coders: number;
    codesAdded: number;
    codesMatched: number;
    sourcesAdded: number;
    sourcesMatched: number;
    codingsAdded: number;
    codingsJoined: number;
    codingsAlreadyHere: number;
    /** Selections that could not be placed exactly: kept as orphaned codings. */
    orphans: number;
    memosAdded: number;
    memosAlreadyHere: number;
    cases: number;
    attributesAdded: number;
    sets: number;
  };
  /** Codes and sources whose names had to change (qcode's names are unique). */
  renamed: { kind: 'code' | 'source'; from: string; to: string; reason: string }[];
  orphans: { source: string; code: string; coder: string; start: number; end: number; reason: string }[];
  sourcesWithoutText: { source: string; reason: string; codingsLost: number }[];
  sets: { name: string; codes: string[]; sources: string[]; notes: number }[];
  lost: RefiLoss[];
}

export interface ExportSummary {
  file: string;
  positions: 'codepoints';
  exported: { sources: number; codes: number; codings: number; coders: number; memos: number; cases: number; sets: number };
  lost: RefiLoss[];
}
