import { defineEntryQuery, entriesWhereSteps, type EntryFacts } from '../query';
import type { Rule } from './rule';

/** Entries dated on themselves after today (YYYY-MM-DD). */
const AFTER_TODAY = defineEntryQuery({
  name: 'future-date',
  matches: (entry: EntryFacts, today: string) => entry.time !== null && entry.dateOnEntry && entry.date !== null && entry.date > today,
});

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
        data: { evidence: 'window-start-after-today', date: start.date, today },
      });
    }
    for (const entry of yield* entriesWhereSteps(model, AFTER_TODAY, today)) {
      if (!entry.time) continue;
      report({
        start: entry.time.start,
        end: entry.time.start + entry.time.raw.trim().length,
        message: `This entry is dated ${entry.date}, after today (${today}): check the date's year.`,
        data: { evidence: 'entry-date-after-today', date: entry.date, today },
      });
    }
  },
};
