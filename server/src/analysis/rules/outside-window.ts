import { daysBetween, formatMinutes } from '../time';
import { windowMinutes } from '../window';
import { forEachEntry, formatTime, isTimed, zoneOf, zoneShift } from './clock';
import type { Rule } from './rule';

export const outsideWindow: Rule = {
  id: 'outside-window',
  description: 'A timeline entry falls outside the incident start and end stated in the summary.',
  defaultSeverity: 'warning',
  tags: ['timeline', 'time'],
  check({ model }, report) {
    const { start, end, zone } = model.window;
    if (!start || !end) return;
    const { timeline } = model;
    const windowStart = start.minutes;
    const windowEnd = start.minutes + windowMinutes(model.window)!;
    const windowDays = Math.floor(windowEnd / 1440);
    const windowText = `${formatMinutes(start.minutes)}\u2013${formatMinutes(end.minutes)}${zone ? ` ${zone.text}` : ''}`;
    // Entries are walked chunk by chunk, with chunk-relative offsets: see Timeline.pieces.
    forEachEntry(timeline, (entry, span) => {
      if (!isTimed(entry)) return;
      const minutes = entry.time!.minutes! + zoneShift(zoneOf(entry, timeline), zone?.zone ?? null, entry.date ?? start.date);
      let inside: boolean;
      if (entry.date && start.date) {
        const at = daysBetween(start.date, entry.date) * 1440 + minutes;
        inside = at >= windowStart && at <= windowEnd;
      } else if (windowDays >= 1 && end.minutes >= start.minutes) {
        inside = true; // A window of a day or more holds every undated clock time.
      } else if (windowDays >= 1) {
        const wrapped = ((minutes % 1440) + 1440) % 1440;
        inside = wrapped >= windowStart || wrapped <= end.minutes;
      } else {
        inside = minutes >= windowStart && minutes <= windowEnd;
      }
      if (inside) return;
      const at = entry.time!.start + span.start;
      report({
        start: at,
        end: at + formatTime(entry).length,
        message: `${formatTime(entry)} is outside the stated incident window (${windowText}): correct the time or the window.`,
        data: { windowStart: formatMinutes(start.minutes), windowEnd: formatMinutes(end.minutes) },
      });
    });
  },
};
