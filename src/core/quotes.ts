/**
 * Exemplar quotes: verbatim participant talk from coded passages, chosen
 * deterministically, trimmed at sentence boundaries, followed by the participant id.
 */
import type { CodePointMap } from './code-points.js';
import type { StoredTurn } from './model.js';
import type { Span } from './spans.js';
import { flatten } from './passage-text.js';
import { countWords, wordStartAt } from './text.js';

/** Quotes of 15–80 words are preferred; longer ones are trimmed to at most 80. */
export const QUOTE_MIN_WORDS = 15;
export const QUOTE_MAX_WORDS = 80;

/**
 * The participant talk inside a span: the span cut to the talk of participant turns
 * (labels and interviewer turns left out); the whole span in a source without turns.
 */
export function participantPieces(span: Span, turns: readonly StoredTurn[]): Span[] {
  if (turns.length === 0) return [span];
  const out: Span[] = [];
  // Turns are in text order, their talk ends ascending: skip those ending at or before the span.
  let lo = 0;
  let hi = turns.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (turns[mid]!.talkEnd <= span.start) lo = mid + 1;
    else hi = mid;
  }
  for (let k = lo; k < turns.length && turns[k]!.talkStart < span.end; k++) {
    const t = turns[k]!;
    if (t.role !== 'participant') continue;
    const start = Math.max(span.start, t.talkStart);
    const end = Math.min(span.end, t.talkEnd);
    if (end > start) out.push({ start, end });
  }
  return out;
}

/**
 * Trims a quote to whole sentences of at most `max` words, marking the cut with […]; a first
 * sentence longer than that to whole space-separated pieces. No word runs across a space or
 * across the end of a sentence (its stop, closing quotes or white space), so the words kept are
 * a sum, and nothing past the word after the last one kept is read: a disagreements report
 * trims 85,000 passages of hundreds of words each.
 */
export function trimQuote(text: string, max = QUOTE_MAX_WORDS): string {
  const flat = flatten(text).trim();
  if (wordStartAt(flat, max) < 0) return flat;
  const sentence = /[^.!?…]+(?:[.!?…]+["'”’)\]]*\s*|$)/g;
  let out = '';
  let words = 0;
  for (let m = sentence.exec(flat); m !== null; m = sentence.exec(flat)) {
    const n = countWords(m[0]);
    if (out !== '' && words + n > max) break;
    out += m[0];
    words += n;
    if (words > max) break;
  }
  if (out === '') {
    out = flat;
    words = countWords(flat);
  }
  if (words > max) {
    // The pieces before the one where word max + 1 starts.
    const space = out.lastIndexOf(' ', wordStartAt(out, max));
    out = space < 0 ? '' : out.slice(0, space);
  }
  return `${out.trim()} […]`;
}

export interface QuoteCandidate {
  text: string;
  words: number;
  case: string;
  source: string;
  wave: string;
  start: number;
}

/** Participant-talk candidates of one source's merged spans (the longest piece of each span). */
export function quoteCandidates(text: string, map: CodePointMap, turns: readonly StoredTurn[], spans: readonly Span[], meta: { case: string; source: string; wave: string }): QuoteCandidate[] {
  const out: QuoteCandidate[] = [];
  for (const span of spans) {
    let best: QuoteCandidate | null = null;
    for (const piece of participantPieces(span, turns)) {
      const t = text.slice(map.toUtf16(piece.start), map.toUtf16(piece.end)).trim();
      const words = countWords(t);
      if (words > 0 && (best === null || words > best.words)) best = { text: t, words, ...meta, start: piece.start };
    }
    if (best !== null) out.push(best);
  }
  return out;
}

/** The wave as manuscripts write it: T2 for wave 2, other labels as they are. */
export function waveLabel(wave: string): string {
  return /^\d+$/.test(wave) ? `T${wave}` : wave;
}

/** `… text. 50002 (T2).` */
export function attributeQuote(text: string, caseId: string, wave: string): string {
  return `${text} ${caseId} (${waveLabel(wave)}).`;
}
