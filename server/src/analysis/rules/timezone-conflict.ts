import { offsetOn, sameZoneFamily, type Zone } from '../time';
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
    const candidates: Array<{ zone: Zone; start: number; end: number }> = [];
    const { timeline } = model;
    if (timeline.zone) candidates.push(timeline.zone);
    for (const entry of timeline.entries) if (entry.writtenZone) candidates.push(entry.writtenZone);
    const reported = new Set<string>();
    for (const candidate of candidates) {
      if (reported.has(candidate.zone.text) || sameZoneFamily(candidate.zone, reference.zone)) continue;
      const offset = offsetOn(candidate.zone, date);
      if (offset === null || offset === referenceOffset) continue;
      reported.add(candidate.zone.text);
      report({
        start: candidate.start,
        end: candidate.end,
        message: `Use one timezone: the timeline says ${candidate.zone.text} but the summary says ${reference.text}.`,
        data: { timelineZone: candidate.zone.text, summaryZone: reference.text },
      });
    }
  },
};
