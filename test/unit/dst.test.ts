/**
 * Times as instants: durations, window membership and zone judgements across daylight-saving
 * changes, checked against instants computed here independently (UTC arithmetic with the offsets
 * the zones are known to use), not through the product's time code.
 */
import { strict as assert } from 'node:assert';
import { analyze, type Diagnostic } from '../../server/src/analysis/index';
import { applyEdits } from '../../server/src/analysis/edits';
import { windowMinutes } from '../../server/src/analysis/window';

const NOW = new Date('2026-11-21T12:00:00Z');
const HOUR = 60;

/** Minutes between two UTC readings, each given as [y, m, d, h, min, utcOffsetHours]. */
function minutesBetween(a: number[], b: number[]): number {
  const at = ([y, m, d, h, min, offset]: number[]) => (Date.UTC(y, m - 1, d, h, min) - offset * 3_600_000) / 60_000;
  return at(b) - at(a);
}

function report(summary: string, entries: string[], timelineHeading = 'Timeline'): string {
  return `# Payouts outage\n\n## Summary\n\n${summary}\n\n## ${timelineHeading}\n\n${entries.map((entry) => `- ${entry}`).join('\n')}\n\n## Root Cause\n\nA bad config.\n\n## Resolution\n\nRolled back.\n\n## Action Items\n\n- Add a canary.\n`;
}

const TIME_RULES = ['duration-mismatch', 'dst-mismatch', 'timezone-conflict', 'outside-window', 'out-of-order'];

function timeProblems(text: string): Diagnostic[] {
  return analyze(text, { now: NOW }).diagnostics.filter((diagnostic) => TIME_RULES.includes(diagnostic.rule));
}

// Los Angeles: PST (UTC-8) until 2024-03-10 02:00 local, PDT (UTC-7) until 2024-11-03 02:00 local.
const SPRING = report('From 22:40 PST on 2024-03-09 to 04:10 PDT on 2024-03-10, payouts failed. Duration: 4 hours 30 minutes.', [
  '2024-03-09 22:30 PST: Config push for the payout service.',
  '2024-03-09 22:40 PST: Payout errors start; alert fires.',
  '2024-03-10 00:48 PST: On-call paged.',
  '2024-03-10 03:20 PDT: Rollback of the payout service.',
  '2024-03-10 04:10 PDT: Payouts recovered.',
  '2024-03-10 06:00 PDT: Backfill of the missed payouts completed.',
]);

