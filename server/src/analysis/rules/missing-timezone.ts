import { findTimes, zoneAfter } from '../time';
import { piecesWhereSteps } from '../timeline';
import { timelineZoneFix } from './fixes';
import { titleLine } from './shared';
import { chunksWhereSteps, memoSlot, type Chunk } from '../parse';
import type { Rule } from './rule';

const ZONED_TIME_SLOT = memoSlot('rule:zoned-time');

export const missingTimezone: Rule = {
  id: 'missing-timezone',
  description: 'No timezone is stated anywhere, so every time in the report is ambiguous.',
  defaultSeverity: 'warning',
  tags: ['time'],
  *check({ model, options }, report) {
    const { window, timeline, doc } = model;
    if (window.zone || timeline.zone || (yield* piecesWhereSteps(timeline, 'written-zone', '', (piece) => piece.entries.some((entry) => entry.writtenZone))).length > 0) return;
    if (doc.frontMatter.some((field) => /^date$/i.test(field.key) && /(?:Z|[+-]\d{2}:?\d{2})$/.test(field.value))) return;
    // A zone written with any time, anywhere, is enough for a reader to go on.
    if ((yield* chunksWhereSteps(doc, 'rule:zoned-time', (chunk) => chunk.memoAt(ZONED_TIME_SLOT, hasZonedTime))).length > 0) return;
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
    report({
      start,
      end,
      fix: timelineZoneFix(model, options.defaultTimezone ?? 'UTC') ?? undefined,
      message: 'State the timezone: write it after the times in the summary or in the Timeline heading, e.g. "Timeline (all times UTC)".',
    });
  },
};

function hasZonedTime({ index, lines, text }: Chunk): boolean {
  for (let line = 0; line < index.lineCount; line++) {
    if (lines[line].kind !== 'paragraph' && lines[line].kind !== 'heading') continue;
    for (const time of findTimes(text, index.start(line), index.end(line))) if (zoneAfter(text, time.end)) return true;
  }
  return false;
}
