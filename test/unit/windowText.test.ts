/**
 * How the window is read from prose: the end told later in the start's sentence ("went down at
 * 12:05pm and lasted until Friday, November 18th, at 3:01pm"), a duration opening the sentence,
 * and a zone stated for all times before the first section.
 */
import { strict as assert } from 'node:assert';
import { analyze, buildModel } from '../../server/src/analysis/index';
import { windowMinutes } from '../../server/src/analysis/window';
import { dateOfMonthDay, findStatedDuration } from '../../server/src/analysis/time';

function windowOf(summary: string) {
  const { window } = buildModel(`# Postmortem\n\n## Summary\n\n${summary}\n`);
  return {
    start: window.start && `${window.start.date} ${window.start.minutes}`,
    end: window.end && `${window.end.date} ${window.end.minutes}`,
    minutes: windowMinutes(window),
  };
}

describe('the window: an end told later in the sentence', () => {
  it('reads "lasted until" with a day written without its year, in the start\'s year, across two days', () => {
    const found = windowOf(
      'On Thursday, November 17th, 2016 at approximately 12:05pm UTC our website went down and lasted until Friday, November 18th, at 3:01pm.',
    );
    assert.deepEqual([found.start, found.end], ['2016-11-17 725', '2016-11-18 901']);
    // Computed independently: from 12:05 one day to 15:01 the next.
    assert.equal(found.minutes, (Date.parse('2016-11-18T15:01:00Z') - Date.parse('2016-11-17T12:05:00Z')) / 60_000);
  });
  it('reads "was restored at" on the same day, and a written date', () => {
    assert.deepEqual(windowOf('At 14:05 UTC on 2025-03-04 checkout started failing, and service was restored at 14:50.').end, '2025-03-04 890');
    assert.deepEqual(windowOf('The API went down at 23:40 UTC on 2025-03-04 and stayed down until 2025-03-05 at 00:20.').end, '2025-03-05 20');
  });
  it('reads no end from another sentence, a bare weekday, or a time the phrase does not introduce', () => {
    assert.equal(windowOf('At 12:05 UTC on 2025-03-04 the alert fired. The site was restored at 13:00.').end, null);
    assert.equal(windowOf('The site went down at 12:05 UTC on 2025-03-04 and lasted until Friday at 3:01pm.').end, null);
    assert.equal(windowOf('The site went down at 12:05 UTC on 2025-03-04; at 12:30 we paged the database team.').end, null);
  });
  it('judges a stated duration against the end it reads', () => {
    const text = '# Postmortem\n\n## Summary\n\nCheckout failed for 2 hours: it started at 14:05 UTC on 2025-03-04 and service was restored at 14:50.\n';
    const mismatch = analyze(text).diagnostics.filter((d) => d.rule === 'duration-mismatch');
    assert.equal(mismatch.length, 1, JSON.stringify(analyze(text).diagnostics.map((d) => d.message)));
    assert.equal(mismatch[0].data?.computedMinutes, 45);
  });
});

describe('a stated duration that opens the sentence', () => {
  it('reads "For <length> [on <day>], between/from/starting <time>" and nothing looser', () => {
    const read = (text: string) => findStatedDuration(text, 0, text.length)?.minutes ?? null;
    assert.equal(read('For 1 hour and 30 minutes on 2024-05-01, between 14:03 and 15:15 UTC, search failed.'), 90);
    assert.equal(read('Impact: For 45 minutes on Tuesday, between 10:00 and 10:45 UTC, uploads failed.'), 45);
    assert.equal(read('For 3 hours from 09:00 UTC the queue stalled.'), 180);
    assert.equal(read('For 5 minutes we thought it was DNS, and from 10:00 we looked at the proxy.'), null);
    assert.equal(read('For 2 hours, checkout failed.'), null);
  });
  it('finds the mismatch when the sentence states a length its times do not span', () => {
    const text = '# Postmortem\n\n## Summary\n\nFor 1 hour and 30 minutes on 2024-05-01, between 14:03 and 15:15 UTC, search failed.\n';
    const mismatch = analyze(text).diagnostics.filter((d) => d.rule === 'duration-mismatch');
    assert.deepEqual(
      mismatch.map((d) => [d.data?.statedMinutes, d.data?.computedMinutes]),
      [[90, 72]],
    );
  });
});

describe('a zone stated for all times before the first section', () => {
  const report = (note: string, summaryDate = '2019-03-26') =>
    `# Storage outage\n\n${note}\n\n## Summary\n\nBetween ${summaryDate} 23:04 and 2019-03-27 08:12 the build cluster could not get workers.\n\n## Timeline\n\n- 23:04 Node drained; the pod crash-loops.\n- 08:12 Pod replaced; builds resume.\n`;
  it("is the window's zone and the timeline's, so no missing-timezone", () => {
    const analysis = analyze(report('All times in PDT (UTC-7).'));
    assert.equal(analysis.model.window.zone?.text, 'PDT');
    assert.equal(analysis.model.timeline.entries[0].zone?.text, 'PDT');
    assert.ok(!analysis.diagnostics.some((d) => d.rule === 'missing-timezone'));
  });
  it('is not judged for its season against one date, which may be the slip', () => {
    // The summary's month is wrong (February for March): a PDT note is not to be "fixed" to PST.
    const analysis = analyze(report('All times in PDT (UTC-7).', '2019-02-25'));
    assert.ok(!analysis.diagnostics.some((d) => d.rule === 'dst-mismatch'), JSON.stringify(analysis.diagnostics.map((d) => d.message)));
  });
  it('must be a line of its own that says so', () => {
    const analysis = analyze(report('We keep our servers in PDT land.'));
    assert.equal(analysis.model.window.zone, null);
    assert.ok(analysis.diagnostics.some((d) => d.rule === 'missing-timezone'));
  });
});

describe('a day written without its year', () => {
  it('takes the year that puts it nearest the date in hand', () => {
    assert.equal(dateOfMonthDay(1102, '2021-12-30', null), '2021-11-02');
    // A timeline from 30 December to 2 January: the next year.
    assert.equal(dateOfMonthDay(102, '2021-12-30', null), '2022-01-02');
    // A cause introduced on 5 December, in a report of March: the year before.
    assert.equal(dateOfMonthDay(1205, '2019-03-26', null), '2018-12-05');
    // Without a date in hand, the report's year.
    assert.equal(dateOfMonthDay(1205, null, 2019), '2019-12-05');
  });
});
