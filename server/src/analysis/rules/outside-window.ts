import { daysBetween, formatMinutes, readingInstant, type Zone } from '../time';
import { pointInstant, windowMinutes } from '../window';
import { formatTime, zoneShift } from '../clock';
import { entryEvidence, type EntryEvidence } from '../evidence';
import { defineEntryQuery, entriesWhereSteps, hasEntryWhereSteps, isTimed, type EntryFacts, type PlacedEntry } from '../query';
import type { Rule } from './rule';

const HALF_DAY = 720;

/** The window the entries are placed against, and the zones they are read in. */
interface WindowInputs {
  startDate: string | null;
  /** Minutes from the start's midnight to the start and to the end. */
  windowStart: number;
  windowEnd: number;
  /** The window's own zone, and the zone of an entry without one of its own (see Timeline.fallbackZone). */
  zone: Zone | null;
  fallback: Zone | null;
  /** The window's ends as instants (UTC minutes), where their dates and zones are known. */
  from: number | null;
  to: number | null;
}

/** Minutes from the window's midnight, or null when an undated time cannot be placed against the window. */
function placedMinutes(entry: EntryFacts, minutes: number, inputs: WindowInputs): number | null {
  const { startDate, windowEnd, zone, fallback } = inputs;
  const shifted = minutes + zoneShift(entry.writtenZone?.zone ?? fallback, zone, entry.date ?? startDate);
  if (entry.date && startDate) return daysBetween(startDate, entry.date) * 1440 + shifted;
  if (Math.floor(windowEnd / 1440) >= 1) return null; // A window of a day or more: an undated clock time may fall on any of its days.
  return shifted;
}

/**
 * Which side of the window a timed entry falls on: on instants where the window's and the entry's
 * dates and zones are known (a window across a daylight-saving change, entries in another zone),
 * on the clock otherwise.
 */
function sideOf(entry: EntryFacts, inputs: WindowInputs): 'before' | 'after' | null {
  const minutes = entry.time?.minutes ?? null;
  if (minutes === null) return null;
  const { from, to } = inputs;
  const entryZone = entry.writtenZone?.zone ?? inputs.fallback ?? inputs.zone;
  const instant = from !== null && to !== null && entry.date && entryZone ? readingInstant(entry.date, minutes, entryZone) : null;
  if (instant !== null && from !== null && to !== null) return instant < from ? 'before' : instant > to ? 'after' : null;
  const at = placedMinutes(entry, minutes, inputs);
  if (at === null) return null;
  return at < inputs.windowStart ? 'before' : at > inputs.windowEnd ? 'after' : null;
}

const OUTSIDE = defineEntryQuery({ name: 'outside-window', matches: (entry: EntryFacts, inputs: WindowInputs) => sideOf(entry, inputs) !== null });
const INSIDE = defineEntryQuery({
  name: 'outside-window:inside',
  matches: (entry: EntryFacts, inputs: WindowInputs) => entry.time?.minutes != null && sideOf(entry, inputs) === null,
});

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
    const inputs: WindowInputs = {
      startDate: start.date,
      windowStart: start.minutes,
      windowEnd: start.minutes + length,
      zone: zone?.zone ?? null,
      fallback: model.timeline.fallbackZone?.zone ?? null,
      from: pointInstant(start, zone),
      to: pointInstant(end, zone),
    };
    // A window over several days names its days.
    const days = start.date && end.date && start.date !== end.date;
    const windowText = `${days ? `${start.date} ` : ''}${formatMinutes(start.minutes)}\u2013${days ? `${end.date} ` : ''}${formatMinutes(end.minutes)}${zone ? ` ${zone.text}` : ''}`;
    const outside = yield* entriesWhereSteps(model, OUTSIDE, inputs);
    if (outside.length === 0) return;

    if (isHalfDayOff(outside, inputs) && !(yield* hasEntryWhereSteps(model, INSIDE, inputs))) {
      const first = outside[0];
      report({
        start: first.time?.start ?? first.start,
        end: (first.time?.start ?? first.start) + formatTime(first).length,
        message: `The timeline reads 12 hours off the incident window (${formatTime(first)} against ${windowText}): write its times as PM, or correct the window.`,
        data: { evidence: 'half-day-off', entries: outside.length, windowStart: formatMinutes(start.minutes), windowEnd: formatMinutes(end.minutes) },
        fix: {
          title: 'Read the timeline as PM',
          edits: outside.flatMap(({ time }) =>
            time ? [{ start: time.start + time.raw.trimEnd().length, end: time.start + time.raw.trimEnd().length, newText: ' PM' }] : [],
          ),
        },
      });
      return;
    }
    for (const entry of outside) {
      const where = sideOf(entry, inputs);
      if (!where || !isTimed(entry)) continue;
      const at = entry.time.start;
      const evidence = entryEvidence(text, entry);
      const contradiction = where === 'before' ? contradictsStart(evidence) : contradictsEnd(evidence);
      if (!contradiction) continue;
      report({
        start: at,
        end: at + formatTime(entry).length,
        message:
          where === 'before'
            ? `${formatTime(entry)} (${contradiction}) is before the stated start of the incident (${windowText}): correct the time or the start.`
            : `${formatTime(entry)} (${contradiction}) is after the stated end of the incident (${windowText}): correct the time or the end.`,
        data: {
          evidence: where === 'before' ? 'impact-before-start' : 'recovery-after-end',
          matched: contradiction,
          windowStart: formatMinutes(start.minutes),
          windowEnd: formatMinutes(end.minutes),
        },
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

/**
 * The whole timeline written twelve hours off the window: every timed entry outside it (the caller
 * asks that none is inside), none with AM or PM, each before noon, and every one inside the window
 * once read as PM ("07:30" for 19:30).
 */
function isHalfDayOff(outside: PlacedEntry[], inputs: WindowInputs): boolean {
  if (inputs.windowStart < HALF_DAY || outside.length < 2) return false;
  return outside.every((entry) => {
    const minutes = entry.time?.minutes ?? null;
    if (minutes === null || entry.time?.meridiem !== null || minutes >= HALF_DAY) return false;
    const at = placedMinutes(entry, minutes, inputs);
    return at !== null && at + HALF_DAY >= inputs.windowStart && at + HALF_DAY <= inputs.windowEnd;
  });
}
