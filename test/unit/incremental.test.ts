/**
 * Incremental analysis equals a cold analysis of the same text, on random edit sequences:
 * the Analyzer keeps chunks, their facts and the line index across versions, and none of it
 * may leak into a result.
 */
import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyze, Analyzer, toInspectJson, type Analysis, type TextChange } from '../../server/src/analysis/index';
import { Chunk, parseDocument } from '../../server/src/analysis/parse';
import { mulberry32 } from '../support/random';

// Edits that move chunk boundaries: blank lines, headings, bullets, fences, HTML comments,
// line breaks of every kind, and ordinary typing.
const INSERTS = [
  'x', ' ', '\n', '\n\n', '\r\n', '\r', '# ', '## Timeline\n', '- ', '- 10:15 UTC: a\n', '```\n', '```markdown\n', '~~~\n',
  '<!--', '-->', '<pre>', '</pre>', '    ', '\t', '* * *\n', '---\n', '| 10:00 | a |\n', '•\t', '**', '17:59 PM', '23:50 ', '00:10 ',
  '### 2024-05-01\n', 'Root Cause\n', '> ', '1. ', '[TODO]', '😅', '\uFEFF',
];

function edit(text: string, random: () => number): { text: string; change: TextChange } {
  const at = Math.floor(random() * (text.length + 1));
  if (random() < 0.35 && text.length > 0) {
    const length = 1 + Math.floor(random() * Math.min(40, text.length - Math.min(at, text.length - 1)));
    const from = Math.min(at, text.length - 1);
    const to = Math.min(text.length, from + length);
    return { text: text.slice(0, from) + text.slice(to), change: { from, previousTo: to, to: from } };
  }
  const inserted = INSERTS[Math.floor(random() * INSERTS.length)];
  return { text: text.slice(0, at) + inserted + text.slice(at), change: { from: at, previousTo: at, to: at + inserted.length } };
}

function signature(analysis: Analysis): string {
  return JSON.stringify({ model: toInspectJson(analysis.model), diagnostics: analysis.diagnostics, failures: analysis.failures });
}

const FIXTURES = join(__dirname, '..', 'fixtures');
const NOW = new Date('2026-11-21T12:00:00Z');

describe('incremental analysis equals cold analysis', () => {
  for (const name of readdirSync(FIXTURES).filter((file) => file.endsWith('.md')).sort()) {
    it(`after 120 random edits to ${name}`, () => {
      const random = mulberry32(name.length * 7919 + name.charCodeAt(0));
      const analyzer = new Analyzer();
      let text = readFileSync(join(FIXTURES, name), 'utf8');
      for (let step = 0; step < 120; step++) {
        const next = edit(text, random);
        text = next.text;
        // Half the edits say where they are, as an editor does; the others are found by comparing.
        const incremental = analyzer.analyze(text, { now: NOW }, step % 2 === 0 ? next.change : undefined);
        const cold = analyze(text, { now: NOW });
        if (signature(incremental) !== signature(cold)) assert.fail(`step ${step}: incremental differs from cold for ${JSON.stringify(text)}`);
      }
    });
  }
});

describe('incremental analysis: cases found by stress testing', () => {
  // Each is a previous text, an edit, and the text after it, where a chunk once got other lines
  // parsed alone than parsed with its neighbours.
  const cases: Array<[string, TextChange, string]> = [
    ['Timeline\n- x\nx 10:00', { from: 11, previousTo: 12, to: 12 }, 'Timeline\n- -\nx 10:00'],
    ['a\n- 1. x\nb', { from: 2, previousTo: 2, to: 2 }, 'a\n- 2. x\nb'],
    ['a\n\n# Timeline\n', { from: 3, previousTo: 3, to: 4 }, 'a\n\n\uFEFF# Timeline\n'],
    ['Timeline\n\nx\n===', { from: 9, previousTo: 9, to: 10 }, 'Timeline\n\uFEFF\nx\n==='],
  ];
  for (const [before, change, after] of cases) {
    it(JSON.stringify(after), () => {
      const analyzer = new Analyzer();
      analyzer.analyze(before, { now: NOW });
      assert.equal(signature(analyzer.analyze(after, { now: NOW }, change)), signature(analyze(after, { now: NOW })));
      for (const span of parseDocument(after).chunks) assert.deepEqual(span.chunk.lines, new Chunk(span.chunk.text).lines);
    });
  }
});

describe('chunks parsed in groups', () => {
  it('get the lines each chunk gets when parsed alone', () => {
    const documents = readdirSync(FIXTURES).filter((file) => file.endsWith('.md')).map((file) => readFileSync(join(FIXTURES, file), 'utf8'));
    const random = mulberry32(99);
    for (let i = 0; i < 60; i++) {
      let text = documents[i % documents.length];
      for (let step = 0; step < 30; step++) text = edit(text, random).text;
      documents.push(text);
    }
    for (const text of documents) {
      for (const span of parseDocument(text).chunks) {
        assert.deepEqual(span.chunk.lines, new Chunk(span.chunk.text).lines, JSON.stringify(span.chunk.text));
      }
    }
  });
});
