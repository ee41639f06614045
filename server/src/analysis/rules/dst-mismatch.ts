import { formatMinutes, instantsOf, offsetAtInstant, wrongSeasonAt, type ZoneMention } from '../time';
import { defineEntryQuery, entriesNear, entriesWhereSteps, firstEntryWhereSteps, type EntryFacts } from '../query';
import type { PostmortemModel } from '../model';
import type { Problem, Rule } from './rule';

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
  return { skipped: false, counterpart: zone.iana !== null && offsetAtInstant(zone.iana, instants[0]) !== zone.fixedOffset ? zone.counterpart : null };
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
    // Season slips with a fix, held back so that the same slip repeated down the timeline is one problem.
    const slips: Slip[] = [];
    // Every mention is placed in the document (the query layer places entries): offsets are the document's.
    const consider = (mention: ZoneMention, date: string | null, minutes: number | null): void => {
      const { start, end } = mention;
      if (!judgeable(mention, date) || seen.has(start)) return;
      seen.add(start);
      if (!wrongSeason(mention, date, minutes)) return;
      const { skipped, counterpart } = correction(mention, date, minutes);
      if (skipped) {
        // Only a time of day can fall in the hour the clocks skip; a date alone is judged at noon.
        const clock = formatMinutes(minutes ?? NOON);
        report({
          start,
          end,
          message: `${clock} ${mention.text} on ${date} falls in the hour the clocks skipped: check the time and the zone.`,
          data: { written: mention.text, date, time: clock, evidence: 'skipped-local-time' },
        });
        return;
      }
      slips.push({ start, end, date, minutes, mention, counterpart });
    };
    // Each point of the window is judged at its own date and time; a zone written elsewhere in the summary at the start's date.
    for (const point of [window.start, window.end]) if (point?.zone) consider(point.zone, point.date, point.minutes);
    // A note for all times ("All times in PDT") stands for no one date: the dates may be the slip.
    if (window.zone && !window.zoneFromNote) consider(window.zone, windowDate, null);
    for (const entry of yield* entriesWhereSteps(model, WRONG_SEASON, windowDate)) {
      if (entry.writtenZone) consider(entry.writtenZone, entry.date ?? windowDate, entry.time?.minutes ?? null);
    }
    // "Timeline (all times PST)": the zone of the whole timeline, on the first date the timeline gives.
    if (timeline.zone && !judgedAsEntry(model, timeline.zone.start, windowDate)) {
      consider(timeline.zone, (yield* firstEntryWhereSteps(model, DATED, null))?.date ?? windowDate, null);
    }
    reportSlips(slips, report);
  },
};

/** From this many on, the same abbreviation in the same wrong season is reported once, with one fix for all. */
const REPEATED_SLIP = 3;

type Slip = { start: number; end: number; date: string; minutes: number | null; mention: ZoneMention; counterpart: string | null };

/**
 * "PST" written on every entry of an October timeline is one habit, not nineteen mistakes: a slip
 * repeated REPEATED_SLIP times or more is reported once, on its first place, and its fix writes the
 * counterpart at every place where the time exists once. Fewer are reported one by one.
 */
function reportSlips(slips: Slip[], report: (problem: Problem) => void): void {
  const byWriting = new Map<string, Slip[]>();
  for (const slip of slips) {
    const key = `${slip.mention.text}|${slip.mention.zone.counterpart}`;
    const group = byWriting.get(key) ?? [];
    group.push(slip);
    byWriting.set(key, group);
  }
  for (const group of byWriting.values()) {
    group.sort((a, b) => a.start - b.start);
    if (group.length < REPEATED_SLIP) {
      for (const slip of group) report(slipProblem(slip, [slip]));
      continue;
    }
    report(slipProblem(group[0], group));
  }
}

function slipProblem(first: Slip, all: Slip[]): Problem {
  const { mention, date, minutes } = first;
  const { zone } = mention;
  const daylight = zone.season === 'standard';
  const at = minutes === null ? `on ${date}` : `at ${formatMinutes(minutes)} on ${date}`;
  const others = all.length - 1;
  const fixable = all.filter((slip) => slip.counterpart !== null);
  const counterpart = first.counterpart ?? fixable[0]?.counterpart ?? null;
  return {
    start: first.start,
    end: first.end,
    message:
      `Write ${zone.counterpart}: ${at} that zone is on ${daylight ? 'daylight' : 'standard'} time, not ${zone.season} time (${mention.text})` +
      (others > 0 ? `, as at ${others} more place${others === 1 ? '' : 's'} written ${mention.text}.` : '.'),
    // `dates` goes with the fix's edits, one date for each place it rewrites.
    data: {
      written: mention.text,
      expected: zone.counterpart,
      date,
      evidence: 'season-at-instant',
      places: all.length,
      dates: fixable.map((slip) => slip.date),
    },
    ...(counterpart && fixable.length > 0
      ? {
          fix: {
            title: fixable.length > 1 ? `Write ${counterpart} in all ${fixable.length} places` : `Write ${counterpart}`,
            edits: fixable.map((slip) => ({ start: slip.start, end: slip.end, newText: slip.counterpart ?? counterpart })),
          },
        }
      : {}),
  };
}

/** Entries whose own zone names the wrong season, on their date or else the window's (the input). */
const WRONG_SEASON = defineEntryQuery({
  name: 'dst-mismatch',
  matches: (entry: EntryFacts, windowDate: string | null) => {
    const date = entry.date ?? windowDate;
    return entry.writtenZone !== null && judgeable(entry.writtenZone, date) && wrongSeason(entry.writtenZone, date, entry.time?.minutes ?? null);
  },
});

const DATED = defineEntryQuery({ name: 'dated', matches: (entry: EntryFacts) => entry.date !== null });

/** Whether an entry's zone is written at `start` and was judged (then the timeline's zone there is not judged again). */
function judgedAsEntry(model: PostmortemModel, start: number, windowDate: string | null): boolean {
  return entriesNear(model, model.doc.index.lineAt(start)).some(
    (entry) => entry.writtenZone !== null && entry.writtenZone.start === start && judgeable(entry.writtenZone, entry.date ?? windowDate),
  );
}
