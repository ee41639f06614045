import type { TimelineEntry } from '../timeline';
import { forEachEntryAtSteps, formatTime, isTimed, piecesWhereSteps } from './clock';
import type { Rule } from './rule';

export const mixedClock: Rule = {
  id: 'mixed-clock',
  description: 'The timeline mixes 12-hour and 24-hour times so that some times could be morning or evening.',
  defaultSeverity: 'warning',
  tags: ['timeline', 'time'],
  *check({ model }, report) {
    const { timeline } = model;
    // The timeline is read chunk by chunk, with chunk-relative offsets: see Timeline.pieces.
    if ((yield* piecesWhereSteps(timeline, 'mixed-clock:12h', '', (piece) => piece.entries.some(isTwelveHour))).length === 0) return;
    const ambiguous = yield* piecesWhereSteps(timeline, 'mixed-clock:ambiguous', '', (piece) => piece.entries.some(isAmbiguous));
    yield* forEachEntryAtSteps(timeline, ambiguous, (entry, span) => {
      if (!isAmbiguous(entry)) return;
      const start = entry.time!.start + span.start;
      report({
        start,
        end: start + formatTime(entry).length,
        message: `Add AM or PM to ${formatTime(entry)}: other entries use a 12-hour clock, so this time could be morning or evening.`,
      });
    });
  },
};

function isTwelveHour(entry: TimelineEntry): boolean {
  return isTimed(entry) && entry.time!.clock === '12h';
}

/**
 * 00:xx and 13:00-23:59 can only be read one way; 01:00-12:59 without AM/PM cannot. Judged on the
 * hour as written: a "2:15" the timeline reads in the afternoon after a PM neighbour still wants its PM.
 */
function isAmbiguous(entry: TimelineEntry): boolean {
  if (!isTimed(entry) || entry.time!.clock !== '24h') return false;
  const hour = Number(/^\d{1,2}/.exec(entry.time!.raw.trim())?.[0] ?? -1);
  return hour >= 1 && hour <= 12;
}
