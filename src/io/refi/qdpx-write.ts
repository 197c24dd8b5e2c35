/**
 * Writes a RefiProject as a REFI-QDA project file: `project.qde` (QDA-XML 1.0, valid
 * against Project.xsd) and each text source's plain text as `Sources/<guid>.txt`
 * (UTF-8, no byte-order mark). The archive is deterministic: same project, same bytes.
 */
import type { RefiCode, RefiCoding, RefiProject, RefiSelection } from '../../core/refi-model.js';
import { atomicWriter } from '../atomic-write.js';
import { escapeXml as x } from './xml-tree.js';
import { ZipStream, zipFiles } from './zip-write.js';

export function qdpxBytes(project: RefiProject): Uint8Array {
  const enc = new TextEncoder();
  return zipFiles([
    { name: 'project.qde', data: enc.encode(projectXml(project)) },
    ...project.sources.map((s) => ({ name: `Sources/${s.guid}.txt`, data: enc.encode(s.text ?? '') })),
  ]);
}

/** Text of project.qde handed to the zip in pieces of about this many UTF-16 units. */
const XML_PIECE = 1 << 20;

/**
 * Writes a project source by source, readable by its owner only (it holds the transcripts), so
 * that memory does not grow with it: `project` without its sources' selections and texts, which
 * `selectionsOf(k)` and `textOf(k)` give for source k, each once. The file holds what qdpxBytes
 * makes of the project with them (project.qde first, then the texts; its deflated bytes differ).
 */
export function writeQdpxSourceBySource(path: string, project: RefiProject, selectionsOf: (k: number) => RefiSelection[], textOf: (k: number) => Uint8Array): void {
  const file = atomicWriter(path, 0o600);
  try {
    const zip = new ZipStream(file.write);
    const qde = zip.pieces('project.qde');
    const enc = new TextEncoder();
    let piece: string[] = [];
    let size = 0;
    writeProjectXml(project, (s) => {
      piece.push(s);
      size += s.length;
      if (size >= XML_PIECE) {
        qde.push(enc.encode(piece.join('')));
        piece = [];
        size = 0;
      }
    }, selectionsOf);
    qde.push(enc.encode(piece.join('')));
    qde.end();
    project.sources.forEach((s, k) => zip.add(`Sources/${s.guid}.txt`, textOf(k)));
    zip.end();
    file.commit();
  } catch (e) {
    file.abort();
    throw e;
  }
}

/** The QDA-XML of a project; elements in the order the schema's sequences require. */
export function projectXml(p: RefiProject): string {
  const out: string[] = [];
  writeProjectXml(p, (s) => out.push(s));
  return out.join('');
}

/**
 * Hands the QDA-XML of a project to `put` piece by piece; source k's selections are
 * `selectionsOf(k)` when given (else its own).
 */
