import { isDaylightOn, type ZoneMention } from '../time';
import { forEachEntry } from './clock';
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
    const seen = new Set<number>();
    // A timeline in PDT asks the same question on every entry of a day: ask it once.
    const daylightOn = new Map<string, boolean>();
    /** Judges a zone written at `base` + its offsets, on `date`. */
    const consider = (mention: ZoneMention, date: string | null, base: number): void => {
      const { zone } = mention;
      const start = mention.start + base;
      if (!date || !zone.iana || !zone.season || !zone.counterpart || seen.has(start) || AMBIGUOUS.has(mention.text)) return;
      seen.add(start);
      const key = `${zone.iana} ${date}`;
      let daylight = daylightOn.get(key);
      if (daylight === undefined) daylightOn.set(key, (daylight = isDaylightOn(zone.iana, date)));
      if ((zone.season === 'standard') !== daylight) return;
      const end = mention.end + base;
      report({
        start,
        end,
        message: `Write ${zone.counterpart}: on ${date} that zone is on ${daylight ? 'daylight' : 'standard'} time, not ${zone.season} time (${mention.text}).`,
        data: { written: mention.text, expected: zone.counterpart, date },
        fix: { title: `Write ${zone.counterpart}`, edits: [{ start, end, newText: zone.counterpart }] },
      });
    };
    if (window.zone) consider(window.zone, windowDate, 0);
    // Entries are walked chunk by chunk, with chunk-relative offsets: see Timeline.pieces.
    let firstDate: string | null = null;
    forEachEntry(timeline, (entry, span) => {
      firstDate ??= entry.date;
      if (entry.writtenZone) consider(entry.writtenZone, entry.date ?? windowDate, span.start);
    });
    // "Timeline (all times PST)": the zone of the whole timeline, on the first date the timeline gives.
    if (timeline.zone) consider(timeline.zone, firstDate ?? windowDate, 0);
  },
};
