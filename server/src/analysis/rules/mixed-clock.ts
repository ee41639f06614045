import { forEachEntry, formatTime, isTimed } from './clock';
import type { Rule } from './rule';

export const mixedClock: Rule = {
  id: 'mixed-clock',
  description: 'The timeline mixes 12-hour and 24-hour times so that some times could be morning or evening.',
  defaultSeverity: 'warning',
  tags: ['timeline', 'time'],
  check({ model }, report) {
    const { timeline } = model;
    let twelveHour = false;
    forEachEntry(timeline, (entry) => {
      if (!twelveHour && isTimed(entry) && entry.time!.clock === '12h') twelveHour = true;
    });
    if (!twelveHour) return;
    // Entries are walked chunk by chunk, with chunk-relative offsets: see Timeline.pieces.
    forEachEntry(timeline, (entry, span) => {
      if (!isTimed(entry)) return;
      const time = entry.time!;
      // 00:xx and 13:00-23:59 can only be read one way; 01:00-12:59 without AM/PM cannot.
      if (time.clock !== '24h' || time.minutes! < 60 || time.minutes! >= 13 * 60) return;
      const start = time.start + span.start;
      report({
        start,
        end: start + formatTime(entry).length,
        message: `Add AM or PM to ${formatTime(entry)}: other entries use a 12-hour clock, so this time could be morning or evening.`,
      });
    });
  },
};
