/**
 * A REFI-QDA project (QDA-XML 1.0) as qcode reads and writes it: only what maps onto
 * qcode's records, plus counts of everything else so that nothing is lost silently.
 */

export interface RefiUser {
  guid: string;
  name: string;
}

export interface RefiCode {
  guid: string;
  name: string;
  description: string | null;
  color: string | null;
  isCodable: boolean;
  noteGuids: string[];
  children: RefiCode[];
}

export interface RefiCoding {
  guid: string;
  codeGuid: string;
  userGuid: string | null;
  createdAt: string | null;
  noteGuids: string[];
}

export interface RefiSelection {
  guid: string;
  name: string | null;
  start: number;
  end: number;
  userGuid: string | null;
  createdAt: string | null;
  codings: RefiCoding[];
  noteGuids: string[];
}

export interface RefiTextSource {
  guid: string;
  /** The `name` attribute, else the plain-text file's name without extension. */
  name: string;
  nameFromFile: boolean;
  /** The plain text as written (decoded, line ends untouched), or null when it could not be read. */
  text: string | null;
  /** Why the text is missing or empty, when it is. */
  textProblem: string | null;
  /** Where the text came from, for messages. */
  textPath: string;
  selections: RefiSelection[];
  /** Codings of the whole source (`Coding` directly under `TextSource`). */
  codings: RefiCoding[];
  noteGuids: string[];
  variables: Record<string, string>;
}

export interface RefiNote {
  guid: string;
  name: string | null;
  text: string;
  userGuid: string | null;
  createdAt: string | null;
  modifiedAt: string | null;
}

export interface RefiVariable {
  guid: string;
  name: string;
  type: 'Text' | 'Boolean' | 'Integer' | 'Float' | 'Date' | 'DateTime';
}

export interface RefiCase {
  guid: string;
  name: string;
  description: string | null;
  sourceGuids: string[];
  variables: Record<string, string>;
}

export interface RefiSet {
  guid: string;
  name: string;
  codes: string[];
  sources: string[];
  notes: string[];
}

/** Something of the file that qcode does not bring in, counted, with the reason. */
export interface RefiLoss {
  what: string;
  count: number;
  reason: string;
}

export interface RefiProject {
  name: string;
  origin: string | null;
  creatingUserGuid: string | null;
  users: RefiUser[];
  codes: RefiCode[];
  variables: RefiVariable[];
  cases: RefiCase[];
  sources: RefiTextSource[];
  notes: RefiNote[];
  sets: RefiSet[];
  /** Notes on the project as a whole. */
  projectNoteGuids: string[];
  losses: RefiLoss[];
}

/** Adds `count` to the loss `what` (created with `reason` when new). */
export function addLoss(losses: RefiLoss[], what: string, reason: string, count = 1): void {
  if (count <= 0) return;
  const found = losses.find((l) => l.what === what && l.reason === reason);
  if (found !== undefined) found.count += count;
  else losses.push({ what, count, reason });
}
