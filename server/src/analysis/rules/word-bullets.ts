import { defineLineCheck, reportLineProblemsSteps, type TextBlock } from '../query';
import type { Problem, Rule, TextEdit } from './rule';

// Bullets that Word leaves behind when a document is pasted as text, with the list level each means:
// "•" first level, "o" (with a tab) second, the Wingdings square third.
const WORD_BULLET_RE = /^([ \t]*)(?:(\u2022|\u00b7)|(o|\u25e6)(?=\t)|(\uf0a7|\uf0b7|\u25aa|\u25a0))[ \t]+/;

export const wordBullets: Rule = {
  id: 'word-bullets',
  description: 'Bullets pasted from Word (•, o, ) are not a Markdown list: the lines run together.',
  defaultSeverity: 'warning',
  tags: ['markdown', 'fixable'],
  *check({ model }, report) {
    yield* reportLineProblemsSteps(model, LINES, report);
  },
};

/** One problem per run of consecutive Word-bulleted lines (a run never crosses a chunk: blank lines end both). */
const LINES = defineLineCheck({ name: 'word-bullets', check: (block) => wordBulletRuns(block) });

function wordBulletRuns({ index, lines, text }: TextBlock): Problem[] {
  const problems: Problem[] = [];
  let line = 0;
  while (line < index.lineCount) {
    const first = line;
    const edits: TextEdit[] = [];
    while (line < index.lineCount && lines[line].kind === 'paragraph') {
      const start = index.start(line);
      const match = WORD_BULLET_RE.exec(text.slice(start, Math.min(index.end(line), start + 40)));
      if (!match) break;
      const level = match[2] ? 0 : match[3] ? 1 : 2;
      edits.push({ start, end: start + match[0].length, newText: `${'  '.repeat(level)}- ` });
      line++;
    }
    if (edits.length === 0) {
      line++;
      continue;
    }
    const bulletStart = index.start(first) + (WORD_BULLET_RE.exec(index.lineText(first))?.[1].length ?? 0);
    // The squiggle covers what the fix rewrites: from the first bullet to the last one's end.
    problems.push({
      start: bulletStart,
      end: edits[edits.length - 1].end,
      message: `Turn ${edits.length === 1 ? 'this Word bullet' : `these ${edits.length} Word bullets`} into a Markdown list ("- "), or the lines render as one paragraph.`,
      data: { evidence: 'word-bullet-glyphs', bullets: edits.length },
      fix: { title: 'Convert Word bullets to a Markdown list', edits, fixAll: true },
    });
  }
  return problems;
}
