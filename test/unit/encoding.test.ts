/**
 * Offsets are UTF-16 code units, as in JavaScript strings and LSP positions:
 * emoji, CRLF, tabs and a BOM must not shift a diagnostic.
 */
import { strict as assert } from 'node:assert';
import { analyze, toInspectJson } from '../../server/src/analysis/index';
import { LineIndex } from '../../server/src/analysis/text';
import { mulberry32 } from '../support/random';

const REPORT = [
  '# 🚨 Postmortem: Cache Outage 🔥',
  '## Issue Summary',
  '- Duration: 30 minutes (10:15 AM - 10:45 AM UTC) 👀',
  '## Timeline',
  '- 🕒 10:15 AM: Alert 🔔 fired.',
  '-\t10:30 AM:\tCache drained.',
  '- 10:25 AM: Cause found 😅.',
  '## Root Cause',
  'A bad config.',
  '## Resolution',
  'Reverted.',
  '## Corrective and Preventative Measures',
  '- [ ] Review configs.',
];

function outOfOrder(text: string): { line: number; character: number; endCharacter: number; slice: string } {
  const analysis = analyze(text);
  const diagnostics = analysis.diagnostics.filter((diagnostic) => diagnostic.rule === 'out-of-order');
  assert.equal(diagnostics.length, 1, JSON.stringify(analysis.diagnostics));
  const index = LineIndex.of(text);
  const start = index.positionAt(diagnostics[0].start);
  const end = index.positionAt(diagnostics[0].end);
  return { line: start.line, character: start.character, endCharacter: end.character, slice: text.slice(diagnostics[0].start, diagnostics[0].end) };
}

describe('encoding: emoji, CRLF, tabs and a BOM', () => {
  it('points at the time after emoji in UTF-16 units', () => {
    const found = outOfOrder(REPORT.join('\n'));
    assert.deepEqual(found, { line: 6, character: 2, endCharacter: 10, slice: '10:25 AM' });
  });

  it('gives the same lines and columns with CRLF line ends', () => {
    const lf = outOfOrder(REPORT.join('\n'));
    const crlf = outOfOrder(REPORT.join('\r\n'));
    assert.deepEqual(crlf, lf);
  });

  it('reads entries written with tabs and after an emoji', () => {
    const timeline = toInspectJson(analyze(REPORT.join('\n')).model).timeline;
    assert.deepEqual(
      timeline.map((entry) => [entry.line, entry.time]),
      [
        [5, '10:15'],
        [6, '10:30'],
        [7, '10:25'],
      ],
    );
    assert.equal(timeline[1].text, 'Cache drained.');
  });

  it('ignores a BOM: same model, offsets shifted by one code unit', () => {
    const plain = REPORT.join('\n');
    const withBom = `\uFEFF${plain}`;
    const a = analyze(plain);
    const b = analyze(withBom);
    assert.deepEqual(toInspectJson(b.model).sections, toInspectJson(a.model).sections);
    assert.deepEqual(
      b.diagnostics.map((d) => [d.rule, d.start - 1, d.end - 1]),
      a.diagnostics.map((d) => [d.rule, d.start, d.end]),
    );
  });

  it('handles a lone CR as a line break', () => {
    const index = LineIndex.of('a\rb\r\nc\nd');
    assert.deepEqual([index.lineCount, index.lineText(1), index.lineText(2)], [4, 'b', 'c']);
    assert.deepEqual(index.positionAt(5), { line: 2, character: 0 });
  });

  it('puts a surrogate pair on two code units', () => {
    const index = LineIndex.of('😅x');
    assert.deepEqual(index.positionAt(2), { line: 0, character: 2 });
  });
});

describe('LineIndex after an edit', () => {
  /** Every line's start and end, read one by one. */
  const spans = (index: LineIndex): Array<[number, number]> => Array.from({ length: index.lineCount }, (_, line) => [index.start(line), index.end(line)]);

  for (const blockSize of [1, 4, undefined]) {
    it(`reads as the index of the new text after 600 random edits: "\\r\\n", lone "\\r", blocks of ${blockSize ?? 'the default size'}`, () => {
      const random = mulberry32(20261122 + (blockSize ?? 0));
      const pieces = ['a', 'bc', '\n', '\r\n', '\r', ' ', '😅', '\n\n'];
      const some = (count: number): string => Array.from({ length: count }, () => pieces[Math.floor(random() * pieces.length)]).join('');
      // Long enough to span several blocks of the default size (256 lines).
      let text = some(1500);
      let index = LineIndex.of(text, blockSize);
      for (let step = 0; step < 600; step++) {
        let from = Math.floor(random() * (text.length + 1));
        let previousTo = Math.min(text.length, from + Math.floor(random() * 4));
        let inserted = some(Math.floor(random() * 3));
        // Now and then the whole text goes, comes back, or is replaced.
        const roll = random();
        if (roll < 0.02) [from, previousTo, inserted] = [0, text.length, ''];
        else if (roll < 0.04) [from, previousTo, inserted] = [0, text.length, some(400)];
        else if (roll < 0.06 && text.length < 50) inserted = some(600);
        text = text.slice(0, from) + inserted + text.slice(previousTo);
        index = LineIndex.afterEdit(index, text, from, previousTo, from + inserted.length);
        const cold = LineIndex.of(text);
        assert.deepEqual(spans(index), spans(cold), `step ${step}: ${JSON.stringify(inserted)} at ${from}`);
        for (let offset = Math.max(0, from - 3); offset <= Math.min(text.length, from + 3); offset++)
          assert.deepEqual(index.positionAt(offset), cold.positionAt(offset), `step ${step}: position of ${offset}`);
      }
    });
  }

  it('starts from an empty text', () => {
    let index = LineIndex.of('', 4);
    assert.deepEqual(spans(index), [[0, 0]]);
    index = LineIndex.afterEdit(index, 'a\r\nb', 0, 0, 4);
    assert.deepEqual(spans(index), [
      [0, 1],
      [3, 4],
    ]);
    index = LineIndex.afterEdit(index, '', 0, 4, 0);
    assert.deepEqual(spans(index), [[0, 0]]);
  });
});