describe('times as instants across daylight-saving changes', () => {
  it("computes a window across spring-forward on instants (4 h 30 min, not the clock's 5 h 30 min)", () => {
    const expected = minutesBetween([2024, 3, 9, 22, 40, -8], [2024, 3, 10, 4, 10, -7]);
    assert.equal(expected, 4 * HOUR + 30);
    const analysis = analyze(SPRING, { now: NOW });
    assert.equal(windowMinutes(analysis.model.window), expected);
    assert.equal(analysis.model.metrics.durationMinutes, expected);
    assert.deepEqual(timeProblems(SPRING), [], 'a correct report across the change has no time problem');
  });

  it('finds a planted wrong duration across the change, and its fix writes the duration computed on instants', () => {
    const planted = SPRING.replace('Duration: 4 hours 30 minutes', 'Duration: 5 hours 30 minutes');
    const found = timeProblems(planted);
    assert.deepEqual(
      found.map((d) => d.rule),
      ['duration-mismatch'],
    );
    assert.equal(found[0].data?.computedMinutes, minutesBetween([2024, 3, 9, 22, 40, -8], [2024, 3, 10, 4, 10, -7]));
    const fixed = applyEdits(planted, found[0].fix!.edits);
    assert.match(fixed, /Duration: 4 hours 30 minutes/);
    assert.deepEqual(timeProblems(fixed), []);
  });

  it('judges PST at its instant: right at 00:48 on the day clocks go forward, wrong at 03:20', () => {
    const early = SPRING.replace('2024-03-10 03:20 PDT', '2024-03-10 01:20 PST');
    assert.deepEqual(timeProblems(early), [], '01:20 PST is before 02:00, when PST still applies');
    const late = SPRING.replace('2024-03-10 03:20 PDT', '2024-03-10 03:20 PST');
    const found = timeProblems(late).filter((d) => d.rule === 'dst-mismatch');
    assert.equal(found.length, 1);
    assert.equal(late.slice(found[0].start, found[0].end), 'PST');
    assert.equal(applyEdits(late, found[0].fix!.edits).includes('2024-03-10 03:20 PDT'), true);
  });

  it('reports a time in the skipped hour without a fix that would guess', () => {
    const skipped = SPRING.replace('2024-03-10 00:48 PST', '2024-03-10 02:30 PST');
    const found = timeProblems(skipped).filter((d) => d.rule === 'dst-mismatch');
    assert.equal(found.length, 1);
    assert.equal(found[0].data?.evidence, 'skipped-local-time');
    assert.equal(found[0].fix, undefined);
  });

  it('judges a written offset at its instant against an IANA zone: -08:00 is right at 00:48, wrong at 03:20', () => {
    const zoned = (entry: string) =>
      report(
        'From 2024-03-10 00:10 to 2024-03-10 05:00 America/Los_Angeles, payouts failed.',
        ['2024-03-10 00:10: Errors start.', entry, '2024-03-10 05:00: Payouts recovered.'],
        'Timeline (all times America/Los_Angeles)',
      );
    assert.deepEqual(timeProblems(zoned('2024-03-10 00:48 -08:00: On-call paged.')), []);
    assert.deepEqual(timeProblems(zoned('2024-03-10 03:20 -07:00: On-call paged.')), []);
    const wrong = zoned('2024-03-10 03:20 -08:00: On-call paged.');
    const found = timeProblems(wrong);
    assert.deepEqual(
      found.map((d) => d.rule),
      ['timezone-conflict'],
    );
    assert.equal(wrong.slice(found[0].start, found[0].end), '-08:00');
  });

  it('computes a window across fall-back on instants, and calls an hour shown twice unknown rather than guess', () => {
    const fall = report('From 00:30 PDT to 01:30 PST on 2024-11-03, payouts failed. Duration: 2 hours.', [
      '2024-11-03 00:30 PDT: Errors start.',
      '2024-11-03 01:30 PST: Payouts recovered.',
    ]);
    assert.equal(windowMinutes(analyze(fall, { now: NOW }).model.window), minutesBetween([2024, 11, 3, 0, 30, -7], [2024, 11, 3, 1, 30, -8]));
    assert.deepEqual(timeProblems(fall), []);
    const ambiguous = report('From 00:30 to 01:30 Pacific Time on 2024-11-03, payouts failed. Duration: 2 hours.', ['2024-11-03 00:30: Errors start.']);
    const analysis = analyze(ambiguous, { now: NOW });
    assert.equal(windowMinutes(analysis.model.window), null, '01:30 Pacific Time that day is shown twice');
    assert.deepEqual(
      timeProblems(ambiguous).filter((d) => d.rule === 'duration-mismatch'),
      [],
    );
  });

  it('computes a multi-day window in another zone on instants', () => {
    const text = report('From 2024-10-26 23:00 CEST to 2024-10-28 01:00 CET the API failed. Duration: 27 hours.', [
      '2024-10-26 23:00 CEST: Errors start.',
      '2024-10-28 01:00 CET: Recovered.',
    ]);
    assert.equal(windowMinutes(analyze(text, { now: NOW }).model.window), minutesBetween([2024, 10, 26, 23, 0, 2], [2024, 10, 28, 1, 0, 1]));
    assert.deepEqual(timeProblems(text), []);
  });

  it('places entries in another zone on instants when judging the window', () => {
    const text = report('From 2024-07-01 10:00 UTC to 2024-07-01 11:00 UTC the API failed.', [
      '2024-07-01 03:00 PDT: Errors start.',
      '2024-07-01 03:50 PDT: Rolled back.',
      '2024-07-01 04:30 PDT: Service restored.',
    ]);
    const found = timeProblems(text).filter((d) => d.rule === 'outside-window');
    // 04:30 PDT is 11:30 UTC: recovery after the stated end. 03:00 PDT is 10:00 UTC: inside.
    assert.deepEqual(
      found.map((d) => text.slice(d.start, d.end)),
      ['04:30'],
    );
  });
});

describe('day-first dates', () => {
  it('reads 27.08.2022 and 29-09-2021 day first, and a dashed date month first only when it must be', async () => {
    const { findDates } = await import('../../server/src/analysis/time');
    assert.deepEqual(
      findDates('Update 27.08.2022 10:00 Uhr').map((d) => d.iso),
      ['2022-08-27'],
    );
    assert.deepEqual(
      findDates('#### 03-10-2021 (All times CEST)').map((d) => d.iso),
      ['2021-10-03'],
    );
    assert.deepEqual(
      findDates('12-25-2021').map((d) => d.iso),
      ['2021-12-25'],
    );
    assert.deepEqual(findDates('version 1.2.2024.5 and 10.0.2022'), []);
  });
});

