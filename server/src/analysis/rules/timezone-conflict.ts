import { offsetAtInstant, offsetOn, readingInstant, sameZoneFamily, type Zone } from '../time';
import { forEachEntryAt, piecesWhere, zoneSetting } from './clock';
import type { Rule } from './rule';

export const timezoneConflict: Rule = {
  id: 'timezone-conflict',
  description: "The timeline's timezone differs from the summary's.",
  defaultSeverity: 'warning',
  tags: ['time'],
  check({ model }, report) {
    const reference = model.window.zone;
    if (!reference) return;
    const date = model.window.start?.date ?? null;
    const referenceOffset = offsetOn(reference.zone, date);
    if (referenceOffset === null) return;
    /**
     * Judged at the entry's instant where its date and time are known: "00:48 -08:00" and "03:20
     * -07:00" both agree with a summary in Pacific time on the day clocks go forward, while
     * "03:20 -08:00" does not. A zone named by its region (PST, "Pacific Time") is that region's
     * clock in either season: PST beside PDT is dst-mismatch's to judge, not a second zone.
     */
    const conflicts = (zone: Zone, entryDate: string | null = null, minutes: number | null = null): boolean => {
      if (sameZoneFamily(zone, reference.zone)) return false;
      const instant = entryDate !== null && minutes !== null ? readingInstant(entryDate, minutes, zone) : null;
      if (instant === null) {
        const offset = offsetOn(zone, date);
        return offset !== null && offset !== referenceOffset;
      }
      const offset = zone.fixedOffset ?? (zone.iana ? offsetAtInstant(zone.iana, instant) : null);
      const expected = reference.zone.iana ? offsetAtInstant(reference.zone.iana, instant) : reference.zone.fixedOffset;
      return offset !== null && expected !== null && offset !== expected;
    };
    const reported = new Set<string>();
    const consider = (zone: Zone, start: number, end: number, entryDate: string | null = null, minutes: number | null = null): void => {
      if (reported.has(zone.text) || !conflicts(zone, entryDate, minutes)) return;
      reported.add(zone.text);
      report({
        start,
        end,
        message: `Use one timezone: the timeline says ${zone.text} but the summary says ${reference.text}.`,
        data: { timelineZone: zone.text, summaryZone: reference.text },
      });
    };
    const { timeline } = model;
    if (timeline.zone) consider(timeline.zone.zone, timeline.zone.start, timeline.zone.end);
    // The timeline is read chunk by chunk, with chunk-relative offsets: see Timeline.pieces. Only
    // pieces with a zone at odds with the summary's are visited.
    const setting = `${zoneSetting(reference.zone)}|${date}`;
    const pieces = piecesWhere(timeline, 'timezone-conflict', setting, (piece) =>
      piece.entries.some((entry) => entry.writtenZone !== null && conflicts(entry.writtenZone.zone, entry.date ?? date, entry.time?.minutes ?? null)),
    );
    forEachEntryAt(timeline, pieces, (entry, span) => {
      const written = entry.writtenZone;
      if (written) consider(written.zone, written.start + span.start, written.end + span.start, entry.date ?? date, entry.time?.minutes ?? null);
    });
  },
};
