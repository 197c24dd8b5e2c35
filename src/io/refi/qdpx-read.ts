/**
 * Reads a REFI-QDA project file (`.qdpx`: a zip holding `project.qde` and the sources)
 * into a RefiProject. Text sources are read with their plain text as written; what
 * qcode cannot bring (pictures, audio, video, PDF regions, graphs, links, unknown
 * elements) is counted with the reason.
 */
import { existsSync, readFileSync } from 'node:fs';
import { basename, dirname, extname, isAbsolute, resolve, sep } from 'node:path';
import { InputError } from '../../core/errors.js';
import { addLoss, type RefiCase, type RefiCode, type RefiCoding, type RefiLoss, type RefiNote, type RefiProject, type RefiSelection, type RefiSet, type RefiTextSource, type RefiVariable } from '../../core/refi-model.js';
import { decodeText } from '../decode.js';
import { child, childrenNamed, parseXml, type XmlElement } from './xml-tree.js';
import { unzipFiles } from './zip-read.js';

type FileText = (ref: string) => { bytes: Uint8Array | null; where: string; outside?: boolean };

const KNOWN_TOP = new Set(['Users', 'CodeBook', 'Variables', 'Cases', 'Sources', 'Notes', 'Links', 'Sets', 'Graphs', 'Description', 'NoteRef']);

/** Reads `path` (`shown` names it in messages). */
export function readQdpx(path: string, shown: string): RefiProject {
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(path);
  } catch (e) {
    throw new InputError(`${shown}: cannot be read (${(e as NodeJS.ErrnoException).code ?? 'error'})`, { code: 'E_READ' });
  }
  const hint = 'export the project again from the other program as a REFI-QDA project (.qdpx)';
  let files: Record<string, Uint8Array>;
  try {
    files = unzipFiles(bytes);
  } catch (cause) {
    if (cause instanceof InputError && cause.code === 'E_ZIP_TOO_LARGE') throw new InputError(`${shown}: ${cause.message}`, { code: cause.code, cause });
    throw new InputError(`${shown}: not a REFI-QDA project (not a zip archive)`, { code: 'E_QDPX', hint, cause });
  }
  const qde = Object.keys(files).filter((n) => !n.includes('/') && n.toLowerCase().endsWith('.qde')).sort()[0];
  if (qde === undefined) throw new InputError(`${shown}: not a REFI-QDA project (no project.qde inside)`, { code: 'E_QDPX', hint });
  let root: XmlElement;
  try {
    root = parseXml(new TextDecoder('utf-8').decode(files[qde]));
  } catch (cause) {
    const why = cause instanceof Error ? cause.message.split('\n')[0] : String(cause);
    throw new InputError(`${shown}: ${qde} is not well-formed XML (${why})`, { code: 'E_QDPX_XML', hint, cause });
  }
  if (root.name !== 'Project') throw new InputError(`${shown}: ${qde} holds <${root.name}>, not a REFI-QDA <Project>`, { code: 'E_QDPX', hint });
  const zipNames = new Map(Object.keys(files).map((n) => [n.toLowerCase(), n]));
  const fileText: FileText = (ref) => {
    if (ref.startsWith('internal://')) {
      const name = ref.slice('internal://'.length);
      const key = zipNames.get(`sources/${name}`.toLowerCase());
      return { bytes: key === undefined ? null : files[key]!, where: key ?? `Sources/${name}` };
    }
    // relative:// is relative to the project's basePath; qcode reads it beside the file.
    if (ref.startsWith('absolute://')) return { bytes: null, where: ref, outside: true };
    const rel = ref.replace(/^(?:relative|file):\/\//, '').replace(/\\/g, '/');
    const inZip = zipNames.get(rel.toLowerCase()) ?? zipNames.get(`sources/${rel}`.toLowerCase());
    if (inZip !== undefined) return { bytes: files[inZip]!, where: inZip };
    // Beside the project file only: a file someone sends must not make qcode read (and a
    // later export carry away) other files of this computer.
    const folder = dirname(resolve(path));
    const onDisk = resolve(folder, rel);
    if (isAbsolute(rel) || !onDisk.startsWith(folder + sep)) return { bytes: null, where: rel, outside: true };
    if (existsSync(onDisk)) return { bytes: readFileSync(onDisk), where: onDisk };
    return { bytes: null, where: rel };
  };
  return readProject(root, fileText, shown);
}

