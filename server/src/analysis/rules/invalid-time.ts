import { defineLineCheck, reportLineProblemsSteps, type TextBlock } from '../query';
import { insideCodeSpan } from '../text';
import { findTimes } from '../time';
import type { Problem, Rule } from './rule';

export const invalidTime: Rule = {
  id: 'invalid-time',
  description: 'A time that cannot exist as written ("17:59 PM", "00:30 AM", "25:10", "0710 AM").',
  defaultSeverity: 'error',
  tags: ['time', 'fixable'],
  *check({ model }, report) {
    yield* reportLineProblemsSteps(model, LINES, report);
  },
};

const LINES = defineLineCheck({ name: 'invalid-time', check: (block) => impossibleTimes(block) });

function impossibleTimes({ index, lines, text }: TextBlock): Problem[] {
  const problems: Problem[] = [];
  for (let line = 0; line < index.lineCount; line++) {
    const kind = lines[line].kind;
    if (kind !== 'paragraph' && kind !== 'heading') continue;
    const start = index.start(line);
    const end = index.end(line);
    for (const mention of findTimes(text, start, end)) {
      if (!mention.problem || insideCodeSpan(text, start, mention.start)) continue;
      const written = mention.raw.trim();
      const mentionEnd = mention.start + written.length;
      problems.push({
        start: mention.start,
        end: mentionEnd,
        message: mention.suggestion ? `${mention.problem}: write "${mention.suggestion}".` : `${mention.problem}: correct it.`,
        data: { evidence: 'impossible-time', time: written, problem: mention.problem },
        fix: mention.suggestion
          ? { title: `Write "${mention.suggestion}"`, edits: [{ start: mention.start, end: mentionEnd, newText: mention.suggestion }], fixAll: true }
          : undefined,
      });
    }
  }
  return problems;
}
