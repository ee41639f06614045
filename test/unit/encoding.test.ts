/**
 * Offsets are UTF-16 code units, as in JavaScript strings and LSP positions:
 * emoji, CRLF, tabs and a BOM must not shift a diagnostic.
 */
import { strict as assert } from 'node:assert';
import { analyze, toInspectJson } from '../../server/src/analysis/index';
import { LineIndex } from '../../server/src/analysis/text';

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
  const index = new LineIndex(text);
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
    assert.deepEqual(timeline.map((entry) => [entry.line, entry.time]), [[5, '10:15'], [6, '10:30'], [7, '10:25']]);
    assert.equal(timeline[1].text, 'Cache drained.');
  });

  it('ignores a BOM: same model, offsets shifted by one code unit', () => {
    const plain = REPORT.join('\n');
    const withBom = `\uFEFF${plain}`;
    const a = analyze(plain);
    const b = analyze(withBom);
    assert.deepEqual(toInspectJson(b.model).sections, toInspectJson(a.model).sections);
    assert.deepEqual(b.diagnostics.map((d) => [d.rule, d.start - 1, d.end - 1]), a.diagnostics.map((d) => [d.rule, d.start, d.end]));
  });

  it('handles a lone CR as a line break', () => {
    const index = new LineIndex('a\rb\r\nc\nd');
    assert.deepEqual([index.lineCount, index.lineText(1), index.lineText(2)], [4, 'b', 'c']);
    assert.deepEqual(index.positionAt(5), { line: 2, character: 0 });
  });

  it('puts a surrogate pair on two code units', () => {
    const index = new LineIndex('😅x');
    assert.deepEqual(index.positionAt(2), { line: 0, character: 2 });
  });
});
