import { daysBetween, formatMinutes } from '../time';
import type { TimelineEntry } from '../timeline';
import { windowMinutes } from '../window';
import { forEachEntryAt, formatTime, isTimed, piecesWhere, zoneOf, zoneSetting, zoneShift } from './clock';
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
    const outside = (entry: TimelineEntry): boolean => {
      if (!isTimed(entry)) return false;
      const minutes = entry.time!.minutes! + zoneShift(zoneOf(entry, timeline), zone?.zone ?? null, entry.date ?? start.date);
      if (entry.date && start.date) {
        const at = daysBetween(start.date, entry.date) * 1440 + minutes;
        return at < windowStart || at > windowEnd;
      }
      if (windowDays >= 1 && end.minutes >= start.minutes) return false; // A window of a day or more holds every undated clock time.
      if (windowDays >= 1) {
        const wrapped = ((minutes % 1440) + 1440) % 1440;
        return !(wrapped >= windowStart || wrapped <= end.minutes);
      }
      return minutes < windowStart || minutes > windowEnd;
    };
    // The timeline is read chunk by chunk, with chunk-relative offsets: see Timeline.pieces. What
    // `outside` reads besides the piece is the window and the zones.
    const setting = `${start.date}|${start.minutes}|${end.date}|${end.minutes}|${zoneSetting(zone?.zone)}|${zoneSetting(timeline.fallbackZone?.zone)}`;
    const pieces = piecesWhere(timeline, 'outside-window', setting, (piece) => piece.entries.some(outside));
    forEachEntryAt(timeline, pieces, (entry, span) => {
      if (!outside(entry)) return;
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
