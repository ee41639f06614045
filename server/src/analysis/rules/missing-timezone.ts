import { findTimes, zoneAfter } from '../time';
import { timelineZoneFix } from '../edits';
import { defineBlockQuery, defineEntryQuery, hasBlockWhereSteps, hasEntryWhereSteps, timedEntryCountSteps, titleLine, type TextBlock } from '../query';
import type { Rule } from './rule';

const WRITTEN_ZONE = defineEntryQuery({ name: 'written-zone', matches: (entry) => entry.writtenZone !== null });
const ZONED_TIME = defineBlockQuery({ name: 'zoned-time', has: (block) => hasZonedTime(block) });

export const missingTimezone: Rule = {
  id: 'missing-timezone',
  description: 'No timezone is stated anywhere, so every time in the report is ambiguous.',
  defaultSeverity: 'warning',
  tags: ['time'],
  *check({ model, options }, report) {
    const { window, timeline, doc } = model;
    if (window.zone || timeline.zone || (yield* hasEntryWhereSteps(model, WRITTEN_ZONE, null))) return;
    if (doc.frontMatter.some((field) => /^date$/i.test(field.key) && /(?:Z|[+-]\d{2}:?\d{2})$/.test(field.value))) return;
    // A zone written with any time, anywhere, is enough for a reader to go on.
    if (yield* hasBlockWhereSteps(model, ZONED_TIME)) return;
    const { index } = doc;
    const section = timeline.section;
    let start: number;
    let end: number;
    if (section) {
      start = section.node.titleStart;
      end = section.node.titleEnd;
    } else if (window.start) {
      start = window.start.mention.start;
      end = window.start.mention.end;
    } else {
      const line = titleLine(model);
      start = index.start(line);
      end = index.end(line);
    }
    const timedEntries = yield* timedEntryCountSteps(model);
    report({
      start,
      end,
      fix: timelineZoneFix(model, options.defaultTimezone ?? 'UTC') ?? undefined,
      data: { evidence: 'no-zone-anywhere', timedEntries },
      message: 'State the timezone: write it after the times in the summary or in the Timeline heading, e.g. "Timeline (all times UTC)".',
    });
  },
};

function hasZonedTime({ index, lines, text }: TextBlock): boolean {
  for (let line = 0; line < index.lineCount; line++) {
    if (lines[line].kind !== 'paragraph' && lines[line].kind !== 'heading') continue;
    for (const time of findTimes(text, index.start(line), index.end(line))) if (zoneAfter(text, time.end)) return true;
  }
  return false;
}
