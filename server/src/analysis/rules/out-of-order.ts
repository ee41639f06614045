import { crossesMidnight, daysBetween } from '../time';
import { formatTime, timedEntries, zoneShift } from './clock';
import { sortTimelineFix } from './fixes';
import type { Fix, Rule } from './rule';

export const outOfOrder: Rule = {
  id: 'out-of-order',
  description: 'A timeline entry is earlier than the entry before it.',
  defaultSeverity: 'warning',
  tags: ['timeline', 'time'],
  check({ model }, report) {
    const entries = timedEntries(model.timeline.entries);
    let sort: Fix | null | undefined;
    for (let i = 1; i < entries.length; i++) {
      const previous = entries[i - 1];
      const current = entries[i];
      const shift = zoneShift(current.zone, previous.zone, current.date ?? previous.date);
      const previousSeconds = previous.time!.minutes! * 60 + (previous.time!.seconds ?? 0);
      const currentSeconds = (current.time!.minutes! + shift) * 60 + (current.time!.seconds ?? 0);
      let delta: number;
      if (previous.date && current.date) {
        delta = daysBetween(previous.date, current.date) * 86_400 + currentSeconds - previousSeconds;
      } else {
        delta = currentSeconds - previousSeconds;
        if (delta < 0 && crossesMidnight(previous.time!.minutes!, current.time!.minutes! + shift)) continue;
      }
      if (delta >= 0) continue;
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
