import { crossesMidnight, daysBetween, type Zone } from '../time';
import type { Timeline, TimelineEntry } from '../timeline';
import type { ChunkSpan } from '../parse';
import { forEachEntry, formatTime, isTimed, zoneOf, zoneShift } from './clock';
import { sortTimelineFix } from './fixes';
import type { Fix, Rule } from './rule';

/** Whether `current` (in zone `currentZone`) is earlier than `previous`, the entry before it. */
function isBefore(current: TimelineEntry, currentZone: Zone | null, previous: TimelineEntry, previousZone: Zone | null): boolean {
  const shift = zoneShift(currentZone, previousZone, current.date ?? previous.date);
  const previousSeconds = previous.time!.minutes! * 60 + (previous.time!.seconds ?? 0);
  const currentSeconds = (current.time!.minutes! + shift) * 60 + (current.time!.seconds ?? 0);
  if (previous.date && current.date) return daysBetween(previous.date, current.date) * 86_400 + currentSeconds - previousSeconds < 0;
  return currentSeconds < previousSeconds && !crossesMidnight(previous.time!.minutes!, current.time!.minutes! + shift);
}

/** A timed entry earlier than the one before it, each with the chunk it is in (see Timeline.pieces). */
interface Backward {
  entry: TimelineEntry;
  span: ChunkSpan;
  previous: TimelineEntry;
  previousSpan: ChunkSpan;
}

/** The timed entries earlier than the one before them, and how many timed entries there are. */
function backwardSteps(timeline: Timeline): { backward: Backward[]; timed: number; first: { entry: TimelineEntry; span: ChunkSpan } | null } {
  const backward: Backward[] = [];
  let timed = 0;
  let first: { entry: TimelineEntry; span: ChunkSpan } | null = null;
  let previous: TimelineEntry | null = null;
  let previousSpan: ChunkSpan | null = null;
  let previousZone: Zone | null = null;
  forEachEntry(timeline, (entry, span) => {
    if (!isTimed(entry)) return;
    timed++;
    const zone = zoneOf(entry, timeline);
    if (previous === null) first = { entry, span };
    else if (isBefore(entry, zone, previous, previousZone)) backward.push({ entry, span, previous, previousSpan: previousSpan! });
    previous = entry;
    previousSpan = span;
    previousZone = zone;
  });
  return { backward, timed, first };
}

export const outOfOrder: Rule = {
  id: 'out-of-order',
  description: 'A timeline entry is earlier than the entry before it.',
  defaultSeverity: 'warning',
  tags: ['timeline', 'time'],
  check({ model }, report) {
    const { backward, timed, first } = backwardSteps(model.timeline);
    let sort: Fix | null | undefined;
    // A status page lists updates newest first: say so once, not once per entry.
    if (timed >= 3 && backward.length === timed - 1 && first) {
      const at = first.entry.time!.start + first.span.start;
      report({
        start: at,
        end: at + formatTime(first.entry).length,
        message: 'List the timeline oldest first: it runs newest first (the quick fix reverses it).',
        data: { reversed: true },
        fix: sortTimelineFix(model) ?? undefined,
      });
      return;
    }
    for (const { entry, span, previous, previousSpan } of backward) {
      const at = entry.time!.start + span.start;
      const previousLine = previous.line + previousSpan.firstLine;
      report({
        start: at,
        end: at + formatTime(entry).length,
        message: `Put the timeline in chronological order: ${formatTime(entry)} comes after ${formatTime(previous)} (line ${previousLine + 1}).`,
        data: { previousLine: previousLine + 1 },
        fix: (sort ??= sortTimelineFix(model)) ?? undefined,
      });
    }
  },
};
