import { formatTime, timedEntries } from './clock';
import type { Rule } from './rule';

export const mixedClock: Rule = {
  id: 'mixed-clock',
  description: 'The timeline mixes 12-hour and 24-hour times so that some times could be morning or evening.',
  defaultSeverity: 'warning',
  tags: ['timeline', 'time'],
  check({ model }, report) {
    const entries = timedEntries(model.timeline.entries);
    if (!entries.some((entry) => entry.time!.clock === '12h')) return;
    for (const entry of entries) {
      const time = entry.time!;
      // 00:xx and 13:00-23:59 can only be read one way; 01:00-12:59 without AM/PM cannot.
      if (time.clock !== '24h' || time.minutes! < 60 || time.minutes! >= 13 * 60) continue;
      report({
        start: time.start,
        end: time.start + formatTime(entry).length,
        message: `Add AM or PM to ${formatTime(entry)}: other entries use a 12-hour clock, so this time could be morning or evening.`,
      });
    }
  },
};
