#!/usr/bin/env node
/**
 * Synthetic interview transcripts for the benchmarks: `P{case}_T{wave}.txt`, each a
 * one-hour interview of about 9,000 words (±10%) in alternating `Interviewer:` and
 * `Participant:` turns. Every word comes from a vocabulary built here (a hand-written list of
 * common English words plus a few thousand made-up ones), so no real text is involved.
 *
 * Deterministic: the same (count, seed, wordsPerTranscript) gives byte-identical files, and
 * each file depends only on the seed and its own index, so a corpus of 10 is a prefix of a
 * corpus of 1,000. A finished folder carries a `.complete` marker; a folder whose marker and
 * file list match is reused as it is, anything else is deleted and written again.
 *
 *   node bench/generate-corpus.mjs DIR COUNT [--seed N] [--words N]
 */
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

/** Bump when the output of a given seed changes, so that old corpora are regenerated. */
const GENERATOR_VERSION = 1;
const MARKER = '.complete';

/** mulberry32: a tiny, fast, well-distributed 32-bit PRNG (Tommy Ettinger, public domain). */
export function mulberry32(seed) {
  let a = seed >>> 0;
  return function next() {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// Function words: short, very frequent, chosen uniformly.
const FUNCTION_WORDS = `the a an and or but so because if when then that this these those it its
I you he she we they me him her us them my your our their to of in on at for with about from by
as into over after before through up down out off is was are were be been being have has had do
does did not no just really very quite some any all more most much many other same own such only
also still even again there here what which who how why where well like can could would should
will may might must`.split(/\s+/);

// Content words of everyday interview talk.
const COMMON_WORDS = `work job team manager colleague shift ward patient client family partner
children kids mother father friend home house money time week month year day night morning
evening weekend holiday hour minute moment change support help care health stress pressure
tired busy difficult easy hard good bad better worse important different possible certain
normal strange funny sad happy angry worried anxious calm confident proud lonely grateful
think feel know want need try start stop keep remember forget understand talk say tell ask
answer listen hear see look find give take make get go come leave stay move live learn teach
train plan decide choose manage cope deal handle struggle improve change grow lose win pay
spend save buy sell write read call email meeting appointment doctor nurse therapist school
college university course training degree experience situation problem question idea reason
way thing stuff part place point side case example story reality routine habit balance
boundary confidence energy motivation sleep exercise food diet walk run gym garden kitchen
office car bus train city village town country community neighbour group service system
policy rule budget contract role responsibility decision goal progress future past present
beginning end middle first last next early late recent new old young long short big small
whole half quarter hundred thousand simply probably maybe actually honestly basically totally
definitely absolutely sometimes always never often usually rarely suddenly slowly quickly
together alone enough less least almost nearly perhaps especially obviously apparently
anyway anymore already yet soon lately recently finally eventually mostly partly clearly
yeah yes okay right sure um uh mm hmm`.split(/\s+/);

// Hyphenated and apostrophe words, and a few with non-ASCII letters.
const COMPOUND_WORDS = `self-care well-being part-time full-time follow-up check-in day-to-day
burn-out long-term short-term one-to-one up-to-date step-by-step co-worker re-training
mid-shift non-stop half-hearted face-to-face`.split(/\s+/);
const CONTRACTIONS = `don't can't won't isn't wasn't didn't doesn't couldn't wouldn't
shouldn't I'm I've I'd I'll you're you've we're we've they're they've it's that's there's
what's let's`.split(/\s+/);
const ACCENTED_WORDS = ['café', 'naïve', 'résumé', 'fiancée', 'déjà', 'cliché', 'rôle', 'façade', 'Zoë', 'José', 'Müller', 'Øystein'];

const ONSETS = ['b', 'bl', 'br', 'c', 'ch', 'cl', 'cr', 'd', 'dr', 'f', 'fl', 'fr', 'g', 'gl', 'gr', 'h', 'j', 'k', 'l', 'm', 'n', 'p', 'pl', 'pr', 'qu', 'r', 's', 'sh', 'sk', 'sl', 'sm', 'sn', 'sp', 'st', 'str', 't', 'th', 'tr', 'v', 'w', 'wh', 'z', ''];
const NUCLEI = ['a', 'e', 'i', 'o', 'u', 'ai', 'ea', 'ee', 'oa', 'oo', 'ou', 'y'];
const CODAS = ['', '', '', 'n', 'r', 's', 't', 'l', 'm', 'nd', 'nt', 'st', 'ck', 'ng', 'rd', 'sh', 'th', 'x'];
const SUFFIXES = ['', '', '', '', 'ing', 'ed', 'er', 'ly', 'ness', 'ment', 'ful', 'less', 'ation', 'ity', 'ous', 'ive'];

/** Made-up words, always the same ones: seeded independently of the corpus seed. */
function syntheticWords(n) {
  const rnd = mulberry32(0x5eed_cafe);
  const pick = (list) => list[Math.floor(rnd() * list.length)];
  const out = new Set();
  while (out.size < n) {
    const syllables = 1 + Math.floor(rnd() * 3);
    let w = '';
    for (let s = 0; s < syllables; s++) w += pick(ONSETS) + pick(NUCLEI) + (s === syllables - 1 ? pick(CODAS) : '');
    w += pick(SUFFIXES);
    if (w.length >= 3 && w.length <= 14) out.add(w);
  }
  return [...out];
}

/** Content vocabulary in rank order: common words first, so a skewed pick is Zipf-like. */
const CONTENT = [...COMMON_WORDS, ...syntheticWords(3000)];

const ENDINGS = ['.', '.', '.', '.', '.', '.', '?', '!', '…'];

/** One transcript's text, from its own PRNG. */
function transcriptText(rnd, targetWords) {
  const below = (n) => Math.floor(rnd() * n);
  const between = (lo, hi) => lo + below(hi - lo + 1);
  const word = () => {
    const r = rnd();
    if (r < 0.42) return FUNCTION_WORDS[below(FUNCTION_WORDS.length)];
    if (r < 0.45) {
      const c = CONTRACTIONS[below(CONTRACTIONS.length)];
      return rnd() < 0.25 ? c.replace("'", '\u2019') : c; // typographic apostrophe, as Word writes it
    }
    if (r < 0.46) return COMPOUND_WORDS[below(COMPOUND_WORDS.length)];
    if (r < 0.462) return ACCENTED_WORDS[below(ACCENTED_WORDS.length)];
    if (r < 0.465) return String(between(2, 60));
    return CONTENT[Math.floor(CONTENT.length * rnd() ** 2)]; // skewed towards low ranks, roughly Zipf
  };
  /** Sentences until at least `n` words; returns [text, words]. */
  const sentences = (n) => {
    const parts = [];
    let count = 0;
    while (count < n) {
      const len = Math.min(between(4, 24), Math.max(n - count, 3));
      const words = [];
      for (let i = 0; i < len; i++) {
        let w = word();
        if (i === 0) w = w[0].toUpperCase() + w.slice(1);
        else if (w === 'i') w = 'I';
        if (i < len - 1 && i > 1 && rnd() < 0.08) w += rnd() < 0.85 ? ',' : ' —';
        words.push(w);
      }
      parts.push(words.join(' ') + ENDINGS[below(ENDINGS.length)]);
      count += len;
    }
    return [parts.join(' '), count];
  };
  const lines = [];
  let total = 0;
  while (total < targetWords) {
    const [question, qWords] = sentences(between(10, 40));
    lines.push(`Interviewer: ${question}`, '');
    total += qWords;
    const budget = Math.max(40, Math.min(between(40, 250), targetWords - total));
    const paragraphs = budget > 120 && rnd() < 0.4 ? between(2, 3) : 1;
    let said = 0;
    for (let p = 0; p < paragraphs; p++) {
      const [text, n] = sentences(Math.ceil((budget - said) / (paragraphs - p)));
      said += n;
      lines.push(p === 0 ? `Participant: ${text}` : text, '');
    }
    total += said;
  }
  return lines.join('\n');
}

/** The file names of a corpus of `count`: cases of three waves, P001_T1, P001_T2, … */
export function corpusFileNames(count) {
  const cases = Math.ceil(count / 3);
  const width = Math.max(3, String(cases).length);
  const names = [];
  for (let i = 0; i < count; i++) names.push(`P${String(Math.floor(i / 3) + 1).padStart(width, '0')}_T${(i % 3) + 1}.txt`);
  return names;
}

/**
 * Writes `count` transcripts into `dir`, or reuses `dir` when it already holds exactly them.
 * Returns { dir, files, reused, bytes? }.
 */
export function generateCorpus(dir, count, { seed = 1, wordsPerTranscript = 9000 } = {}) {
  const root = resolve(dir);
  const names = corpusFileNames(count);
  const marker = JSON.stringify({ generator: GENERATOR_VERSION, count, seed, wordsPerTranscript });
  if (isComplete(root, names, marker)) return { dir: root, files: names.length, reused: true };
  rmSync(root, { recursive: true, force: true });
  mkdirSync(root, { recursive: true });
  let bytes = 0;
  names.forEach((name, i) => {
    // Per-file stream: mixes the seed and index so files are independent of one another.
    const rnd = mulberry32(Math.imul(seed ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(i + 1, 0xc2b2ae35));
    const target = Math.round(wordsPerTranscript * (0.92 + 0.16 * rnd()));
    const text = transcriptText(rnd, target);
    writeFileSync(join(root, name), text);
    bytes += Buffer.byteLength(text);
  });
  writeFileSync(join(root, MARKER), marker + '\n');
  return { dir: root, files: names.length, reused: false, bytes };
}

function isComplete(root, names, marker) {
  const markerPath = join(root, MARKER);
  if (!existsSync(markerPath) || readFileSync(markerPath, 'utf8').trim() !== marker) return false;
  const present = readdirSync(root).filter((f) => f !== MARKER).sort();
  const expected = [...names].sort();
  return present.length === expected.length && present.every((f, i) => f === expected[i]);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const args = process.argv.slice(2);
  const flag = (name, fallback) => {
    const i = args.indexOf(name);
    if (i === -1) return fallback;
    const [value] = args.splice(i, 2).slice(1);
    return value;
  };
  const seed = Number(flag('--seed', '1'));
  const words = Number(flag('--words', '9000'));
  const [dir, countArg] = args;
  const count = Number(countArg);
  if (dir === undefined || !Number.isInteger(count) || count < 1 || !Number.isInteger(seed) || !(words > 0)) {
    process.stderr.write('usage: node bench/generate-corpus.mjs DIR COUNT [--seed N] [--words N]\n');
    process.exitCode = 2;
  } else {
    const started = process.hrtime.bigint();
    const r = generateCorpus(dir, count, { seed, wordsPerTranscript: words });
    const secs = Number(process.hrtime.bigint() - started) / 1e9;
    const what = r.reused ? 'reused' : `wrote ${(r.bytes / 1048576).toFixed(1)} MB to`;
    process.stdout.write(`${what} ${r.files} transcripts in ${r.dir} (${secs.toFixed(1)} s)\n`);
  }
}
