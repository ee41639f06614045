/**
 * "Insert Timeline Entry Now": the new entry copies the report's format, is stamped in the
 * report's zone, lands after the timeline's last line, and is read back as a timeline entry.
 */
import { strict as assert } from 'node:assert';
import { analyze } from '../../server/src/analysis/index';
import { entryNow } from '../../server/src/analysis/providers/entryFormat';

// 14:07 UTC on a winter day: 06:07 in PST, 15:07 in CET.
const NOW = new Date('2026-11-21T14:07:30Z');

function insertNow(text: string): { text: string; line: string } {
  const insertion = entryNow(analyze(text).model, NOW);
  assert.ok(insertion, 'an insertion is offered');
  const result = text.slice(0, insertion.offset) + insertion.newText + text.slice(insertion.offset);
  assert.equal(insertion.newText.slice(insertion.textStart, insertion.textEnd), 'What happened');
  const line = insertion.newText.split(/\r\n|\n/).at(-1)!;
  return { text: result, line };
}

describe('Insert Timeline Entry Now', () => {
  it("copies bullets, bold times and the 24-hour clock, in the timeline's stated zone", () => {
    const text = '# R\n\n## Timeline (all times UTC)\n\n- **10:00**: start\n- **10:05**: found it\n\n## Root Cause\n\nx\n';
    const { text: after, line } = insertNow(text);
    assert.equal(line, '- **14:07**: What happened');
    assert.ok(after.includes('- **10:05**: found it\n- **14:07**: What happened\n\n## Root Cause'));
    const entries = analyze(after).model.timeline.entries;
    assert.equal(entries.length, 3);
    assert.equal(entries[2].time?.minutes, 14 * 60 + 7);
  });

  it('converts to the zone written on the entries and keeps 12-hour times', () => {
    const { line } = insertNow('# R\n\n## Timeline\n\n* 5:40 AM PST: paged\n* 5:55 AM PST: rolled back\n');
    assert.equal(line, '* 6:07 AM PST: What happened');
  });

  it('numbers an ordered list and keeps CRLF', () => {
    const { text, line } = insertNow('# R\r\n\r\n## Timeline (CET)\r\n\r\n1. 09:00: a\r\n2. 09:10: b\r\n');
    assert.equal(line, '3. 15:07: What happened');
    assert.ok(text.endsWith('2. 09:10: b\r\n3. 15:07: What happened\r\n'));
  });

  it('writes a table row with as many cells as the table has', () => {
    const { line } = insertNow('# R\n\n## Timeline\n\n| Time (UTC) | Event | Who |\n|---|---|---|\n| 10:00 | start | a |\n');
    assert.equal(line, '| 14:07 | What happened |  |');
  });

  it("puts the time in the table's time column", () => {
    const { line } = insertNow('# R\n\n## Timeline\n\n| Event | Time (UTC) |\n|---|---|\n| start | 10:00 |\n');
    // (The core reads a zone from a table header only in the first column, hence "UTC" written out.)
    assert.equal(line, '| What happened | 14:07 UTC |');
  });

  it('keeps bold around a dated stamp', () => {
    const { line } = insertNow('# R\n\n## Timeline\n\n- **2026-11-20 10:00 UTC**: start\n');
    assert.equal(line, '- **2026-11-21 14:07 UTC**: What happened');
  });

  it('writes UTC out when the report states no zone, and dates entries that carry dates', () => {
    const { line } = insertNow('# R\n\n## Timeline\n\n- 2026-11-20 10:00: start\n');
    assert.equal(line, '- 2026-11-21 14:07 UTC: What happened');
  });

  it('starts an empty timeline below its heading', () => {
    const { text } = insertNow('# R\n\n## Timeline\n\n## Root Cause\n\nx\n');
    assert.ok(text.startsWith('# R\n\n## Timeline\n\n- 14:07 UTC: What happened\n\n## Root Cause'), JSON.stringify(text));
  });

  it('offers nothing without a Timeline section', () => {
    assert.equal(entryNow(analyze('# R\n\n## Summary\n\nx\n').model, NOW), null);
  });
});
