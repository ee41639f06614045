import { defineLineCheck, reportLineProblemsSteps, type TextBlock } from '../query';
import { insideCodeSpan } from '../text';
import type { Problem, Rule } from './rule';
import { isPromptLine } from '../text';

// Template text left in: "[TODO]", "TBD", "<describe the impact>", "HH:MM", "YYYY-MM-DD".
const PLACEHOLDER_RE =
  /\[(?:TODO|TBD|TBA|FIXME|XXX|insert[^\]\n]{0,40}|describe[^\]\n]{0,40}|add[^\]\n]{0,40}|fill[^\]\n]{0,40}|your[^\]\n]{0,40})\]|<(?:describe|insert|add|fill|enter|write|explain|your|owner|name|link|todo|tbd)\b[^<>\n]{0,60}>|(?<![\w-])(?:TODO|TBD|TBA|FIXME)(?![\w-])|(?<![\w:])(?:HH:MM(?::SS)?|YYYY-MM-DD)(?![\w])|\blorem ipsum\b/gi;
const LOWER_WORD_RE = /^(?:todo|tbd|tba|fixme)$/;
export const placeholder: Rule = {
  id: 'placeholder',
  description: 'Template placeholders ([TODO], TBD, <describe ...>) are still in the report.',
  defaultSeverity: 'warning',
  tags: ['content'],
  *check({ model }, report) {
    yield* reportLineProblemsSteps(model, LINES, report);
  },
};

const LINES = defineLineCheck({ name: 'placeholder', check: (block) => placeholders(block) });

function placeholders({ index, lines, text }: TextBlock): Problem[] {
  const problems: Problem[] = [];
  for (let line = 0; line < index.lineCount; line++) {
    const kind = lines[line].kind;
    const start = index.start(line);
    const lineText = text.slice(start, index.end(line));
    // "<describe the impact>" alone on a line is an HTML block to Markdown, but a prompt to a reader.
    if (kind === 'html' && isPromptLine(lineText)) {
      const at = lineText.indexOf('<');
      problems.push({
        start: start + at,
        end: start + lineText.trimEnd().length,
        message: `Replace the placeholder "${lineText.trim()}" with the real content.`,
        data: { evidence: 'prompt-line', written: lineText.trim() },
      });
      continue;
    }
    if (kind !== 'paragraph' && kind !== 'heading') continue;
    // "### TODO" is a heading for a to-do list, not a placeholder.
    if (kind === 'heading' && lineText.length < 40 && /^\s*#*\s*(?:TODO|To-?Do)(?: List)?\s*:?\s*#*\s*$/i.test(lineText)) continue;
    PLACEHOLDER_RE.lastIndex = 0;
    let match: RegExpExecArray | null;
    while ((match = PLACEHOLDER_RE.exec(lineText)) !== null) {
      // "todo" in lower case is an ordinary word; only the shouted marker is a placeholder.
      if (LOWER_WORD_RE.test(match[0]) && match[0] !== match[0].toUpperCase()) continue;
      if (insideCodeSpan(lineText, 0, match.index)) continue;
      if (isStatusValue(lineText, match.index, match.index + match[0].length)) continue;
      if (isNamedAsWord(lineText, match.index)) continue;
      problems.push({
        start: start + match.index,
        end: start + match.index + match[0].length,
        message: `Replace the placeholder "${match[0]}" with the real content.`,
        data: { evidence: 'placeholder-token', written: match[0] },
      });
    }
  }
  return problems;
}

// "like a TODO", "the TBD items", "a FIXME comment": the marker named as a thing, not left in as one.
const ARTICLE_BEFORE_RE = /\b(?:a|an|the|any|each|every|no|this|that|these|those|our|your)\s+$/i;

function isNamedAsWord(line: string, start: number): boolean {
  if (line[start] === '[' || line[start] === '<') return false;
  return ARTICLE_BEFORE_RE.test(line.slice(Math.max(0, start - 12), start));
}

/**
 * An action item's status, as the Google SRE book writes it: "**TODO**" in bold beside the item
 * ("| Add a load test | prevent | sam | BUG-12 **TODO** |", "- **TODO** Add a load test"), or a
 * table cell holding only "TODO" in a row that names the action. Alone on its line, bold or not,
 * "TODO" is still a placeholder.
 */
function isStatusValue(line: string, start: number, end: number): boolean {
  if (line.slice(start, end) !== 'TODO') return false;
  const bold = /(?:\*\*|__)$/.test(line.slice(Math.max(0, start - 2), start)) && /^(?:\*\*|__)/.test(line.slice(end, end + 2));
  const from = bold ? start - 2 : start;
  const to = bold ? end + 2 : end;
  const rest = line.slice(0, from) + line.slice(to);
  if (!/\p{L}{2,}/u.test(rest.replace(/\[[ xX]\]/g, ''))) return false;
  if (bold) return true;
  if (!line.trimStart().startsWith('|')) return false;
  const cellStart = line.lastIndexOf('|', start);
  const cellEnd = line.indexOf('|', end);
  return cellStart >= 0 && cellEnd >= 0 && /^[\s*_`]*$/.test(line.slice(cellStart + 1, start) + line.slice(end, cellEnd));
}
