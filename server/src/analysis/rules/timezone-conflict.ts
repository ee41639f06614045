import { offsetOn, sameZoneFamily, type Zone } from '../time';
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
    const conflicts = (zone: Zone): boolean => {
      if (sameZoneFamily(zone, reference.zone)) return false;
      const offset = offsetOn(zone, date);
      return offset !== null && offset !== referenceOffset;
    };
    const reported = new Set<string>();
    const consider = (zone: Zone, start: number, end: number): void => {
      if (reported.has(zone.text) || !conflicts(zone)) return;
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
    const pieces = piecesWhere(timeline, 'timezone-conflict', setting, (piece) => piece.entries.some((entry) => entry.writtenZone !== null && conflicts(entry.writtenZone.zone)));
    forEachEntryAt(timeline, pieces, (entry, span) => {
      const written = entry.writtenZone;
      if (written) consider(written.zone, written.start + span.start, written.end + span.start);
    });
  },
};
