import { daysBetween, formatMinutes, readingInstant, type Zone } from '../time';
import { pointInstant, windowMinutes } from '../window';
import { formatTime, zoneShift } from '../clock';
import { entryEvidence, lineEvidence, type EntryEvidence } from '../evidence';
import {
  defineEntryLineQuery,
  defineEntryQuery,
  entriesWhereLineSteps,
  entriesWhereSteps,
  hasEntryWhereSteps,
  isTimed,
  type EntryFacts,
  type EntryLine,
} from '../query';
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
/** Outside the window and not as a timeline written twelve hours off it would be (see `isHalfDayOff`). */
const NOT_HALF_DAY_OFF = defineEntryQuery({
  name: 'outside-window:not-half-day-off',
  matches: (entry: EntryFacts, inputs: WindowInputs) => sideOf(entry, inputs) !== null && !isHalfDayOff(entry, inputs),
});
/**
 * Outside the window and possibly contradicting it: its own line does (see `contradiction`), or
 * says too little, and the lines after it decide (read then from the text, for these entries only).
 * After an edit only the pieces it changed are asked again.
 */
const MAY_CONTRADICT = defineEntryLineQuery({
  name: 'outside-window:may-contradict',
  matches: (entry: EntryFacts, line: EntryLine, inputs: WindowInputs) => {
    const side = sideOf(entry, inputs);
    if (side === null || entry.time === null) return false;
    const evidence = lineEvidence(line, entry.time.raw.length);
    return evidence === null || contradiction(side, evidence) !== null;
  },
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
    if (!(yield* hasEntryWhereSteps(model, OUTSIDE, inputs))) return;

    // Every timed entry outside the window, and each as it would be twelve hours off it.
    if (
      inputs.windowStart >= HALF_DAY &&
      !(yield* hasEntryWhereSteps(model, NOT_HALF_DAY_OFF, inputs)) &&
      !(yield* hasEntryWhereSteps(model, INSIDE, inputs))
    ) {
      const outside = yield* entriesWhereSteps(model, OUTSIDE, inputs);
      if (outside.length >= 2) {
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
    }
    for (const entry of yield* entriesWhereLineSteps(model, MAY_CONTRADICT, inputs)) {
      const where = sideOf(entry, inputs);
      if (!where || !isTimed(entry)) continue;
      const at = entry.time.start;
      const found = contradiction(where, entryEvidence(text, entry));
      if (!found) continue;
      report({
        start: at,
        end: at + formatTime(entry).length,
        message:
          where === 'before'
            ? `${formatTime(entry)} (${found}) is before the stated start of the incident (${windowText}): correct the time or the start.`
            : `${formatTime(entry)} (${found}) is after the stated end of the incident (${windowText}): correct the time or the end.`,
        data: {
          evidence: where === 'before' ? 'impact-before-start' : 'recovery-after-end',
          matched: found,
          windowStart: formatMinutes(start.minutes),
          windowEnd: formatMinutes(end.minutes),
        },
      });
    }
  },
};

/** What in the evidence contradicts the window on that side of it, or null. */
function contradiction(side: 'before' | 'after', evidence: EntryEvidence): string | null {
  return side === 'before' ? contradictsStart(evidence) : contradictsEnd(evidence);
}

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
 * Whether an entry outside the window is as a timeline written twelve hours off it would be: no AM
 * or PM, before noon, and inside the window once read as PM ("07:30" for 19:30). The whole timeline
 * is read so when at least two entries are outside, all of them so, and none inside.
 */
function isHalfDayOff(entry: EntryFacts, inputs: WindowInputs): boolean {
  const minutes = entry.time?.minutes ?? null;
  if (minutes === null || entry.time?.meridiem !== null || minutes >= HALF_DAY) return false;
  const at = placedMinutes(entry, minutes, inputs);
  return at !== null && at + HALF_DAY >= inputs.windowStart && at + HALF_DAY <= inputs.windowEnd;
}
