import { formatTime } from '../clock';
import { defineEntryQuery, entriesWhereSteps, hasEntryWhereSteps, isTimed, type EntryFacts } from '../query';
import type { Rule } from './rule';

const TWELVE_HOUR = defineEntryQuery({ name: 'mixed-clock:12h', matches: (entry) => isTwelveHour(entry) });
const AMBIGUOUS = defineEntryQuery({ name: 'mixed-clock:ambiguous', matches: (entry) => isAmbiguous(entry) });

export const mixedClock: Rule = {
  id: 'mixed-clock',
  description: 'The timeline mixes 12-hour and 24-hour times so that some times could be morning or evening.',
  defaultSeverity: 'warning',
  tags: ['timeline', 'time'],
  *check({ model }, report) {
    if (!(yield* hasEntryWhereSteps(model, TWELVE_HOUR, null))) return;
    for (const entry of yield* entriesWhereSteps(model, AMBIGUOUS, null)) {
      if (!isTimed(entry)) continue;
      report({
        start: entry.time.start,
        end: entry.time.start + formatTime(entry).length,
        message: `Add AM or PM to ${formatTime(entry)}: other entries use a 12-hour clock, so this time could be morning or evening.`,
        data: { evidence: 'twelve-hour-neighbours', written: formatTime(entry) },
      });
    }
  },
};

function isTwelveHour(entry: EntryFacts): boolean {
  return entry.time !== null && entry.time.minutes !== null && entry.time.clock === '12h';
}

/**
 * 00:xx and 13:00-23:59 can only be read one way; 01:00-12:59 without AM/PM cannot. Judged on the
 * hour as written: a "2:15" the timeline reads in the afternoon after a PM neighbour still wants its PM.
 */
function isAmbiguous(entry: EntryFacts): boolean {
  if (entry.time === null || entry.time.minutes === null || entry.time.clock !== '24h') return false;
  const hour = Number(/^\d{1,2}/.exec(entry.time.raw.trim())?.[0] ?? -1);
  return hour >= 1 && hour <= 12;
}
