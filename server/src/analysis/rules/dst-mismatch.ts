import { isDaylightOn, type ZoneMention } from '../time';
import type { Timeline } from '../timeline';
import { forEachEntryAt, piecesWhere } from './clock';
import type { Rule } from './rule';

// CST is also China Standard Time, and MST is kept all year in Arizona: their season cannot be judged.
const AMBIGUOUS = new Set(['CST', 'MST']);

/** Whether the zone's season can be judged on `date`. */
function judgeable(mention: ZoneMention, date: string | null): date is string {
  const { zone } = mention;
  return date !== null && zone.iana !== null && zone.season !== null && zone.counterpart !== null && !AMBIGUOUS.has(mention.text);
}

/** Whether a judgeable zone names the wrong season for `date`. */
function wrongSeason(mention: ZoneMention, date: string): boolean {
  return (mention.zone.season === 'standard') === isDaylightOn(mention.zone.iana!, date);
}

export const dstMismatch: Rule = {
  id: 'dst-mismatch',
  description: 'A standard-time abbreviation on a date when daylight time applies (PST in July), or the reverse.',
  defaultSeverity: 'warning',
  tags: ['time', 'fixable'],
  check({ model }, report) {
    const { window, timeline } = model;
    const windowDate = window.start?.date ?? null;
    // Each place is judged once: the summary's zone may also be the first entry's.
    const seen = new Set<number>();
    const consider = (mention: ZoneMention, date: string | null, base: number): void => {
      const start = mention.start + base;
      if (!judgeable(mention, date) || seen.has(start)) return;
      seen.add(start);
      if (!wrongSeason(mention, date)) return;
      const { zone } = mention;
      const daylight = zone.season === 'standard';
      const end = mention.end + base;
      report({
        start,
        end,
        message: `Write ${zone.counterpart}: on ${date} that zone is on ${daylight ? 'daylight' : 'standard'} time, not ${zone.season} time (${mention.text}).`,
        data: { written: mention.text, expected: zone.counterpart, date },
        fix: { title: `Write ${zone.counterpart}`, edits: [{ start, end, newText: zone.counterpart! }] },
      });
    };
    if (window.zone) consider(window.zone, windowDate, 0);
    // The timeline is read chunk by chunk, with chunk-relative offsets: see Timeline.pieces. Only
    // pieces with a zone in the wrong season are visited.
    const wrong = piecesWhere(timeline, 'dst-mismatch', windowDate ?? '', (piece) =>
      piece.entries.some((entry) => {
        const date = entry.date ?? windowDate;
        return entry.writtenZone !== null && judgeable(entry.writtenZone, date) && wrongSeason(entry.writtenZone, date);
      }),
    );
    forEachEntryAt(timeline, wrong, (entry, span) => {
      if (entry.writtenZone) consider(entry.writtenZone, entry.date ?? windowDate, span.start);
    });
    // "Timeline (all times PST)": the zone of the whole timeline, on the first date the timeline gives.
    if (timeline.zone && !judgedAsEntry(timeline, timeline.zone.start, windowDate, model.doc.index.lineAt(timeline.zone.start))) {
      consider(timeline.zone, firstDate(timeline) ?? windowDate, 0);
    }
  },
};

/** Whether an entry's zone is written at `start` and was judged (then the timeline's zone there is not judged again). */
function judgedAsEntry(timeline: Timeline, start: number, windowDate: string | null, line: number): boolean {
  const position = timeline.chunks.indexOfLine(line);
  const piece = position >= 0 ? timeline.pieces.at(position) : null;
  if (!piece) return false;
  const base = timeline.chunks.start(position);
  return piece.entries.some((entry) => entry.writtenZone !== null && entry.writtenZone.start + base === start && judgeable(entry.writtenZone, entry.date ?? windowDate));
}

/** The date of the first entry that has one. */
function firstDate(timeline: Timeline): string | null {
  const dated = piecesWhere(timeline, 'dated', '', (piece) => piece.entries.some((entry) => entry.date !== null));
  if (dated.length === 0) return null;
  return timeline.pieces.at(dated[0])!.entries.find((entry) => entry.date !== null)!.date;
}