function writeProjectXml(p: RefiProject, put: (s: string) => void, selectionsOf?: (k: number) => RefiSelection[]): void {
  const out = { push: put };
  out.push('<?xml version="1.0" encoding="utf-8"?>\n');
  out.push(`<Project xmlns="urn:QDA-XML:project:1.0" name="${x(p.name)}"${p.origin === null ? '' : ` origin="${x(p.origin)}"`}>\n`);
  if (p.users.length > 0) {
    out.push('<Users>\n');
    for (const u of p.users) out.push(`<User guid="${u.guid}" name="${x(u.name)}"/>\n`);
    out.push('</Users>\n');
  }
  if (p.codes.length > 0) {
    out.push('<CodeBook><Codes>\n');
    for (const c of p.codes) codeXml(c, out);
    out.push('</Codes></CodeBook>\n');
  }
  if (p.variables.length > 0) {
    out.push('<Variables>\n');
    for (const v of p.variables) out.push(`<Variable guid="${v.guid}" name="${x(v.name)}" typeOfVariable="${v.type}"/>\n`);
    out.push('</Variables>\n');
  }
  const varGuid = new Map(p.variables.map((v) => [v.name, v.guid]));
  const values = (vars: Record<string, string>): string => Object.entries(vars).map(([k, v]) =>
    `<VariableValue><VariableRef targetGUID="${varGuid.get(k)!}"/><TextValue>${x(v)}</TextValue></VariableValue>`).join('');
  if (p.cases.length > 0) {
    out.push('<Cases>\n');
    for (const c of p.cases) {
      out.push(`<Case guid="${c.guid}" name="${x(c.name)}">`);
      if (c.description !== null) out.push(`<Description>${x(c.description)}</Description>`);
      out.push(values(c.variables));
      for (const g of c.sourceGuids) out.push(`<SourceRef targetGUID="${g}"/>`);
      out.push('</Case>\n');
    }
    out.push('</Cases>\n');
  }
  if (p.sources.length > 0) {
    out.push('<Sources>\n');
    p.sources.forEach((s, k) => {
      out.push(`<TextSource guid="${s.guid}" name="${x(s.name)}" plainTextPath="internal://${s.guid}.txt">\n`);
      for (const sel of selectionsOf === undefined ? s.selections : selectionsOf(k)) selectionXml(sel, out);
      for (const c of s.codings) codingXml(c, out);
      for (const g of s.noteGuids) out.push(`<NoteRef targetGUID="${g}"/>`);
      out.push(values(s.variables));
      out.push('</TextSource>\n');
    });
    out.push('</Sources>\n');
  }
  if (p.notes.length > 0) {
    out.push('<Notes>\n');
    for (const n of p.notes) {
      const user = n.userGuid === null ? '' : ` creatingUser="${n.userGuid}"`;
      const dates = (n.createdAt === null ? '' : ` creationDateTime="${n.createdAt}"`) + (n.modifiedAt === null ? '' : ` modifiedDateTime="${n.modifiedAt}"`);
      out.push(`<Note guid="${n.guid}"${n.name === null ? '' : ` name="${x(n.name)}"`}${user}${dates}><PlainTextContent>${x(n.text)}</PlainTextContent></Note>\n`);
    }
    out.push('</Notes>\n');
  }
  if (p.sets.length > 0) {
    out.push('<Sets>\n');
    for (const s of p.sets) {
      out.push(`<Set guid="${s.guid}" name="${x(s.name)}">`);
      for (const g of s.codes) out.push(`<MemberCode targetGUID="${g}"/>`);
      for (const g of s.sources) out.push(`<MemberSource targetGUID="${g}"/>`);
      out.push('</Set>\n');
    }
    out.push('</Sets>\n');
  }
  for (const g of p.projectNoteGuids) out.push(`<NoteRef targetGUID="${g}"/>\n`);
  out.push('</Project>\n');
}

/** Where XML goes, piece by piece. */
interface Sink {
  push(s: string): unknown;
}

function codeXml(c: RefiCode, out: Sink): void {
  out.push(`<Code guid="${c.guid}" name="${x(c.name)}" isCodable="${c.isCodable}"${c.color === null ? '' : ` color="${c.color}"`}>`);
  if (c.description !== null) out.push(`<Description>${x(c.description)}</Description>`);
  for (const g of c.noteGuids) out.push(`<NoteRef targetGUID="${g}"/>`);
  if (c.children.length > 0) out.push('\n');
  for (const k of c.children) codeXml(k, out);
  out.push('</Code>\n');
}

function selectionXml(s: RefiSelection, out: Sink): void {
  const user = s.userGuid === null ? '' : ` creatingUser="${s.userGuid}"`;
  const date = s.createdAt === null ? '' : ` creationDateTime="${s.createdAt}"`;
  out.push(`<PlainTextSelection guid="${s.guid}"${s.name === null ? '' : ` name="${x(s.name)}"`} startPosition="${s.start}" endPosition="${s.end}"${user}${date}>`);
  for (const c of s.codings) codingXml(c, out);
  for (const g of s.noteGuids) out.push(`<NoteRef targetGUID="${g}"/>`);
  out.push('</PlainTextSelection>\n');
}

function codingXml(c: RefiCoding, out: Sink): void {
  const user = c.userGuid === null ? '' : ` creatingUser="${c.userGuid}"`;
  const date = c.createdAt === null ? '' : ` creationDateTime="${c.createdAt}"`;
  out.push(`<Coding guid="${c.guid}"${user}${date}><CodeRef targetGUID="${c.codeGuid}"/>`);
  for (const g of c.noteGuids) out.push(`<NoteRef targetGUID="${g}"/>`);
  out.push('</Coding>');
}
