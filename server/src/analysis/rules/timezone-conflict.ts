import { addDays, formatClock, offsetAtInstant, offsetOn, readingInstant, sameZoneFamily, type Zone, type ZoneMention } from '../time';
import { defineEntryQuery, entriesWhereSteps, type EntryFacts } from '../query';
import type { Rule } from './rule';

/** What the entries are judged against: the zone the report states for them and the day it applies on. */
interface Reference {
  /** The timeline's own zone ("all times PST"), else the summary's. */
  stated: Zone | null;
  /** The zone an entry without one of its own is in (see Timeline.fallbackZone). */
  fallback: Zone | null;
  /** The incident's date, for offsets without a date of their own. */
  date: string | null;
}

/**
 * Against a zone named by its region or IANA id, judged at the entry's instant where its date and
 * time are known: "00:48 -08:00" and "03:20 -07:00" both agree with America/Los_Angeles on the
 * day clocks go forward, while "03:20 -08:00" does not. Two abbreviations or offsets compare
 * their own offsets. Zones of one region (PST beside PDT) are dst-mismatch's to judge.
 */
function slips(zone: Zone, entryDate: string | null, minutes: number | null, { stated, date }: Reference): boolean {
  const referenceOffset = stated ? offsetOn(stated, date) : null;
  if (!stated || referenceOffset === null || sameZoneFamily(zone, stated)) return false;
  if (zone.fixedOffset !== null && stated.fixedOffset !== null) return zone.fixedOffset !== stated.fixedOffset;
  const instant = entryDate !== null && minutes !== null ? readingInstant(entryDate, minutes, zone) : null;
  if (instant === null) {
    const offset = offsetOn(zone, date);
    return offset !== null && offset !== referenceOffset;
  }
  const offset = zone.fixedOffset ?? (zone.iana ? offsetAtInstant(zone.iana, instant) : null);
  const expected = stated.iana ? offsetAtInstant(stated.iana, instant) : stated.fixedOffset;
  return offset !== null && expected !== null && offset !== expected;
}

/** Minutes by which a bracketed conversion misses the entry's own time (0 when it agrees, null when unknown). */
function conversionError(entry: EntryFacts, { fallback, date }: Reference): number | null {
  const { conversion } = entry;
  const zone = entry.writtenZone?.zone ?? fallback;
  if (!conversion || conversion.time.minutes === null || !zone || entry.time?.minutes == null) return null;
  const on = entry.date ?? date ?? '2024-01-15';
  const from = readingInstant(on, entry.time.minutes, zone);
  // The converted time is on the same day or the one either side: take the nearest reading.
  let best: number | null = null;
  for (const day of [-1, 0, 1]) {
    const other = readingInstant(addDays(on, day), conversion.time.minutes, conversion.zone.zone);
    if (from === null || other === null) continue;
    const error = other - from;
    if (best === null || Math.abs(error) < Math.abs(best)) best = error;
  }
  return best;
}

function entrySlips(entry: EntryFacts, reference: Reference): boolean {
  return entry.writtenZone !== null && slips(entry.writtenZone.zone, entry.date ?? reference.date, entry.time?.minutes ?? null, reference);
}

/** Entries in a zone at odds with the stated one, or with a wrong conversion in brackets. */
const AT_ODDS = defineEntryQuery({
  name: 'timezone-conflict',
  matches: (entry: EntryFacts, reference: Reference) => {
    if (entrySlips(entry, reference)) return true;
    const error = conversionError(entry, reference);
    return error !== null && error !== 0;
  },
});

/**
 * Reports zones that contradict each other, not reports that use two zones. A summary in local time
 * and a timeline in UTC that agree are fine; what a reviewer catches is an entry that slips into
 * another zone than the one its timeline (or, without one, the summary) states ("23:00 MST" amid
 * "all times PST"), and a time converted wrongly in brackets ("12:48 (6:48 PDT)" for 05:48 PDT).
 */
export const timezoneConflict: Rule = {
  id: 'timezone-conflict',
  description: 'A timeline entry is written in a zone that contradicts the one the report states, or converts a time wrongly.',
  defaultSeverity: 'warning',
  tags: ['time'],
  *check({ model }, report) {
    const { timeline, window } = model;
    const statedZone: ZoneMention | null = timeline.zone ?? window.zone;
    const referenceIsTimeline = timeline.zone !== null;
    const reference: Reference = { stated: statedZone?.zone ?? null, fallback: timeline.fallbackZone?.zone ?? null, date: window.start?.date ?? null };
    const reported = new Set<string>();
    for (const entry of yield* entriesWhereSteps(model, AT_ODDS, reference)) {
      const zone = entry.writtenZone;
      if (zone && statedZone && !reported.has(zone.text) && entrySlips(entry, reference)) {
        reported.add(zone.text);
        report({
          start: zone.start,
          end: zone.end,
          message: referenceIsTimeline
            ? `Use one timezone: this entry says ${zone.text} but the timeline says all times are ${statedZone.text}.`
            : `Use one timezone: this entry says ${zone.text} but the summary says ${statedZone.text}.`,
          data: { evidence: 'entry-zone', entryZone: zone.text, statedZone: statedZone.text, statedIn: referenceIsTimeline ? 'timeline' : 'summary' },
        });
      }
      const error = conversionError(entry, reference);
      const zoneOfEntry = entry.writtenZone?.zone ?? reference.fallback;
      const converted = entry.conversion?.time.minutes ?? null;
      if (error === null || error === 0 || !entry.conversion || !entry.time || !zoneOfEntry || converted === null) continue;
      const { time, zone: convertedZone } = entry.conversion;
      // The clock the conversion should show: the written one moved back by the error.
      const expected = formatClock(converted - error, time.clock);
      report({
        start: time.start,
        end: convertedZone.end,
        message: `Correct the conversion: ${entry.time.raw.trim()} ${zoneOfEntry.text} is ${expected} ${convertedZone.text}, not ${time.raw.trim()} ${convertedZone.text} (${Math.abs(error)} minutes ${error > 0 ? 'later' : 'earlier'}).`,
        data: {
          evidence: 'conversion',
          errorMinutes: error,
          written: `${time.raw.trim()} ${convertedZone.text}`,
          expected: `${expected} ${convertedZone.text}`,
        },
      });
    }
  },
};
