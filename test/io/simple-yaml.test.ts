import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { parseDocument } from 'yaml';
import { parseSimpleYaml } from '../../src/io/simple-yaml.js';

const library = (text: string): unknown => parseDocument(text, { uniqueKeys: true }).toJS();

describe('parseSimpleYaml', () => {
  it('reads the example codebook exactly as the YAML library does', () => {
    const text = readFileSync(new URL('../../codebook.example.yaml', import.meta.url), 'utf8');
    const fast = parseSimpleYaml(text);
    expect(fast).toBeDefined();
    expect(fast).toEqual(library(text));
  });

  it.each([
    ['plain, quoted and nested', 'codes:\n  - name: Well-being\n    description: "How they are: body and mind"\n    example: \'I don\'\'t sleep\'\n    children:\n      - name: Sleep\n      - name: Self-care # not a comment\n'.replace(' # not a comment', '')],
    ['a compact list under its key', 'codes:\n- name: A\n  children:\n  - name: B\n  description: after the children\n- name: C\n'],
    ['comments and blank lines between entries', '# a codebook\ncodes:\n\n  # first\n  - name: A\n\n  - name: B\n'],
    ['CRLF line ends', 'codes:\r\n  - name: A\r\n    description: d\r\n'],
    ['text with hashes and colons inside words', 'codes:\n  - name: C#\n    description: ratio 3:1 and a#b\n'],
    ['a tab in a comment, CR line ends', '# codes\tof the study\rcodes:\n  - name: A\n'.replace('\r', '\r\n')],
  ])('gives what the library gives: %s', (_, text) => {
    const fast = parseSimpleYaml(text);
    expect(fast).toBeDefined();
    expect(fast).toEqual(library(text));
  });

  it.each([
    ['a number', 'codes:\n  - name: 1.10\n'],
    ['a boolean', 'codes:\n  - name: true\n'],
    ['a null', 'codes:\n  - name: ~\n'],
    ['a comment after a value', 'codes:\n  - name: A # note\n'],
    ['a block scalar', 'codes:\n  - name: A\n    description: |\n      two\n      lines\n'],
    ['a plain scalar over two lines', 'codes:\n  - name: A\n    description: one\n      two\n'],
    ['an escape in double quotes', 'codes:\n  - name: "A\\tB"\n'],
    ['a flow list', 'codes: [A, B]\n'],
    ['an anchor', 'codes:\n  - name: &x A\n'],
    ['a duplicate key', 'codes:\n  - name: A\n    name: B\n'],
    ['a tab', 'codes:\n\t- name: A\n'],
    ['a tab in a value, after a comment with one', '# a\tb\ncodes:\n  - name: A\tB\n'],
    ['a control character in a value', 'codes:\n  - name: A\u0007B\n'],
    ['a document marker', '---\ncodes:\n  - name: A\n'],
    ['extra spaces after the colon', 'codes:\n  - name:   A\n'],
    ['a list of plain items', 'codes:\n  - A\n  - B\n'],
  ])('leaves the rest to the library: %s', (_, text) => {
    expect(parseSimpleYaml(text)).toBeUndefined();
  });
});
