import { offsetOn, sameZoneFamily, type Zone } from '../time';
import { forEachEntry } from './clock';
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
    // Most reports write one zone on every entry: judge each written zone once, not once per entry.
    const judged = new Map<string, Array<{ zone: Zone; conflicts: boolean }>>();
    const judge = (zone: Zone): boolean => {
      let verdicts = judged.get(zone.text);
      if (!verdicts) judged.set(zone.text, (verdicts = []));
      const known = verdicts.find((verdict) => verdict.zone.fixedOffset === zone.fixedOffset && verdict.zone.iana === zone.iana);
      if (known) return known.conflicts;
      const verdict = { zone, conflicts: conflicts(zone) };
      verdicts.push(verdict);
      return verdict.conflicts;
    };
    const reported = new Set<string>();
    const consider = (zone: Zone, start: number, end: number): void => {
      if (reported.has(zone.text) || !judge(zone)) return;
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
    // Entries are walked chunk by chunk, with chunk-relative offsets: see Timeline.pieces.
    forEachEntry(timeline, (entry, span) => {
      const written = entry.writtenZone;
      if (written) consider(written.zone, written.start + span.start, written.end + span.start);
    });
  },
};
