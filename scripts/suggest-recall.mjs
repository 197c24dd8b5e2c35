#!/usr/bin/env node
/**
 * How useful is `qcode suggest`? On the example study (run `npm start` first), for every
 * code covering at least 6 participant turns: hide every third of those turns (delete the
 * code's codings in them, in a scratch copy of the project), ask `suggest` for the top N
 * turns, and count how many hidden turns come back (recall at N). A random ranking of the
 * same uncovered turns would find N ÷ (uncovered turns) of them on average.
 *
 *   node scripts/suggest-recall.mjs [--top 10] [--project example-project]
 */
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import { suggest } from '../dist/app/suggest.js';

const { values: opts } = parseArgs({ options: { top: { type: 'string', default: '10' }, project: { type: 'string', default: 'example-project' } } });
const top = Number(opts.top);
const source = resolve(opts.project, 'qcode.db');
const scratch = mkdtempSync(join(tmpdir(), 'qcode-recall-'));
const db = join(scratch, 'qcode.db');

/** Participant turns covered by each code (codings of every coder), in source and turn order. */
function coveredTurns() {
  const d = new Database(source, { readonly: true });
  const rows = d.prepare(`
    SELECT DISTINCT c.name AS code, s.name AS source, t.number, t.talk_start AS start, t.talk_end AS end
    FROM codings g JOIN codes c ON c.id = g.code_id JOIN sources s ON s.id = g.source_id
    JOIN revisions r ON r.source_id = s.id AND r.number = s.current_revision
    JOIN turns t ON t.revision_id = r.id AND t.role = 'participant' AND g.start < t.talk_end AND g."end" > t.talk_start
    WHERE g.orphaned = 0 ORDER BY c.name, s.name, t.number`).all();
  d.close();
  const byCode = new Map();
  for (const r of rows) (byCode.get(r.code) ?? byCode.set(r.code, []).get(r.code)).push(r);
  return byCode;
}

const results = [];
for (const [code, turns] of coveredTurns()) {
  if (turns.length < 6) continue;
  const hidden = turns.filter((_, i) => i % 3 === 2);
  copyFileSync(source, db);
  const d = new Database(db);
  const del = d.prepare(`DELETE FROM codings WHERE code_id = (SELECT id FROM codes WHERE name = ?) AND source_id = (SELECT id FROM sources WHERE name = ?) AND start < ? AND "end" > ?`);
  d.transaction(() => { for (const h of hidden) del.run(code, h.source, h.end, h.start); })();
  d.close();
  const r = suggest({ cwd: scratch, env: {}, project: scratch }, { code, top });
  const found = hidden.filter((h) => r.suggestions.some((s) => s.source === h.source && s.start >= h.start && s.end <= h.end)).length;
  const pool = r.passages - r.covered;
  results.push({ code, covered: turns.length, hidden: hidden.length, found, recall: found / hidden.length, random: Math.min(1, top / pool), pool });
}
rmSync(scratch, { recursive: true, force: true });

const pct = (x) => `${(100 * x).toFixed(0)}%`;
const mean = (k) => results.reduce((a, r) => a + r[k], 0) / results.length;
const lines = [`| code | turns coded | hidden | found in top ${top} | recall@${top} | random |`, '| --- | ---: | ---: | ---: | ---: | ---: |'];
for (const r of results) lines.push(`| ${r.code} | ${r.covered} | ${r.hidden} | ${r.found} | ${pct(r.recall)} | ${pct(r.random)} |`);
lines.push(`| **mean of ${results.length} codes** | | ${results.reduce((a, r) => a + r.hidden, 0)} | ${results.reduce((a, r) => a + r.found, 0)} | **${pct(mean('recall'))}** | ${pct(mean('random'))} |`);
process.stdout.write(lines.join('\n') + '\n');
