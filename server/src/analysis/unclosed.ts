/**
 * Fenced code and HTML blocks left open: CommonMark runs them to the end of the document, so
 * whatever a fix appends there is read as code or HTML, not as the report's text.
 */
import type { ParsedDocument } from './parse';

// An opening fence, and a closing one: the same character, at least as many, nothing after.
const FENCE_RE = /^ {0,3}(`{3,}|~{3,})/;
const CLOSING_FENCE_RE = /^ {0,3}(`{3,}|~{3,})[ \t]*$/;

// HTML blocks of CommonMark types 1 to 5, which run until an end marker, across blank lines
// (types 6 and 7 end at a blank line, which every inserted section starts with).
const HTML_BLOCKS: Array<{ start: RegExp; end: RegExp; closer: (start: RegExpExecArray) => string }> = [
  { start: /^ {0,3}<(script|pre|style|textarea)(?:\s|>|$)/i, end: /<\/(?:script|pre|style|textarea)>/i, closer: (start) => `</${start[1].toLowerCase()}>` },
  { start: /^ {0,3}<!--/, end: /-->/, closer: () => '-->' },
  { start: /^ {0,3}<\?/, end: /\?>/, closer: () => '?>' },
  { start: /^ {0,3}<![A-Za-z]/, end: />/, closer: () => '>' },
  { start: /^ {0,3}<!\[CDATA\[/, end: /\]\]>/, closer: () => ']]>' },
];

/**
 * The line that closes the fenced code block or HTML block still open at the end of `line`
 * (the same fence characters, as many; or the HTML block's end marker), or null when none is.
 * Only blocks outside lists and block quotes count: a heading after a blank line ends those.
 * Reads back over the code or HTML lines before `line`: ask it where text is to be appended.
 */
export function openBlockCloser(doc: ParsedDocument, line: number): string | null {
  const { lines, index } = doc;
  const info = lines.at(line);
  if ((info.kind !== 'code' && info.kind !== 'html') || info.listDepth > 0) return null;
  let first = line;
  while (first > 0 && lines.at(first - 1).kind === info.kind && lines.at(first - 1).listDepth === 0) first--;
  let closer: string | null = null;
  let end: RegExp | null = null;
  for (let at = first; at <= line; at++) {
    const text = index.lineText(at);
    if (info.kind === 'code') {
      const fence: RegExpExecArray | null = (closer === null ? FENCE_RE : CLOSING_FENCE_RE).exec(text);
      if (closer === null) closer = fence ? fence[1] : null;
      else if (fence && fence[1][0] === closer[0] && fence[1].length >= closer.length) closer = null;
    } else if (end !== null) {
      if (end.test(text)) closer = end = null;
    } else {
      // A block of another type runs to the blank line that ends the run: nothing to close.
      const block = HTML_BLOCKS.map((candidate) => ({ candidate, start: candidate.start.exec(text) })).find(({ start }) => start !== null);
      if (!block?.start) return null;
      if (!block.candidate.end.test(text)) {
        end = block.candidate.end;
        closer = block.candidate.closer(block.start);
      }
    }
  }
  return closer;
}
