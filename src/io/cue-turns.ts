/**
 * From timed cues (.vtt, .srt) to normalised text (DESIGN.md): one line per turn,
 * `Name: text`, the cue texts of one speaker joined by single spaces. A voice tag names
 * the speaker; else a `Name:` prefix on a cue line does; a cue without either continues
 * the current speaker.
 */
import { detectLabel } from '../core/labels.js';
import type { SpeakerLabel } from '../core/labels.js';
import type { LabelFinder } from '../core/turns.js';
import type { Cue } from './cue.js';

export interface CueText {
  text: string;
  /** The label of each line, known from the cue structure rather than guessed. */
  labelAt: LabelFinder;
  /** Start time (ms) of each turn, in turn order. */
  turnStartMs: number[];
  /** From the first cue's start to the last cue's end, in seconds; null without cues. */
  durationSec: number | null;
}

interface Segment {
  speaker: string | null;
  parts: string[];
  startMs: number;
}

export function cuesToText(cues: readonly Cue[]): CueText {
  const segments: Segment[] = [];
  let current: string | null = null;
  const add = (speaker: string | null, part: string, startMs: number): void => {
    const last = segments[segments.length - 1];
    if (last !== undefined && last.speaker === speaker) {
      if (part.length > 0) last.parts.push(part);
    } else {
      segments.push({ speaker, parts: part.length > 0 ? [part] : [], startMs });
    }
    current = speaker;
  };
  for (const cue of cues) {
    for (const raw of cue.lines) {
      const line = raw.normalize('NFC');
      if (cue.voice !== null) {
        add(cue.voice.normalize('NFC').trim(), line.trim(), cue.startMs);
        continue;
      }
      const label = detectLabel(line);
      if (label !== null) add(label.speaker, line.slice(label.end).trim(), cue.startMs);
      else add(current, line.trim(), cue.startMs);
    }
  }
  const lines: string[] = [];
  const labels: (SpeakerLabel | null)[] = [];
  const turnStartMs: number[] = [];
  for (const s of segments) {
    const talk = s.parts.join(' ');
    if (s.speaker === null) {
      lines.push(talk);
      labels.push(null);
    } else {
      lines.push(talk.length > 0 ? `${s.speaker}: ${talk}` : `${s.speaker}:`);
      labels.push({ speaker: s.speaker, end: s.speaker.length + 1 });
      turnStartMs.push(s.startMs);
    }
  }
  let durationSec: number | null = null;
  if (cues.length > 0) {
    const start = cues.reduce((m, c) => Math.min(m, c.startMs), Infinity);
    const end = cues.reduce((m, c) => Math.max(m, c.endMs), 0);
    durationSec = Math.max(0, end - start) / 1000;
  }
  return { text: lines.join('\n'), labelAt: (_line, i) => labels[i] ?? null, turnStartMs, durationSec };
}