describe('stated durations in the forms reports use', () => {
  it('reads "a 7 minute cascading failure" and "inactive for 1 hours", not "after 5 minutes the outage"', async () => {
    const { findStatedDuration } = await import('../../server/src/analysis/time');
    assert.equal(findStatedDuration('Hachyderm experienced a 7 minute cascading failure that')?.minutes, 7);
    assert.equal(findStatedDuration('the server was inactive for 1 hours on May 22')?.minutes, 60);
    assert.equal(findStatedDuration('after 5 minutes the outage spread'), null);
  });
});

describe('timezone-conflict on instants', () => {
  it('leaves a summary in Pacific time beside a timeline in UTC alone when they agree', () => {
    const text = report(
      'Uploads failed from 2:10 PM to 3:05 PM PDT on 2025-07-22.',
      ['21:10: Certificate expires; uploads fail.', '22:05: Certificate renewed; uploads recovered.'],
      'Timeline (all times UTC)',
    );
    assert.deepEqual(timeProblems(text), []);
  });
  it('finds a conversion in brackets an hour off, and names the right one', () => {
    // 12:48 UTC on 2021-05-09 is 05:48 PDT (UTC-7).
    const text = report(
      'Blocks stalled on 2021-05-09 from 12:48 to 14:00 UTC.',
      ['12:48 (6:48 PDT): Last block farmed.', '14:00 (7:00 AM PDT): Chain moving again.'],
      'Timeline (all times UTC)',
    );
    const found = timeProblems(text).filter((d) => d.rule === 'timezone-conflict');
    assert.equal(found.length, 1);
    assert.equal(text.slice(found[0].start, found[0].end), '6:48 PDT');
    assert.equal(found[0].data?.expected, '05:48 PDT');
    assert.equal(found[0].data?.errorMinutes, minutesBetween([2021, 5, 9, 5, 48, -7], [2021, 5, 9, 6, 48, -7]));
  });
  it("finds an entry that slips into another region's zone", () => {
    const text = report(
      'On 2021-10-30 the mempool filled.',
      ['2021-10-30 22:22 PST: Second wave peaks.', '2021-10-30 23:00 MST: Mempool empty again.'],
      'Timeline (all times PST)',
    );
    const found = timeProblems(text).filter((d) => d.rule === 'timezone-conflict');
    assert.deepEqual(
      found.map((d) => text.slice(d.start, d.end)),
      ['MST'],
    );
  });
});

describe('a season slip repeated down the timeline', () => {
  it('is one problem whose fix writes the right abbreviation at every place, across the change', () => {
    // 2021: Pacific daylight time until 2021-11-07 02:00 local. All four PST are wrong; the last entry's PST (November 8) is right.
    const entries = [
      '2021-10-30 21:00 PST: Mempool fills.',
      '2021-10-31 02:10 PST: Second wave.',
      '2021-11-01 09:45 PST: Fix released.',
      '2021-11-06 12:00 PST: Post-incident review.',
      '2021-11-08 10:00 PST: Follow-up shipped.',
    ];
    const text = report('From 21:00 PST on 2021-10-30 the mempool was full.', entries);
    const slips = timeProblems(text).filter((d) => d.rule === 'dst-mismatch');
    assert.equal(slips.length, 1, JSON.stringify(slips.map((d) => d.message)));
    assert.match(slips[0].message, /as at 4 more places written PST/);
    // The summary's PST and the four entries' in daylight time: five edits, none at the November 8 entry.
    const fixed = applyEdits(text, slips[0].fix!.edits);
    assert.equal((fixed.match(/PDT/g) ?? []).length, 5);
    assert.ok(fixed.includes('2021-11-08 10:00 PST'));
    assert.deepEqual(
      timeProblems(fixed).filter((d) => d.rule === 'dst-mismatch'),
      [],
    );
  });
  it('is reported place by place when it happens once or twice', () => {
    const text = report('From 21:00 PDT on 2021-10-30 the mempool was full.', [
      '2021-10-30 21:00 PDT: Mempool fills.',
      '2021-10-31 02:10 PST: Second wave.',
      '2021-11-01 09:45 PST: Fix released.',
    ]);
    assert.equal(timeProblems(text).filter((d) => d.rule === 'dst-mismatch').length, 2);
  });
});
