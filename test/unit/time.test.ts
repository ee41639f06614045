import { strict as assert } from 'node:assert';
import {
  findDates,
  findStatedDuration,
  findTimes,
  findZones,
  offsetOn,
  wrongSeasonAt,
  resolveZone,
  zoneAfter,
  zoneFromNote,
} from '../../server/src/analysis/time';

function times(text: string): Array<[string, number | null, boolean]> {
  return findTimes(text).map((time) => [time.raw.trim(), time.minutes, time.problem !== null]);
}

describe('time: clock times', () => {
  it('reads 12h and 24h clocks, seconds, lowercase and glued meridiems', () => {
    assert.deepEqual(times('10:15 AM, 3:00 PM, 14:05, 12:59:00, 5:45 pm, 07:00PM, 12:00pm, 12:15 AM'), [
      ['10:15 AM', 615, false],
      ['3:00 PM', 900, false],
      ['14:05', 845, false],
      ['12:59:00', 779, false],
      ['5:45 pm', 1065, false],
      ['07:00PM', 1140, false],
      ['12:00pm', 720, false],
      ['12:15 AM', 15, false],
    ]);
  });
  it('reads military, Zulu, French and ISO 8601 times', () => {
    assert.deepEqual(times('2306HRS, 1405Z, 14h05 and 2024-06-18T10:05:00Z'), [
      ['2306HRS', 1386, false],
      ['1405', 845, false],
      ['14h05', 845, false],
      ['10:05:00', 605, false],
    ]);
    assert.deepEqual(times('a 5h30m run'), []);
  });
  it('flags times that cannot exist, keeping the most plausible reading', () => {
    assert.deepEqual(times('17:59 PM / 00:30 AM / 25:10 / 10:75 / 0710 AM'), [
      ['17:59 PM', 1079, true],
      ['00:30 AM', 30, true],
      ['25:10', null, true],
      ['10:75', null, true],
      ['0710 AM', 430, true],
    ]);
  });
  it('stays out of versions, URLs, ports and zone offsets', () => {
    assert.deepEqual(times('v1.10:30 http://host:8080/a?t=10:30 UTC-5:30 port 8080 ratio 1:1'), []);
  });
  it('reads both ends of a range written without spaces', () => {
    assert.deepEqual(times('14:30-16:00 UTC'), [
      ['14:30', 870, false],
      ['16:00', 960, false],
    ]);
  });
});

describe('time: dates', () => {
  it('reads ISO, month-name, ordinal, glued-comma and US slashed dates', () => {
    const text = '2023-08-25; June 18, 2024; September 11th, 2018; March 20,2024; 9/11/18; 28/11/2024; 5 May 2024';
    assert.deepEqual(
      findDates(text).map((date) => date.iso),
      ['2023-08-25', '2024-06-18', '2018-09-11', '2024-03-20', '2018-09-11', '2024-11-28', '2024-05-05'],
    );
  });
  it('leaves out dates that cannot exist', () => {
    assert.deepEqual(
      findDates('31/31/30 and 2023-02-30').map((date) => date.iso),
      [],
    );
  });
});

