/**
 * Where chunks start. The document is parsed in chunks that CommonMark cannot join: a chunk starts at an unindented
 * line after a blank line, or at an unindented ATX heading or bullet item, outside fenced code
 * and multi-line HTML blocks. Every block ends at such a line, so parsing chunk by chunk gives
 * the lines the same kinds as parsing the whole, and an edit re-parses only what it touches.
 * One block reaches past a blank line to the next: indented code, which the next unindented line
 * interrupts; a line that starts a list item only when not interrupting (see `cannotInterrupt`)
 * does not start a chunk after it.
 */
import { finish } from '../incremental/steps';
import { LineIndex } from '../text';

export const FENCE_RE = /^ {0,3}(`{3,}|~{3,})/;
// HTML blocks of CommonMark types 1 to 5, which run until an end marker, across blank lines.
export const HTML_BLOCK_STARTS: Array<[RegExp, RegExp]> = [
  [/^ {0,3}<(?:script|pre|style|textarea)(?:\s|>|$)/i, /<\/(?:script|pre|style|textarea)>/i],
  [/^ {0,3}<!--/, /-->/],
  [/^ {0,3}<\?/, /\?>/],
  [/^ {0,3}<![A-Za-z]/, />/],
  [/^ {0,3}<!\[CDATA\[/, /\]\]>/],
];

/**
 * Chunk starts from `firstLine` on. `resume(line)` is asked at each new chunk start; when it names
 * an earlier chunk that starts there, chunking stops: from a chunk start on, the same text is
 * chunked the same way.
 */
export function chunkStartsUntil(index: LineIndex, firstLine: number, resume: (line: number) => number): { starts: number[]; resumeAt: number } {
  return finish(chunkStartsSteps(index, firstLine, resume));
}

/** How many lines `chunkStartsSteps` reads between two steps. */
export const LINES_PER_STEP = 4096;

/** `chunkStartsUntil` in steps of a few thousand lines: a cold parse chunks the whole report. */
export function* chunkStartsSteps(
  index: LineIndex,
  firstLine: number,
  resume: (line: number) => number,
): Generator<void, { starts: number[]; resumeAt: number }> {
  const chunks = [firstLine];
  let fence: string | null = null;
  let htmlEnd: RegExp | null = null;
  let previousBlank = false;
  // Whether the last line that was not blank may be indented code, which stays open across blank lines.
  let codeBefore = false;
  // Line by line, each read as a slice: after an edit, the text is read only where it is chunked again.
  for (let line = firstLine; line < index.lineCount; line++) {
    if ((line - firstLine) % LINES_PER_STEP === LINES_PER_STEP - 1) yield;
    const text = index.lineText(line);
    const end = text.length;
    const first = text.charCodeAt(0);
    const blank = isBlank(text, 0, end, index.start(line) === 0);
    if (fence !== null) {
      const closing = FENCE_RE.exec(text.slice(0, 64));
      if (closing && closing[1][0] === fence[0] && closing[1].length >= fence.length && isBlank(text, closing[0].length, end, false)) fence = null;
      previousBlank = blank;
      codeBefore = false;
      continue;
    }
    if (htmlEnd !== null) {
      if (htmlEnd.test(text)) htmlEnd = null;
      previousBlank = blank;
      codeBefore = false;
      continue;
    }
    if (line > firstLine && !blank && first !== 32 && first !== 9 && ((previousBlank && !(codeBefore && cannotInterrupt(text))) || startsBlock(text))) {
      const resumeAt = resume(line);
      if (resumeAt >= 0) return { starts: chunks, resumeAt };
      chunks.push(line);
    }
    previousBlank = blank;
    if (!blank) codeBefore = indentColumns(text, index.start(line) === 0) >= 4;
    if (blank || (first !== 32 && first !== 96 && first !== 126 && first !== 60)) continue;
    const head = text.slice(0, 64);
    const opening = FENCE_RE.exec(head);
    if (opening) {
      // An info string with a backtick cannot open a backtick fence.
      if (!(opening[1][0] === '`' && text.slice(opening[0].length).includes('`'))) fence = opening[1];
      continue;
    }
    for (const [startRe, endRe] of HTML_BLOCK_STARTS) {
      if (startRe.test(head)) {
        if (!endRe.test(text)) htmlEnd = endRe;
        break;
      }
    }
  }
  return { starts: chunks, resumeAt: -1 };
}

/**
 * An unindented line that starts a block whatever comes before it: an ATX heading, or a bullet
 * list item with content (which interrupts a paragraph; "- " alone could be a setext underline).
 */
export function startsBlock(line: string): boolean {
  const end = line.length;
  const first = line.charCodeAt(0);
  if (first === 35 /* # */) {
    let i = 0;
    while (i < end && i < 7 && line.charCodeAt(i) === 35) i++;
    return i <= 6 && (i === end || line.charCodeAt(i) === 32 || line.charCodeAt(i) === 9);
  }
  if (first === 45 || first === 42 || first === 43 /* - * + */) {
    const second = line.charCodeAt(1);
    if (!(second === 32 || second === 9) || isBlank(line, 2, end, false) || THEMATIC_BREAK_RE.test(line)) return false;
    // "- -", "- 2. x": whether such an item interrupts a paragraph depends on what came before
    // (an empty or non-1 inner list cannot), so it does not start a chunk.
    // So does "- > 2) x": a block quote does not end the interruption.
    return !/^[ \t]*(?:[-*+>]|\d{1,9}[.)](?:[ \t]|$))/.test(line.slice(2, 16));
  }
  return false;
}

export const THEMATIC_BREAK_RE = /^([-*_])(?:[ \t]*\1){2,}[ \t]*$/;

/**
 * A line whose containers open differently where they interrupt a block: an ordered item not
 * numbered 1, or an item with nothing after its marker, at any depth of the markers that open
 * the line (`> 2) x`, `- > -`). Indented code stays open across blank lines, and micromark reads
 * the unindented line after it as interrupting the code: there such a marker is text, while
 * parsed at the start of a chunk it opens a list item.
 */
export function cannotInterrupt(line: string): boolean {
  const marker = /[ \t]*(?:>[ \t]?|(?:[*+-]|(\d{1,9})[.)])(?=[ \t]|$))/y;
  let at = 0;
  for (;;) {
    marker.lastIndex = at;
    const match = marker.exec(line);
    if (!match) return false;
    at = marker.lastIndex;
    const ordered = match[1];
    const item = !match[0].trimEnd().endsWith('>');
    if (ordered !== undefined && ordered !== '1') return true;
    if (item && isBlank(line, at, line.length, false)) return true;
  }
}

/**
 * How many columns the spaces and tabs opening `line` fill (a tab goes to the next multiple of 4).
 * A BOM opening the document is no part of it (remark drops it there).
 */
export function indentColumns(line: string, documentStart = false): number {
  let columns = 0;
  for (let i = documentStart && line.charCodeAt(0) === 0xfeff ? 1 : 0; i < line.length; i++) {
    const code = line.charCodeAt(i);
    if (code === 32) columns++;
    else if (code === 9) columns += 4 - (columns % 4);
    else break;
  }
  return columns;
}

/** Whether `text[start, end)` is spaces and tabs. A BOM counts as blank only where it opens the document (remark drops it there). */
export function isBlank(text: string, start: number, end: number, documentStart: boolean): boolean {
  for (let i = start; i < end; i++) {
    const code = text.charCodeAt(i);
    if (code !== 32 && code !== 9 && !(code === 0xfeff && i === 0 && documentStart)) return false;
  }
  return true;
}