function readProject(root: XmlElement, fileText: FileText, shown: string): RefiProject {
  const losses: RefiLoss[] = [];
  for (const el of root.children) if (!KNOWN_TOP.has(el.name)) addLoss(losses, `<${el.name}>`, 'not part of REFI-QDA 1.0: not read');
  const users = childrenNamed(child(root, 'Users'), 'User').map((u) => ({ guid: guid(u.attrs.guid), name: (u.attrs.name ?? u.attrs.id ?? '').trim() || `user ${guid(u.attrs.guid).slice(0, 8)}` }));
  const codes = childrenNamed(child(child(root, 'CodeBook'), 'Codes'), 'Code').map(readCode);
  const variables: RefiVariable[] = childrenNamed(child(root, 'Variables'), 'Variable').map((v) => ({
    guid: guid(v.attrs.guid), name: (v.attrs.name ?? '').trim(), type: (v.attrs.typeOfVariable ?? 'Text') as RefiVariable['type'],
  }));
  const varNames = new Map(variables.map((v) => [v.guid, v.name]));
  const values = (el: XmlElement): Record<string, string> => readValues(el, varNames);
  const cases: RefiCase[] = childrenNamed(child(root, 'Cases'), 'Case').map((c) => {
    addLoss(losses, 'case code references (CodeRef in Case)', 'qcode cases are participants, not coded: not brought in', childrenNamed(c, 'CodeRef').length);
    addLoss(losses, 'case selection references (SelectionRef in Case)', 'a qcode case holds whole sources, not passages: not brought in', childrenNamed(c, 'SelectionRef').length);
    return {
      guid: guid(c.attrs.guid), name: (c.attrs.name ?? '').trim() || `case ${guid(c.attrs.guid).slice(0, 8)}`,
      description: textOf(child(c, 'Description')), sourceGuids: childrenNamed(c, 'SourceRef').map((r) => guid(r.attrs.targetGUID)), variables: values(c),
    };
  });
  const sources: RefiTextSource[] = [];
  for (const el of child(root, 'Sources')?.children ?? []) {
    if (el.name === 'TextSource') sources.push(readTextSource(el, fileText, values, losses));
    else lostSource(el, losses);
  }
  const notes: RefiNote[] = childrenNamed(child(root, 'Notes'), 'Note').map((n) => readNote(n, fileText, losses));
  const links = childrenNamed(child(root, 'Links'), 'Link').length;
  addLoss(losses, 'links', 'qcode has no links between items: not brought in', links);
  const graphs = childrenNamed(child(root, 'Graphs'), 'Graph').length;
  addLoss(losses, 'graphs', 'qcode draws no graphs: not brought in', graphs);
  const sets: RefiSet[] = childrenNamed(child(root, 'Sets'), 'Set').map((s) => ({
    guid: guid(s.attrs.guid), name: s.attrs.name ?? '',
    codes: childrenNamed(s, 'MemberCode').map((m) => guid(m.attrs.targetGUID)),
    sources: childrenNamed(s, 'MemberSource').map((m) => guid(m.attrs.targetGUID)),
    notes: childrenNamed(s, 'MemberNote').map((m) => guid(m.attrs.targetGUID)),
  }));
  void shown;
  return {
    name: root.attrs.name ?? '', origin: root.attrs.origin ?? null, creatingUserGuid: optGuid(root.attrs.creatingUserGUID),
    users, codes, variables, cases, sources, notes, sets, projectNoteGuids: refs(root, 'NoteRef'), losses,
  };
}

function readCode(el: XmlElement): RefiCode {
  return {
    guid: guid(el.attrs.guid), name: el.attrs.name ?? '', description: textOf(child(el, 'Description')),
    color: normaliseColor(el.attrs.color), isCodable: el.attrs.isCodable !== 'false' && el.attrs.isCodable !== '0',
    noteGuids: refs(el, 'NoteRef'), children: childrenNamed(el, 'Code').map(readCode),
  };
}

