/**
 * "Sort Timeline" only reorders: the sorted text has the same lines (blank ones included, with
 * the same line breaks), blank lines stay where they were, and each entry keeps the lines under it.
 */
import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { analyze, buildModel } from '../../server/src/analysis/index';
import { applyEdits, sortTimelineFix } from '../../server/src/analysis/edits';

const SEED = 20261205;

interface Entry {
  minutes: number;
  details: number;
  blanksAfter: number;
}

const entryArbitrary: fc.Arbitrary<Entry> = fc.record({
  minutes: fc.integer({ min: 0, max: 24 * 60 - 1 }),
  details: fc.constantFrom(0, 0, 1, 2),
  blanksAfter: fc.constantFrom(0, 0, 1, 2),
});

const timelineArbitrary = fc.record({
  entries: fc.array(entryArbitrary, { minLength: 2, maxLength: 7 }),
  lineBreak: fc.constantFrom('\n', '\r\n'),
  after: fc.constantFrom('', 'Written up by the on-call engineer.', '## Root Cause', '## Root Cause\n\nA bad deploy.'),
  finalBreak: fc.boolean(),
});

type Timeline = typeof timelineArbitrary extends fc.Arbitrary<infer T> ? T : never;

const clock = (minutes: number): string => `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;

/** Entry i is "- HH:MM: event i"; its detail lines are "  detail i.j". */
function render({ entries, lineBreak, after, finalBreak }: Timeline): string {
  const lines = ['# Postmortem: Queue backlog', '', '## Timeline (all times UTC)', ''];
  entries.forEach((entry, i) => {
    lines.push(`- ${clock(entry.minutes)}: event ${i}`);
    for (let j = 0; j < entry.details; j++) lines.push(`  detail ${i}.${j}`);
    for (let j = 0; j < entry.blanksAfter; j++) lines.push('');
  });
  if (after) lines.push('', ...after.split('\n'));
  return lines.join(lineBreak) + (finalBreak ? lineBreak : '');
}

const lineBreaks = (text: string): string[] => text.match(/\r\n|\n|\r/g) ?? [];
const linesOf = (text: string): string[] => text.split(/\r\n|\n|\r/);

/** Throws unless `sorted` is `text` with its timeline entries reordered and nothing else changed. */
function checkOnlyReordered(text: string, sorted: string): void {
  assert.deepEqual(lineBreaks(sorted), lineBreaks(text), 'the same line breaks, as many and of the same kind');
  const before = linesOf(text);
  const after = linesOf(sorted);
  assert.deepEqual([...after].sort(), [...before].sort(), 'the same lines');
  // Read as entries (an entry with its detail lines is one), blank lines and other lines, the
  // text has the same shape: only which entry stands in each entry's place changed.
  const shape = (lines: string[]): string[] =>
    lines.filter((line) => !/^ {2}detail /.test(line)).map((line) => (/^- \d\d:\d\d: /.test(line) ? '<entry>' : line.trim() === '' ? '<blank>' : line));
  assert.deepEqual(shape(after), shape(before), 'the same shape: blank lines between the same places, other lines unchanged');
  // A detail line is still under its own entry.
  let entry = -1;
  for (const line of after) {
    const head = /^- \d\d:\d\d: event (\d+)$/.exec(line);
    if (head) entry = Number(head[1]);
    const detail = /^ {2}detail (\d+)\./.exec(line);
    if (detail) assert.equal(Number(detail[1]), entry, `"${line}" left its entry`);
  }
}

describe('Sort Timeline only reorders entries', () => {
  it('keeps a blank line where it was: 09:00, blank, 10:30, 08:00 (issue 14, item 9)', () => {
    const text = '## Timeline (all times UTC)\n\n- 09:00: a\n\n- 10:30: c\n- 08:00: b\n';
    const fix = sortTimelineFix(buildModel(text));
    assert.ok(fix, 'the timeline is out of order');
    const sorted = applyEdits(text, fix.edits);
    assert.equal(sorted, '## Timeline (all times UTC)\n\n- 08:00: b\n\n- 09:00: a\n- 10:30: c\n');
    checkOnlyReordered(text, sorted);
  });

  it('on random small timelines: LF and CRLF, blank lines, detail lines, text after the timeline', () => {
    let sortedCount = 0;
    fc.assert(
      fc.property(timelineArbitrary, (timeline) => {
        const text = render(timeline);
        const fix = sortTimelineFix(buildModel(text));
        if (!fix) return;
        sortedCount++;
        const sorted = applyEdits(text, fix.edits);
        checkOnlyReordered(text, sorted);
        assert.ok(!analyze(sorted).diagnostics.some((d) => d.rule === 'out-of-order'), `still out of order:\n${sorted}`);
        assert.equal(sortTimelineFix(buildModel(sorted)), null, 'sorting again would change it');
      }),
      { seed: SEED, numRuns: 200 },
    );
    assert.ok(sortedCount > 50, `only ${sortedCount} of the random timelines needed sorting`);
  });
});
