import { daysBetween, formatMinutes, readingInstant } from '../time';
import type { Timeline, TimelineEntry } from '../timeline';
import { pointInstant, windowMinutes } from '../window';
import { forEachEntryAtSteps, formatTime, isTimed, piecesWhereSteps, timedPiecesSteps, zoneOf, zoneSetting, zoneShift } from './clock';
import { entryEvidence, type EntryEvidence } from './evidence';
import type { Rule } from './rule';

const HALF_DAY = 720;

/**
 * Flags the timeline entries that contradict the stated window, not every entry outside it. A
 * reviewer accepts lead-up before the start (the deploy, the config push) and follow-up after the
 * end (clean-up, messages, closing the incident) as part of the story; what contradicts the
 * window is impact, detection or response before the stated start, and recovery or ongoing impact
 * after the stated end. A whole timeline twelve hours off the window is one mistake, reported once.
 */
export const outsideWindow: Rule = {
  id: 'outside-window',
  description: 'A timeline entry contradicts the incident start and end stated in the summary.',
  defaultSeverity: 'warning',
  tags: ['timeline', 'time'],
  *check({ model, text }, report) {
    const { start, end, zone } = model.window;
    if (!start || !end) return;
    const length = windowMinutes(model.window);
    if (length === null || length < 0) return; // A window that ends before it starts is the duration rule's to report.
    const { timeline } = model;
    const windowStart = start.minutes;
    const windowEnd = start.minutes + length;
    const windowDays = Math.floor(windowEnd / 1440);
    // A window over several days names its days.
    const days = start.date && end.date && start.date !== end.date;
    const windowText = `${days ? `${start.date} ` : ''}${formatMinutes(start.minutes)}\u2013${days ? `${end.date} ` : ''}${formatMinutes(end.minutes)}${zone ? ` ${zone.text}` : ''}`;
    /** Minutes from the window's midnight, or null when an undated time cannot be placed against the window. */
    const placed = (entry: TimelineEntry): number | null => {
      const minutes = entry.time!.minutes! + zoneShift(zoneOf(entry, timeline), zone?.zone ?? null, entry.date ?? start.date);
      if (entry.date && start.date) return daysBetween(start.date, entry.date) * 1440 + minutes;
      if (windowDays >= 1) return null; // A window of a day or more: an undated clock time may fall on any of its days.
      return minutes;
    };
    // On instants where the window's and the entry's dates and zones are known (a window across a
    // daylight-saving change, entries in another zone); on the clock otherwise.
    const from = pointInstant(start, zone);
    const to = pointInstant(end, zone);
    const instantOfEntry = (entry: TimelineEntry): number | null => {
      const entryZone = zoneOf(entry, timeline) ?? zone?.zone ?? null;
      return from !== null && to !== null && entry.date && entryZone ? readingInstant(entry.date, entry.time!.minutes!, entryZone) : null;
    };
    const side = (entry: TimelineEntry): 'before' | 'after' | null => {
      if (!isTimed(entry)) return null;
      const instant = instantOfEntry(entry);
      if (instant !== null) return instant < from! ? 'before' : instant > to! ? 'after' : null;
      const at = placed(entry);
      if (at === null) return null;
      return at < windowStart ? 'before' : at > windowEnd ? 'after' : null;
    };
    // The timeline is read chunk by chunk, with chunk-relative offsets: see Timeline.pieces. What
    // `side` reads besides the piece is the window and the zones.
    const setting = `${start.date}|${start.minutes}|${zoneSetting(start.zone?.zone)}|${end.date}|${end.minutes}|${zoneSetting(end.zone?.zone)}|${zoneSetting(zone?.zone)}|${zoneSetting(timeline.fallbackZone?.zone)}`;
    const pieces = yield* piecesWhereSteps(timeline, 'outside-window', setting, (piece) => piece.entries.some((entry) => side(entry) !== null));
    if (pieces.length === 0) return;
    const outside: Array<{ entry: TimelineEntry; at: number; side: 'before' | 'after' }> = [];
    yield* forEachEntryAtSteps(timeline, pieces, (entry, span) => {
      const where = side(entry);
      if (where) outside.push({ entry, at: entry.time!.start + span.start, side: where });
    });

    const halfDay = yield* halfDayOff(outside, timeline, placed, windowStart, windowEnd);
    if (halfDay) {
      const first = outside[0];
      report({
        start: first.at,
        end: first.at + formatTime(first.entry).length,
        message: `The timeline reads 12 hours off the incident window (${formatTime(first.entry)} against ${windowText}): write its times as PM, or correct the window.`,
        data: { evidence: 'half-day-off', entries: outside.length, windowStart: formatMinutes(start.minutes), windowEnd: formatMinutes(end.minutes) },
        fix: {
          title: 'Read the timeline as PM',
          edits: outside.map(({ entry, at }) => ({ start: at + entry.time!.raw.trimEnd().length, end: at + entry.time!.raw.trimEnd().length, newText: ' PM' })),
        },
      });
      return;
    }
    for (let i = 0; i < outside.length; i++) {
      // A timeline written on another day than the window may put every entry outside it.
      if (i % ENTRIES_PER_STEP === ENTRIES_PER_STEP - 1) yield;
      const { entry, at, side: where } = outside[i];
      const evidence = entryEvidence(text, entry, at);
      const contradiction = where === 'before' ? contradictsStart(evidence) : contradictsEnd(evidence);
      if (!contradiction) continue;
      report({
        start: at,
        end: at + formatTime(entry).length,
        message:
          where === 'before'
            ? `${formatTime(entry)} (${contradiction}) is before the stated start of the incident (${windowText}): correct the time or the start.`
            : `${formatTime(entry)} (${contradiction}) is after the stated end of the incident (${windowText}): correct the time or the end.`,
        data: { evidence: where === 'before' ? 'impact-before-start' : 'recovery-after-end', matched: contradiction, windowStart: formatMinutes(start.minutes), windowEnd: formatMinutes(end.minutes) },
      });
    }
  },
};

