/**
 * Lazy continuation lines (a list item or block quote followed by lines with no blank line: Word
 * bullets pasted under an action item) are read without handing remark the whole run: micromark
 * scans back over the paragraph at each lazy line, quadratic in the run (issue 14). The lines left
 * out must get the facts a parse of the whole text gives them.
 */
import { strict as assert } from 'node:assert';
import { analyze, toInspectJson } from '../../server/src/analysis/index';
import { Chunk, linesParsedWhole, parseDocument, withoutPlainRuns } from '../../server/src/analysis/parse';
import { LineIndex } from '../../server/src/analysis/text';

function lazyRun(head: string, count: number, bullets = true): string {
  const lines = [head];
  for (let i = 0; i < count; i++) lines.push(bullets && i % 3 === 0 ? `•\trestart the pods in region ${i}` : `pasted text ${i}, checked the dashboards`);
  return lines.join('\n') + '\n';
}

describe('runs of lazy continuation lines', () => {
  for (const head of ['- [ ] owner: @ana', '> quoted', '1. first', '- item\n  > nested quote', 'A paragraph']) {
    it(`are not handed to remark line by line after ${JSON.stringify(head)}`, () => {
      const text = lazyRun(head, 5000);
      const chunks = [...parseDocument(text).chunks];
      assert.equal(chunks.length, 1);
      const kept = withoutPlainRuns(chunks[0].chunk.text, LineIndex.of(chunks[0].chunk.text));
      assert.ok(kept !== null && kept.lines.length <= 4, `${kept?.lines.length} lines handed to remark`);
    });

    it(`get the facts a whole parse gives after ${JSON.stringify(head)}`, () => {
      const text = lazyRun(head, 300);
      assert.deepEqual(new Chunk(text).lines, linesParsedWhole(text));
    });
  }

  it('keep an action item and its section, and the heading after them, as a whole parse does', () => {
    const text = `# Outage\n\n## Action Items\n\n${lazyRun('- [ ] owner: @ana fix the deploy', 2000, false)}## Root Cause\n\nA bad config.\n`;
    const analysis = analyze(text);
    assert.equal(analysis.model.actions.length, 1);
    assert.deepEqual(
      (toInspectJson(analysis.model) as { sections: Array<{ title: string }> }).sections.map((section) => section.title),
      ['Outage', 'Action Items', 'Root Cause'],
    );
    assert.ok(!analysis.diagnostics.some((d) => d.rule === 'missing-section' && /Root Cause|Corrective/.test(d.message)));
    const lines = parseDocument(text).lines;
    assert.equal(lines.at(5).listDepth, 1);
    assert.equal(lines.at(2004).listDepth, 1);
    assert.equal(lines.at(2004).paragraphStart, false);
  });

  it('leave a chunk that may hold a link reference definition whole', () => {
    // A definition's title may run over plain lines and end on any of them.
    const text = '[1]: https://example.com "a title\nthat runs on\nover lines"\nand text\n';
    assert.equal(withoutPlainRuns(text, LineIndex.of(text)), null);
  });
});