describe('time: zones', () => {
  it('finds every zone mention, the same on every call (one shared expression, read from the start each time)', () => {
    const text = 'From 10:00 PST (UTC-8) to 11:00 Eastern Time, then Europe/Berlin and CET.';
    const first = findZones(text).map((mention) => [mention.text, mention.start]);
    assert.deepEqual(
      first,
      ['PST', 'UTC-8', 'Eastern Time', 'Europe/Berlin', 'CET'].map((zone) => [zone, text.indexOf(zone)]),
    );
    // A call on a shorter text in between must not leave the next call starting part way in.
    assert.deepEqual(
      findZones('at 09:00 UTC').map((mention) => mention.text),
      ['UTC'],
    );
    assert.deepEqual(
      findZones(text).map((mention) => [mention.text, mention.start]),
      first,
    );
  });
  const cases: Array<[string, number | null]> = [
    ['UTC', 0],
    ['GMT', 0],
    ['PST', -480],
    ['PDT', -420],
    ['EAT', 180],
    ['WAT', 60],
    ['CET', 60],
    ['GMT+1', 60],
    ['UTC-4', -240],
    ['GMT+02:00', 120],
    ['UTC+5:30', 330],
    ['+00:00', 0],
    ['West African Time', 60],
    ['Pacific Time', -480],
  ];
  for (const [written, offset] of cases) {
    it(`resolves ${written}`, () => {
      const zone = resolveZone(written);
      assert.ok(zone, written);
      assert.equal(offsetOn(zone, '2024-01-15'), offset);
    });
  }
  it('follows daylight time for named zones', () => {
    assert.equal(offsetOn(resolveZone('Pacific Time')!, '2024-07-10'), -420);
    assert.equal(wrongSeasonAt(resolveZone('PST')!, '2024-07-10', 600), true);
    assert.equal(wrongSeasonAt(resolveZone('PST')!, '2024-01-10', 600), false);
    // On the day clocks go forward (02:00 local), PST is right before it and wrong after.
    assert.equal(wrongSeasonAt(resolveZone('PST')!, '2024-03-10', 48), false);
    assert.equal(wrongSeasonAt(resolveZone('PST')!, '2024-03-10', 200), true);
  });
  it('keeps an unknown "... Time" name as a zone without an offset', () => {
    const zone = resolveZone('West saudi arabia Time');
    assert.ok(zone);
    assert.equal(offsetOn(zone, null), null);
  });
  it('reads the zone written after a time, in brackets or not', () => {
    assert.equal(zoneAfter('10:00 PM (UTC-5)', 8)?.text, 'UTC-5');
    assert.equal(zoneAfter('14:00 GMT+1:', 5)?.text, 'GMT+1');
    assert.equal(zoneAfter('21:14\nPDT', 5)?.text, 'PDT');
    // A zone never spans a line break, and an offset past 14 hours is a dash, not an offset.
    assert.equal(zoneAfter('10:15 UTC\n- 2024-03-05 **10:15** UTC:', 5)?.text, 'UTC');
    assert.equal(zoneAfter('10:15 UTC - 2024-03-05', 5)?.text, 'UTC');
    assert.equal(zoneAfter('10:15 GMT - 20', 5)?.text, 'GMT');
    assert.equal(zoneAfter('10:15 UTC+14', 5)?.text, 'UTC+14');
    assert.equal(zoneAfter('10:15 PST\n/PDT', 5)?.text, 'PST');
    assert.equal(findTimes('at 10\nam', 0, 9).length, 0);
    assert.equal(zoneAfter('10:00 at noon', 5), null);
  });
  it('reads a zone from a timeline note', () => {
    assert.equal(zoneFromNote('all times UTC')?.fixedOffset, 0);
    assert.equal(zoneFromNote('all times in PST/PDT')?.iana, 'America/Los_Angeles');
    assert.equal(zoneFromNote('All times in CET.')?.fixedOffset, 60);
    assert.equal(zoneFromNote('all times Greenwich, United Kingdom')?.text, 'Greenwich, United Kingdom');
    assert.equal(zoneFromNote('Eastern Time')?.iana, 'America/New_York');
  });
});

describe('time: stated durations', () => {
  const cases: Array<[string, number | null]> = [
    ['Duration: 30 minutes (10:15 AM - 10:45 AM PST)', 30],
    ['1 hour and 30 minutes, from 10:15 AM to 11:45 AM PST', 90],
    ['from 14:00 UTC to 16:30 UTC (2 hours, 30 minutes).', 150],
    ['the site was down for ten minutes', 10],
    ['lasted for 6 hours from 15:00 WAT', 360],
    ['45 minutes of downtime affecting 70% of users', 45],
    ['Duration: 15 hours 40 minutes', 940],
    ['detected 10 minutes afterward', null],
    ['Alerting was delayed for 10 minutes', null],
    ['Start Time: April 15, 2023, 10:00 AM (UTC)', null],
  ];
  for (const [text, minutes] of cases) {
    it(`reads "${text}"`, () => assert.equal(findStatedDuration(text)?.minutes ?? null, minutes));
  }
});
