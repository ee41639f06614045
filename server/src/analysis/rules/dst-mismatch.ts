import { formatMinutes, instantsOf, offsetAtInstant, wrongSeasonAt, type ZoneMention } from '../time';
import type { Timeline } from '../timeline';
import { forEachEntryAtSteps, piecesWhereSteps } from './clock';
import type { Rule } from './rule';

// CST is also China Standard Time, and MST is kept all year in Arizona: their season cannot be judged.
const AMBIGUOUS = new Set(['CST', 'MST']);

/** Whether the zone's season can be judged on `date`. */
function judgeable(mention: ZoneMention, date: string | null): date is string {
  const { zone } = mention;
  return date !== null && zone.iana !== null && zone.season !== null && zone.counterpart !== null && !AMBIGUOUS.has(mention.text);
}

const NOON = 12 * 60;

/**
 * Whether a judgeable zone names the wrong season at the instant it labels: "00:48 PST" on the day
 * clocks go forward at 02:00 is right, "03:20 PST" that day is not. Without a time of day (a
 * heading's "(all times PST)"), judged at noon.
 */
function wrongSeason(mention: ZoneMention, date: string, minutes: number | null): boolean {
  return wrongSeasonAt(mention.zone, date, minutes ?? NOON);
}

/**
 * What to write instead: the counterpart, when the local time exists once in the zone and the
 * zone's offset there is the counterpart's. None for a time the zone skips or shows twice: which
 * instant was meant needs the writer.
 */
function correction(mention: ZoneMention, date: string, minutes: number | null): { skipped: boolean; counterpart: string | null } {
  const { zone } = mention;
  const instants = instantsOf(date, minutes ?? NOON, { ...zone, fixedOffset: null, season: null });
  if (!instants || instants.length !== 1) return { skipped: instants?.length === 0, counterpart: null };
  return { skipped: false, counterpart: offsetAtInstant(zone.iana!, instants[0]) !== zone.fixedOffset ? zone.counterpart : null };
}

export const dstMismatch: Rule = {
  id: 'dst-mismatch',
  description: 'A standard-time abbreviation on a date when daylight time applies (PST in July), or the reverse.',
  defaultSeverity: 'warning',
  tags: ['time', 'fixable'],
  *check({ model }, report) {
    const { window, timeline } = model;
    const windowDate = window.start?.date ?? null;
    // Each place is judged once: the summary's zone may also be the first entry's.
    const seen = new Set<number>();
    const consider = (mention: ZoneMention, date: string | null, minutes: number | null, base: number): void => {
      const start = mention.start + base;
      if (!judgeable(mention, date) || seen.has(start)) return;
      seen.add(start);
      if (!wrongSeason(mention, date, minutes)) return;
      const { zone } = mention;
      const daylight = zone.season === 'standard';
      const end = mention.end + base;
      const at = minutes === null ? `on ${date}` : `at ${formatMinutes(minutes)} on ${date}`;
      const { skipped, counterpart } = correction(mention, date, minutes);
      if (skipped) {
        report({
          start,
          end,
          message: `${formatMinutes(minutes!)} ${mention.text} on ${date} falls in the hour the clocks skipped: check the time and the zone.`,
          data: { written: mention.text, date, time: formatMinutes(minutes!), evidence: 'skipped-local-time' },
        });
        return;
      }
      report({
        start,
        end,
        message: `Write ${zone.counterpart}: ${at} that zone is on ${daylight ? 'daylight' : 'standard'} time, not ${zone.season} time (${mention.text}).`,
        data: { written: mention.text, expected: zone.counterpart, date, evidence: 'season-at-instant' },
        ...(counterpart ? { fix: { title: `Write ${counterpart}`, edits: [{ start, end, newText: counterpart }] } } : {}),
      });
    };
    // Each point of the window is judged at its own date and time; a zone written elsewhere in the summary at the start's date.
    for (const point of [window.start, window.end]) if (point?.zone) consider(point.zone, point.date, point.minutes, 0);
    if (window.zone) consider(window.zone, windowDate, null, 0);
    // The timeline is read chunk by chunk, with chunk-relative offsets: see Timeline.pieces. Only
    // pieces with a zone in the wrong season are visited.
    const wrong = yield* piecesWhereSteps(timeline, 'dst-mismatch', windowDate ?? '', (piece) =>
      piece.entries.some((entry) => {
        const date = entry.date ?? windowDate;
        return entry.writtenZone !== null && judgeable(entry.writtenZone, date) && wrongSeason(entry.writtenZone, date, entry.time?.minutes ?? null);
      }),
    );
    yield* forEachEntryAtSteps(timeline, wrong, (entry, span) => {
      if (entry.writtenZone) consider(entry.writtenZone, entry.date ?? windowDate, entry.time?.minutes ?? null, span.start);
    });
    // "Timeline (all times PST)": the zone of the whole timeline, on the first date the timeline gives.
    if (timeline.zone && !judgedAsEntry(timeline, timeline.zone.start, windowDate, model.doc.index.lineAt(timeline.zone.start))) {
      consider(timeline.zone, (yield* firstDate(timeline)) ?? windowDate, null, 0);
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
function* firstDate(timeline: Timeline): Generator<void, string | null> {
  const dated = yield* piecesWhereSteps(timeline, 'dated', '', (piece) => piece.entries.some((entry) => entry.date !== null));
  if (dated.length === 0) return null;
  return timeline.pieces.at(dated[0])!.entries.find((entry) => entry.date !== null)!.date;
}
