import { isDaylightOn, type ZoneMention } from '../time';
import type { Rule } from './rule';

// CST is also China Standard Time, and MST is kept all year in Arizona: their season cannot be judged.
const AMBIGUOUS = new Set(['CST', 'MST']);

export const dstMismatch: Rule = {
  id: 'dst-mismatch',
  description: 'A standard-time abbreviation on a date when daylight time applies (PST in July), or the reverse.',
  defaultSeverity: 'warning',
  tags: ['time', 'fixable'],
  check({ model }, report) {
    const { window, timeline } = model;
    const windowDate = window.start?.date ?? null;
    const checks: Array<{ mention: ZoneMention; date: string | null }> = [];
    if (window.zone) checks.push({ mention: window.zone, date: windowDate });
    for (const entry of timeline.entries) if (entry.writtenZone) checks.push({ mention: entry.writtenZone, date: entry.date ?? windowDate });
    // "Timeline (all times PST)": the zone of the whole timeline, on the first date the timeline gives.
    if (timeline.zone) checks.push({ mention: timeline.zone, date: timeline.entries.find((entry) => entry.date)?.date ?? windowDate });
    const seen = new Set<number>();
    for (const { mention, date } of checks) {
      const { zone } = mention;
      if (!date || !zone.iana || !zone.season || !zone.counterpart || seen.has(mention.start) || AMBIGUOUS.has(mention.text)) continue;
      seen.add(mention.start);
      const daylight = isDaylightOn(zone.iana, date);
      if ((zone.season === 'standard') !== daylight) continue;
      report({
        start: mention.start,
        end: mention.end,
        message: `Write ${zone.counterpart}: on ${date} that zone is on ${daylight ? 'daylight' : 'standard'} time, not ${zone.season} time (${mention.text}).`,
        data: { written: mention.text, expected: zone.counterpart, date },
        fix: { title: `Write ${zone.counterpart}`, edits: [{ start: mention.start, end: mention.end, newText: zone.counterpart }] },
      });
    }
  },
};
