import { describe, expect, it } from 'vitest';
import { compileNamePattern } from '../../src/core/name-pattern.js';
import { resolveIdentity, normaliseWave } from '../../src/core/source-identity.js';
import { splitFrontMatter } from '../../src/core/front-matter.js';
import { parseDuration } from '../../src/core/duration.js';
import { parseRange } from '../../src/core/range.js';
import { UsageError } from '../../src/core/errors.js';

describe('--name-pattern', () => {
  const p = compileNamePattern('{case}_T{wave}');
  it('reads case and wave from the whole name', () => {
    expect(p.match('50002_T2')).toEqual({ case: '50002', wave: '2' });
    expect(p.match('P_01_T3')).toEqual({ case: 'P_01', wave: '3' });
  });
  it('does not match other names (not an error)', () => {
    expect(p.match('notes')).toBeNull();
    expect(p.match('50002_T2_extra.bak')).toEqual({ case: '50002', wave: '2_extra.bak' });
  });
  it('treats regex characters literally and {*} as anything', () => {
    expect(compileNamePattern('{case}.{wave}').match('P1x2')).toBeNull();
    expect(compileNamePattern('{*}-{case}-w{wave}').match('study-P7-w1')).toEqual({ case: 'P7', wave: '1' });
  });
  it('refuses unknown placeholders and patterns that read nothing', () => {
    expect(() => compileNamePattern('{participant}_T{wave}')).toThrow(UsageError);
    expect(() => compileNamePattern('plain')).toThrow(/reads nothing/);
  });
});

describe('resolveIdentity (DESIGN.md "case")', () => {
  const p = compileNamePattern('{case}_T{wave}');
  it('defaults to case = id = file name, wave 1', () => {
    expect(resolveIdentity('interview7', null, null)).toEqual({ id: 'interview7', case: 'interview7', wave: '1' });
  });
  it('takes front matter field by field before the pattern', () => {
    expect(resolveIdentity('50002_T2', { case: 'P2' }, p)).toEqual({ id: '50002_T2', case: 'P2', wave: '2' });
    expect(resolveIdentity('50002_T2', { id: 'int-9', wave: 3 }, p)).toEqual({ id: 'int-9', case: '50002', wave: '3' });
  });
  it('never lets the pattern change the id', () => {
    expect(resolveIdentity('50002_T2', null, p).id).toBe('50002_T2');
  });
  it('falls back to the defaults when the name does not match', () => {
    expect(resolveIdentity('odd-name', null, p)).toEqual({ id: 'odd-name', case: 'odd-name', wave: '1' });
  });
  it('writes T2, W2, wave 2 and 02 as wave 2', () => {
    expect(['T2', 'w2', 'Wave 2', '02', '2'].map(normaliseWave)).toEqual(['2', '2', '2', '2', '2']);
    expect(normaliseWave('baseline')).toBe('baseline');
  });
});

describe('front matter', () => {
  it('splits a closed block and keeps the rest unchanged', () => {
    const s = splitFrontMatter('---\ncase: 5\n---\n\nInterviewer: hi\n');
    expect(s.yaml).toBe('case: 5\n');
    expect(s.body).toBe('\nInterviewer: hi\n');
    expect(s.lines).toBe(3);
  });
  it('accepts ... as the closing fence', () => {
    expect(splitFrontMatter('---\na: 1\n...\nbody').body).toBe('body');
  });
  it('is not front matter when unclosed or not at the top; unclosed is flagged', () => {
    expect(splitFrontMatter('---\na: 1\nbody')).toMatchObject({ yaml: null, unclosed: true });
    expect(splitFrontMatter('\n---\na: 1\n---\n')).toMatchObject({ yaml: null, unclosed: false });
    expect(splitFrontMatter('Interviewer: hi\n')).toMatchObject({ yaml: null, unclosed: false });
  });
});

describe('durations', () => {
  it.each([
    [58, 3480], ['58', 3480], ['58 min', 3480], ['1h 5m', 3900], ['01:05:30', 3930], ['65:30', 3930], ['PT1H5M', 3900], ['90 seconds', 90],
  ] as [unknown, number][])('%j → %i s', (v, s) => expect(parseDuration(v)).toBe(s));
  it('is null for nonsense', () => expect(parseDuration('about an hour')).toBeNull());
});

describe('ranges', () => {
  it('reads A-B, A and A-', () => {
    expect(parseRange('3-7', '--lines')).toEqual({ from: 3, to: 7 });
    expect(parseRange('4', '--lines')).toEqual({ from: 4, to: 4 });
    expect(parseRange('4-', '--lines')).toEqual({ from: 4, to: Infinity });
  });
  it('refuses reversed and malformed ranges', () => {
    expect(() => parseRange('7-3', '--lines')).toThrow(/before the start/);
    expect(() => parseRange('a-b', '--lines')).toThrow(UsageError);
    expect(() => parseRange('0-2', '--lines')).toThrow(/starts at 1/);
  });
});
