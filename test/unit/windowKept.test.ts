/**
 * The window is read on every keystroke; it is kept from the version before while what it is read
 * from is unchanged (`readWindowKept`), and read again as soon as any of it changes.
 */
import { strict as assert } from 'node:assert';
import { Analyzer, analyze } from '../../server/src/analysis/index';

const filler = Array.from({ length: 400 }, (_, i) => `- 11:${String(i % 60).padStart(2, '0')} UTC: step ${i}`).join('\n');
const REPORT = `# Postmortem: Queue\n\n## Summary\n\nFrom 10:00 to 12:00 UTC on 2025-03-02 the queue stalled.\n\n## Timeline\n\n${filler}\n\n## Root Cause\n\nA bad deploy.\n`;

function edit(
  analyzer: Analyzer,
  text: string,
  at: number,
  inserted: string,
  removed = 0,
): { text: string; window: ReturnType<typeof analyze>['model']['window'] } {
  const next = text.slice(0, at) + inserted + text.slice(at + removed);
  const { model } = analyzer.analyze(next, {}, { from: at, previousTo: at + removed, to: at + inserted.length });
  return { text: next, window: model.window };
}

describe('the window kept between versions', () => {
  it('is the same object after an edit far below its regions, and equals a cold reading', () => {
    const analyzer = new Analyzer();
    const first = analyzer.analyze(REPORT).model.window;
    const at = REPORT.indexOf('A bad deploy.');
    const after = edit(analyzer, REPORT, at, 'x');
    assert.equal(after.window, first, 'kept, not read again');
    assert.deepEqual(after.window, analyze(after.text).model.window);
  });

  it('is read again when its summary changes, and when a section heading above moves it', () => {
    const analyzer = new Analyzer();
    analyzer.analyze(REPORT);
    // "to 12:00" becomes "to 13:00".
    const changed = edit(analyzer, REPORT, REPORT.indexOf('12:00') + 1, '3', 1);
    assert.equal(changed.window.end?.minutes, 13 * 60);
    assert.deepEqual(changed.window, analyze(changed.text).model.window);
    const moved = edit(analyzer, changed.text, 0, '\n\n');
    assert.deepEqual(moved.window, analyze(moved.text).model.window);
    assert.equal(moved.window.region?.startLine, (changed.window.region?.startLine ?? 0) + 2);
  });
});
