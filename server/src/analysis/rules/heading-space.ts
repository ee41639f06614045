import { defineLineCheck, reportLineProblemsSteps, type TextBlock } from '../query';
import type { Problem, Rule } from './rule';

// "###Duration:" reads as a heading to its writer but as plain text to Markdown.
const NO_SPACE_RE = /^(\s{0,3})(#{1,6})(?=[A-Z0-9*_]|#*[a-z])(?=[^#\s])/;

export const headingSpace: Rule = {
  id: 'heading-space',
  description: 'A heading marker with no space after it ("###Duration:") is not a heading.',
  defaultSeverity: 'warning',
  tags: ['markdown', 'fixable'],
  *check({ model }, report) {
    yield* reportLineProblemsSteps(model, LINES, report);
  },
};

const LINES = defineLineCheck({ name: 'heading-space', check: (block) => missingSpaces(block) });

function missingSpaces({ index, lines, text }: TextBlock): Problem[] {
  const problems: Problem[] = [];
  for (let line = 0; line < index.lineCount; line++) {
    if (lines[line].kind !== 'paragraph') continue;
    const start = index.start(line);
    const match = NO_SPACE_RE.exec(text.slice(start, Math.min(index.end(line), start + 16)));
    if (!match) continue;
    // A lone "#" before a lower-case word is a hashtag or an issue number, not a heading.
    if (match[2].length === 1 && !/[A-Z]/.test(text[start + match[0].length])) continue;
    const markerStart = start + match[1].length;
    const markerEnd = markerStart + match[2].length;
    problems.push({
      start: markerStart,
      end: markerEnd,
      message: `Put a space after "${match[2]}" so Markdown reads this line as a heading.`,
      data: { evidence: 'marker-without-space', marker: match[2] },
      fix: { title: 'Insert a space after the heading marker', edits: [{ start: markerEnd, end: markerEnd, newText: ' ' }], fixAll: true },
    });
  }
  return problems;
}