function readTextSource(el: XmlElement, fileText: FileText, values: (el: XmlElement) => Record<string, string>, losses: RefiLoss[]): RefiTextSource {
  const g = guid(el.attrs.guid);
  const ref = el.attrs.plainTextPath;
  const inline = child(el, 'PlainTextContent');
  let text: string | null = null;
  let textProblem: string | null = null;
  let textPath = ref ?? '(PlainTextContent)';
  if (inline !== undefined) text = inline.text;
  else if (ref !== undefined) {
    const found = fileText(ref);
    textPath = found.where;
    if (found.outside === true) textProblem = `its plain text ${ref} lies outside the project file's folder: not read`;
    else if (found.bytes === null) textProblem = `its plain text ${ref} is not in the project file nor beside it`;
    else {
      try {
        text = decodeText(found.bytes, found.where).text;
      } catch (e) {
        textProblem = (e as Error).message;
      }
    }
  } else textProblem = 'it has neither plainTextPath nor PlainTextContent';
  if (text !== null && text.length === 0) {
    textProblem = 'its plain text is empty';
    text = null;
  }
  const fileName = ref === undefined ? '' : basename(ref.replace(/^internal:\/\//, '').replace(/\\/g, '/'), extname(ref));
  const given = (el.attrs.name ?? '').trim();
  addLoss(losses, 'rich text (richTextPath)', 'qcode keeps plain text: formatting not brought in', el.attrs.richTextPath === undefined ? 0 : 1);
  return {
    guid: g, name: given !== '' ? given : fileName !== '' ? fileName : `source ${g.slice(0, 8)}`, nameFromFile: given === '',
    text, textProblem, textPath,
    selections: childrenNamed(el, 'PlainTextSelection').map(readSelection),
    codings: childrenNamed(el, 'Coding').map(readCoding),
    noteGuids: refs(el, 'NoteRef'), variables: values(el),
  };
}

function readSelection(el: XmlElement): RefiSelection {
  return {
    guid: guid(el.attrs.guid), name: el.attrs.name ?? null,
    start: Number(el.attrs.startPosition), end: Number(el.attrs.endPosition),
    userGuid: optGuid(el.attrs.creatingUser), createdAt: el.attrs.creationDateTime ?? null,
    codings: childrenNamed(el, 'Coding').map(readCoding), noteGuids: refs(el, 'NoteRef'),
  };
}

function readCoding(el: XmlElement): RefiCoding {
  return {
    guid: guid(el.attrs.guid), codeGuid: guid(child(el, 'CodeRef')?.attrs.targetGUID), userGuid: optGuid(el.attrs.creatingUser),
    createdAt: el.attrs.creationDateTime ?? null, noteGuids: refs(el, 'NoteRef'),
  };
}

function readNote(el: XmlElement, fileText: FileText, losses: RefiLoss[]): RefiNote {
  let text = textOf(child(el, 'PlainTextContent'));
  if (text === null && el.attrs.plainTextPath !== undefined) {
    const found = fileText(el.attrs.plainTextPath);
    if (found.bytes !== null) {
      try {
        text = decodeText(found.bytes, found.where).text;
      } catch {
        text = null;
      }
    }
  }
  const selections = childrenNamed(el, 'PlainTextSelection');
  addLoss(losses, 'codings inside notes', 'qcode codes sources, not memos: not brought in', selections.reduce((n, s) => n + childrenNamed(s, 'Coding').length, 0));
  return {
    guid: guid(el.attrs.guid), name: el.attrs.name ?? null, text: (text ?? '').replace(/\r\n?/g, '\n'),
    userGuid: optGuid(el.attrs.creatingUser), createdAt: el.attrs.creationDateTime ?? null, modifiedAt: el.attrs.modifiedDateTime ?? null,
  };
}

const LOST_SOURCE: Record<string, [string, string]> = {
  PictureSource: ['picture sources', 'PictureSelection'],
  PDFSource: ['PDF sources', 'PDFSelection'],
  AudioSource: ['audio sources', 'AudioSelection'],
  VideoSource: ['video sources', 'VideoSelection'],
};

function lostSource(el: XmlElement, losses: RefiLoss[]): void {
  const kind = LOST_SOURCE[el.name];
  if (kind === undefined) {
    addLoss(losses, `<${el.name}> in Sources`, 'unknown kind of source: not read');
    return;
  }
  addLoss(losses, kind[0], 'qcode codes text transcripts only: the source is not brought in');
  const selections = childrenNamed(el, kind[1]!);
  const what = el.name === 'PDFSource' ? 'PDF-region selections' : `${kind[0].replace(' sources', '')} selections`;
  addLoss(losses, what, 'positions on an image, page region or time line have no place in a text', selections.length);
  const codings = selections.reduce((n, s) => n + childrenNamed(s, 'Coding').length, 0) + childrenNamed(el, 'Coding').length;
  addLoss(losses, `codings of ${kind[0]}`, 'their source is not brought in', codings);
  const transcripts = childrenNamed(el, 'Transcript').length + (child(el, 'Representation') === undefined ? 0 : 1);
  addLoss(losses, `transcripts of ${kind[0]}`, 'export the transcript as a text source, or ingest it as a file', transcripts);
}

function readValues(el: XmlElement, varNames: Map<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const v of childrenNamed(el, 'VariableValue')) {
    const name = varNames.get(guid(child(v, 'VariableRef')?.attrs.targetGUID));
    const value = v.children.find((c) => c.name.endsWith('Value'));
    if (name !== undefined && name !== '' && value !== undefined) out[name] = value.text.trim();
  }
  return out;
}

function refs(el: XmlElement, name: string): string[] {
  return childrenNamed(el, name).map((r) => guid(r.attrs.targetGUID));
}

function textOf(el: XmlElement | undefined): string | null {
  if (el === undefined) return null;
  const t = el.text.replace(/\r\n?/g, '\n');
  return t.trim() === '' ? null : t;
}

/** GUIDs compared without braces and case. */
function guid(raw: string | undefined): string {
  return (raw ?? '').replace(/[{}]/g, '').toLowerCase();
}

function optGuid(raw: string | undefined): string | null {
  return raw === undefined || raw === '' ? null : guid(raw);
}

function normaliseColor(raw: string | undefined): string | null {
  if (raw === undefined) return null;
  const m = /^#([0-9a-f]{6}|[0-9a-f]{3})$/i.exec(raw.trim());
  if (m === null) return null;
  const hex = m[1]!.length === 3 ? [...m[1]!].map((c) => c + c).join('') : m[1]!;
  return `#${hex.toLowerCase()}`;
}
