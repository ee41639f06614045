import { addDays, formatClock, offsetAtInstant, offsetOn, readingInstant, sameZoneFamily, type Zone, type ZoneMention } from '../time';
import type { TimelineEntry } from '../timeline';
import { forEachEntryAtSteps, piecesWhereSteps, zoneOf, zoneSetting } from './clock';
import type { Rule } from './rule';

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
    // The zone the entries are stated in: the timeline's own ("all times PST"), else the summary's.
    const reference = timeline.zone ?? window.zone;
    const referenceIsTimeline = timeline.zone !== null;
    const date = window.start?.date ?? null;
    const referenceOffset = reference ? offsetOn(reference.zone, date) : null;

    /**
     * Against a zone named by its region or IANA id, judged at the entry's instant where its date and
     * time are known: "00:48 -08:00" and "03:20 -07:00" both agree with America/Los_Angeles on the
     * day clocks go forward, while "03:20 -08:00" does not. Two abbreviations or offsets compare
     * their own offsets. Zones of one region (PST beside PDT) are dst-mismatch's to judge.
     */
    const slips = (zone: Zone, entryDate: string | null, minutes: number | null): boolean => {
      if (!reference || referenceOffset === null || sameZoneFamily(zone, reference.zone)) return false;
      if (zone.fixedOffset !== null && reference.zone.fixedOffset !== null) return zone.fixedOffset !== reference.zone.fixedOffset;
      const instant = entryDate !== null && minutes !== null ? readingInstant(entryDate, minutes, zone) : null;
      if (instant === null) {
        const offset = offsetOn(zone, date);
        return offset !== null && offset !== referenceOffset;
      }
      const offset = zone.fixedOffset ?? (zone.iana ? offsetAtInstant(zone.iana, instant) : null);
      const expected = reference.zone.iana ? offsetAtInstant(reference.zone.iana, instant) : reference.zone.fixedOffset;
      return offset !== null && expected !== null && offset !== expected;
    };
    /** Minutes by which a bracketed conversion misses the entry's own time (0 when it agrees, null when unknown). */
    const conversionError = (entry: TimelineEntry): number | null => {
      const { conversion } = entry;
      const zone = zoneOf(entry, timeline);
      if (!conversion || conversion.time.minutes === null || !zone) return null;
      const on = entry.date ?? date ?? '2024-01-15';
      const from = readingInstant(on, entry.time!.minutes!, zone);
      // The converted time is on the same day or the one either side: take the nearest reading.
      let best: number | null = null;
      for (const day of [-1, 0, 1]) {
        const other = readingInstant(addDays(on, day), conversion.time.minutes, conversion.zone.zone);
        if (from === null || other === null) continue;
        const error = other - from;
        if (best === null || Math.abs(error) < Math.abs(best)) best = error;
      }
      return best;
    };
    const entrySlips = (entry: TimelineEntry): boolean => entry.writtenZone !== null && slips(entry.writtenZone.zone, entry.date ?? date, entry.time?.minutes ?? null);
    const converted = (entry: TimelineEntry): boolean => {
      const error = conversionError(entry);
      return error !== null && error !== 0;
    };

    const reported = new Set<string>();
    const consider = (zone: ZoneMention, base: number, entry: TimelineEntry): void => {
      if (reported.has(zone.text) || !entrySlips(entry)) return;
      reported.add(zone.text);
      report({
        start: zone.start + base,
        end: zone.end + base,
        message: referenceIsTimeline
          ? `Use one timezone: this entry says ${zone.text} but the timeline says all times are ${reference!.text}.`
          : `Use one timezone: this entry says ${zone.text} but the summary says ${reference!.text}.`,
        data: { evidence: 'entry-zone', entryZone: zone.text, statedZone: reference!.text, statedIn: referenceIsTimeline ? 'timeline' : 'summary' },
      });
    };
    // The timeline is read chunk by chunk, with chunk-relative offsets: see Timeline.pieces. Only
    // pieces with a zone at odds with the stated one, or a wrong conversion, are visited.
    const setting = `${zoneSetting(reference?.zone)}|${referenceIsTimeline}|${date}|${zoneSetting(timeline.fallbackZone?.zone)}`;
    const pieces = yield* piecesWhereSteps(timeline, 'timezone-conflict', setting, (piece) => piece.entries.some((entry) => entrySlips(entry) || converted(entry)));
    yield* forEachEntryAtSteps(timeline, pieces, (entry, span) => {
      if (entry.writtenZone) consider(entry.writtenZone, span.start, entry);
      const error = conversionError(entry);
      if (error === null || error === 0) return;
      const { time, zone } = entry.conversion!;
      const zoneOfEntry = zoneOf(entry, timeline)!;
      // The clock the conversion should show: the written one moved back by the error.
      const expected = formatClock(time.minutes! - error, time.clock);
      report({
        start: time.start + span.start,
        end: zone.end + span.start,
        message: `Correct the conversion: ${entry.time!.raw.trim()} ${zoneOfEntry.text} is ${expected} ${zone.text}, not ${time.raw.trim()} ${zone.text} (${Math.abs(error)} minutes ${error > 0 ? 'later' : 'earlier'}).`,
        data: { evidence: 'conversion', errorMinutes: error, written: `${time.raw.trim()} ${zone.text}`, expected: `${expected} ${zone.text}` },
      });
    });
  },
};
