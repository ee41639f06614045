import { crossesMidnight, daysBetween } from '../time';
import type { TimelineEntry } from '../timeline';
import { formatTime, timedEntries, zoneShift } from './clock';
import { sortTimelineFix } from './fixes';
import type { Fix, Rule } from './rule';

/** Whether `current` is earlier than `previous`, the entry before it. */
function isBefore(current: TimelineEntry, previous: TimelineEntry): boolean {
  const shift = zoneShift(current.zone, previous.zone, current.date ?? previous.date);
  const previousSeconds = previous.time!.minutes! * 60 + (previous.time!.seconds ?? 0);
  const currentSeconds = (current.time!.minutes! + shift) * 60 + (current.time!.seconds ?? 0);
  if (previous.date && current.date) return daysBetween(previous.date, current.date) * 86_400 + currentSeconds - previousSeconds < 0;
  return currentSeconds < previousSeconds && !crossesMidnight(previous.time!.minutes!, current.time!.minutes! + shift);
}

export const outOfOrder: Rule = {
  id: 'out-of-order',
  description: 'A timeline entry is earlier than the entry before it.',
  defaultSeverity: 'warning',
  tags: ['timeline', 'time'],
  check({ model }, report) {
    const entries = timedEntries(model.timeline.entries);
    let sort: Fix | null | undefined;
    const backwards: number[] = [];
    for (let i = 1; i < entries.length; i++) if (isBefore(entries[i], entries[i - 1])) backwards.push(i);
    // A status page lists updates newest first: say so once, not once per entry.
    if (entries.length >= 3 && backwards.length === entries.length - 1) {
      const first = entries[0];
      report({
        start: first.time!.start,
        end: first.time!.start + formatTime(first).length,
        message: 'List the timeline oldest first: it runs newest first (the quick fix reverses it).',
        data: { reversed: true },
        fix: sortTimelineFix(model) ?? undefined,
      });
      return;
    }
    for (const i of backwards) {
      const previous = entries[i - 1];
      const current = entries[i];
      report({
        start: current.time!.start,
        end: current.time!.start + formatTime(current).length,
        message: `Put the timeline in chronological order: ${formatTime(current)} comes after ${formatTime(previous)} (line ${previous.line + 1}).`,
        data: { previousLine: previous.line + 1 },
        fix: (sort ??= sortTimelineFix(model)) ?? undefined,
      });
    }
  },
};
