import { describeMinutes, formatMinutes, type DurationMention } from '../time';
import { pointInstant, windowMinutes } from '../window';
import type { Rule } from './rule';

export const durationMismatch: Rule = {
  id: 'duration-mismatch',
  description: 'The stated duration disagrees with the stated start and end.',
  defaultSeverity: 'warning',
  tags: ['summary', 'time', 'fixable'],
  check({ model, text }, report) {
    const { start, end, duration } = model.window;
    const computed = windowMinutes(model.window);
    if (!start || !end || !duration || computed === null || computed <= 0 || Math.abs(computed - duration.minutes) <= tolerance(duration)) return;
    const written = text.slice(duration.start, duration.end);
    const corrected = describeMinutes(computed);
    report({
      start: duration.start,
      end: duration.end,
      message: `The stated duration (${written}) does not match ${formatMinutes(start.minutes)}\u2013${formatMinutes(end.minutes)} (${corrected}): write "${corrected}" or correct the times.`,
      // What the computed length rests on: the two instants (dates and zones known), or the clock.
      data: {
        statedMinutes: duration.minutes,
        computedMinutes: computed,
        evidence: pointInstant(start, model.window.zone) !== null ? 'instants' : 'clock',
        approximate: duration.approximate,
      },
      fix: { title: `Write "${corrected}"`, edits: [{ start: duration.start, end: duration.end, newText: corrected }] },
    });
  },
};

/**
 * How far the stated duration may be from the window and still agree: a minute for an exact one; for
 * one written as approximate ("about 55 minutes", "just over nine hours"), a tenth of it, at least
 * five minutes.
 */
function tolerance(duration: DurationMention): number {
  return duration.approximate ? Math.max(5, duration.minutes / 10) : 1;
}