/** Before the start, an entry contradicts the window when it tells of impact, detection or response, not of the lead-up. */
function contradictsStart(evidence: EntryEvidence): string | null {
  if (evidence.detection) return evidence.detection;
  if (evidence.mitigation) return evidence.mitigation;
  if (evidence.statusUpdate) return evidence.statusUpdate;
  if (evidence.leadUp) return null;
  return evidence.impact;
}

/** After the end, an entry contradicts the window when it tells of recovery, mitigation or impact still going on, not of follow-up. */
function contradictsEnd(evidence: EntryEvidence): string | null {
  if (evidence.followUp) return null;
  return evidence.recovery ?? evidence.mitigation ?? evidence.impact;
}

/** How many entries outside the window are looked at between two steps. */
const ENTRIES_PER_STEP = 256;

/**
 * The whole timeline written twelve hours off the window: every timed entry outside it, none with
 * AM or PM, each before noon, and every one inside the window once read as PM ("07:30" for 19:30).
 */
function* halfDayOff(
  outside: Array<{ entry: TimelineEntry }>,
  timeline: Timeline,
  placed: (entry: TimelineEntry) => number | null,
  windowStart: number,
  windowEnd: number,
): Generator<void, boolean> {
  if (windowStart < HALF_DAY || outside.length < 2) return false;
  for (let i = 0; i < outside.length; i++) {
    if (i % ENTRIES_PER_STEP === ENTRIES_PER_STEP - 1) yield;
    const { entry } = outside[i];
    const at = placed(entry);
    const fits = entry.time!.meridiem === null && entry.time!.minutes! < HALF_DAY && at !== null && at + HALF_DAY >= windowStart && at + HALF_DAY <= windowEnd;
    if (!fits) return false;
  }
  let timed = 0;
  for (const position of yield* timedPiecesSteps(timeline)) timed += timeline.pieces.at(position)!.entries.filter(isTimed).length;
  return timed === outside.length;
}
