/**
 * What real timelines look like: ranges, unknown and relative times, times in headings, Date and
 * Time columns, four-digit times, and quoted logs that are not entries.
 */
import { strict as assert } from 'node:assert';
import { analyze } from '../../server/src/analysis/index';
import { buildModel } from '../../server/src/analysis/model';

function entries(timeline: string, summary = 'From 14:30 to 16:00 UTC on 2024-05-01 the API failed.') {
  const model = buildModel(`# Report\n\n## Summary\n\n${summary}\n\n## Timeline (all times UTC)\n\n${timeline}\n`);
  return model.timeline.entries.map((entry) => ({
    time:
      entry.time?.minutes != null
        ? `${String(Math.floor(entry.time.minutes / 60)).padStart(2, '0')}:${String(entry.time.minutes % 60).padStart(2, '0')}`
        : null,
    end: entry.endTime?.minutes ?? null,
    date: entry.date,
    zone: entry.zone?.text ?? null,
  }));
}

describe('timeline shapes', () => {
  it('reads ranges as ranges, never as a time with an offset', () => {
    const [range, dash] = entries('- 14:30-16:00 API errors.\n- 10:02–10:29 Retries.');
    assert.deepEqual([range.time, range.end, range.zone], ['14:30', 16 * 60, 'UTC']);
    assert.deepEqual([dash.time, dash.end, dash.zone], ['10:02', 10 * 60 + 29, 'UTC']);
    const problems = analyze(`# R\n\n## Summary\n\nFrom 10:00 to 11:00 UTC.\n\n## Timeline (all times UTC)\n\n- 10:02-10:29 errors\n`).diagnostics;
    assert.ok(!problems.some((d) => d.rule === 'timezone-conflict'), JSON.stringify(problems));
  });
  it('keeps unknown and relative times untimed', () => {
    const found = entries('- ??:?? Someone noticed.\n- [???] Pager went off.\n- `unknown`: Cache flushed.\n- +10 minutes: rollback started.\n- T+2h: review.');
    assert.deepEqual(
      found.map((entry) => entry.time),
      [null, null, null, null, null],
    );
  });
  it('reads times in headings, with the lines below as their body, and a zone after a range for both ends', () => {
    const found = entries('### 5:00 PM\n\nAlert fired.\n\n### 2022-04-15 17:35\n\nRolled back.\n\n### 01:58–02:00 CET\n\nRecovered.');
    assert.deepEqual(found, [
      { time: '17:00', end: null, date: null, zone: 'UTC' },
      { time: '17:35', end: null, date: '2022-04-15', zone: 'UTC' },
      { time: '01:58', end: 120, date: null, zone: 'CET' },
    ]);
  });
  it('reads separate Date and Time columns, and four-digit times in them', () => {
    const found = entries(
      '| Date | Time | Event |\n|---|---|---|\n| 2024-05-01 | 1450 | Rollback |\n| 2024-05-01 | 15:30 | Recovered |\n| | 0730 | Next morning |',
    );
    assert.deepEqual(
      found.map((entry) => [entry.time, entry.date]),
      [
        ['14:50', '2024-05-01'],
        ['15:30', '2024-05-01'],
        ['07:30', null],
      ],
    );
  });
  it('does not read a lone four-digit cell as a time outside a Timeline section', () => {
    const model = buildModel('# Report\n\n| Year | Revenue |\n|---|---|\n| 2024 | 10 |\n');
    assert.equal(model.timeline.entries.filter((entry) => entry.time).length, 0);
  });
  it('does not take quoted log lines for entries', () => {
    const found = entries('- 14:40 Alert fired.\n\n> 15:00 pod restarted (from the log)\n\n- 15:10 Recovered.');
    assert.deepEqual(
      found.map((entry) => entry.time),
      ['14:40', '15:10'],
    );
  });
  it('reads two entries that a reflow put on one line', () => {
    const found = entries('10:00 - Alert fired. 10:05 - Rollback started. 10:20 - Recovered.\n- 11:00: Note that at 11:05 we paged.');
    assert.deepEqual(
      found.map((entry) => entry.time),
      ['10:00', '10:05', '10:20', '11:00'],
    );
  });
  it('reads a 12-hour time written without PM after an afternoon neighbour in the afternoon, but never a 24-hour one', () => {
    const found = entries('- 1:50 PM: Alert fired.\n- 2:15: Rollback.\n- 2:40: Recovered.\n- 03:10: Next note.');
    assert.deepEqual(
      found.map((entry) => entry.time),
      ['13:50', '14:15', '14:40', '03:10'],
    );
    const flagged = analyze('# R\n\n## Timeline (all times UTC)\n\n- 1:50 PM: Alert fired.\n- 2:15: Rollback.\n').diagnostics.filter(
      (d) => d.rule === 'mixed-clock',
    );
    assert.equal(flagged.length, 1, 'mixed-clock still asks for the PM it read');
    const morning = entries('- 9:50 AM: Alert fired.\n- 10:15: Rollback.');
    assert.deepEqual(
      morning.map((entry) => entry.time),
      ['09:50', '10:15'],
    );
  });
  it('reads a status page written as HTML: updates newest first, each starting with its time after a <b> label', () => {
    const text = [
      '---',
      'title: Portal errors',
      'date: 2022-10-18T19:52:00-04:00',
      'resolved: true',
      'resolvedWhen: 2022-10-20T21:00:00-04:00',
      '---',
      '<p>',
      '<b>Update, October 19, 1:15pm:</b><br>',
      'All services have been restored.',
      '<br><br>',
      '<b>Initial Announcement, October 18, 7:50pm:</b><br>',
      'Users report errors on the portal.',
      '</p>',
      '',
    ].join('\n');
    const analysis = analyze(text, { now: new Date('2026-11-21T00:00:00Z') });
    assert.deepEqual(
      analysis.model.timeline.entries.map((entry) => [entry.time?.minutes, entry.date]),
      [
        [13 * 60 + 15, '2022-10-19'],
        [19 * 60 + 50, '2022-10-18'],
      ],
    );
    // Newest first is a status page's order; the announcement two minutes before the stated start tells of impact.
    assert.ok(!analysis.diagnostics.some((d) => d.rule === 'out-of-order'));
    assert.deepEqual(
      analysis.diagnostics.filter((d) => d.rule === 'outside-window').map((d) => text.slice(d.start, d.end)),
      ['7:50pm'],
    );
  });
  it('reads a cState status page: each update stamped at its end with {{< track "date time" >}}', () => {
    const text = [
      '---',
      'title: Build servers unreachable',
      'date: 2024-02-06T09:10:00+01:00',
      'resolved: true',
      'resolvedWhen: 2024-02-06T11:00:00+01:00',
      '---',
      '',
      '**Resolved** Both build servers answer again. {{< track "2024-02-06 10:55:00" >}}',
      '',
      '**Identified** A failed switch in the rack; a spare is being fitted. {{< track "2024-02-06 09:40:00" >}}',
      '',
      'We are looking into it. A stamp mid-sentence {{< track "2024-02-06 09:20:00" >}} is no update stamp.',
      '',
    ].join('\n');
    const analysis = analyze(text, { now: new Date('2026-11-21T00:00:00Z') });
    const found = analysis.model.timeline.entries.map((entry) => [
      entry.time?.minutes,
      entry.date,
      text
        .slice(analysis.model.doc.index.start(entry.line))
        .slice(entry.textStart - analysis.model.doc.index.start(entry.line), entry.textEnd - analysis.model.doc.index.start(entry.line)),
    ]);
    assert.deepEqual(found, [
      [10 * 60 + 55, '2024-02-06', '**Resolved** Both build servers answer again.'],
      [9 * 60 + 40, '2024-02-06', '**Identified** A failed switch in the rack; a spare is being fitted.'],
    ]);
    assert.ok(
      !analysis.diagnostics.some((d) => d.rule === 'out-of-order' || d.rule === 'outside-window' || d.rule === 'invalid-time'),
      JSON.stringify(analysis.diagnostics.map((d) => d.rule)),
    );
  });
});
