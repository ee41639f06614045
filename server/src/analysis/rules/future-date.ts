import type { TimelineEntry } from '../timeline';
import { forEachEntryAtSteps, piecesWhereSteps } from './clock';
import type { Rule } from './rule';

export const futureDate: Rule = {
  id: 'future-date',
  description: 'The incident or a timeline entry is dated after today.',
  defaultSeverity: 'warning',
  tags: ['time'],
  *check({ model, options }, report) {
    if (!options.now) return;
    const today = options.now.toISOString().slice(0, 10);
    const { start } = model.window;
    if (start?.date && start.date > today) {
      report({
        start: start.mention.start,
        end: start.mention.start + start.mention.raw.trim().length,
        message: `The incident start (${start.date}) is after today (${today}): check the date's year.`,
        data: { date: start.date },
      });
    }
    const { timeline } = model;
    const afterToday = (entry: TimelineEntry): boolean => entry.time !== null && entry.dateOnEntry && entry.date !== null && entry.date > today;
    // The timeline is read chunk by chunk, with chunk-relative offsets: see Timeline.pieces.
    const dated = yield* piecesWhereSteps(timeline, 'future-date', today, (piece) => piece.entries.some(afterToday));
    yield* forEachEntryAtSteps(timeline, dated, (entry, span) => {
      if (!afterToday(entry)) return;
      const at = entry.time!.start + span.start;
      report({
        start: at,
        end: at + entry.time!.raw.trim().length,
        message: `This entry is dated ${entry.date}, after today (${today}): check the date's year.`,
        data: { date: entry.date },
      });
    });
  },
};
