/**
 * Line classification: each line's kind (paragraph, heading, code, HTML, list depth) as remark
 * parses the chunk, with runs of plain lines left out of the parse and containers masked.
 */
import type { Root, RootContent } from 'mdast';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { LineIndex, maskRange } from '../text';
import type { LineInfo } from '../parse';

export const processor = unified().use(remarkParse);

export function parseMarkdown(text: string): Root {
  return processor.parse(text) as Root;
}

export function classifyChunk(chunk: string, index: LineIndex): LineInfo[] {
  const kept = withoutPlainRuns(chunk, index);
  if (kept === null) return classifyParsed(chunk, index);
  const keptLines = classifyParsed(kept.text, LineIndex.of(kept.text));
  const lines: LineInfo[] = new Array(index.lineCount);
  let k = 0;
  for (let line = 0; line < index.lineCount; line++) {
    if (k < kept.lines.length && kept.lines[k] === line) {
      lines[line] = keptLines[k++];
    } else {
      // A plain line after a plain line continues what that one is in (see `withoutPlainRuns`).
      const before = lines[line - 1];
      lines[line] = sharedLine({
        kind: before.kind,
        headingDepth: before.headingDepth,
        listItemStart: false,
        listDepth: before.listDepth,
        paragraphStart: false,
      });
    }
  }
  return lines;
}

/**
 * The lines of a whole text parsed in one piece, with no run of plain lines left out: what
 * `classifyChunk` must agree with (for tests).
 */
export function linesParsedWhole(text: string): LineInfo[] {
  return classifyParsed(text, LineIndex.of(text));
}

/**
 * A plain line: unindented, opening no block and no container (it starts with none of their
 * characters, nor with an ordered item's number), and with no ">" (which can end an HTML block).
 * Whatever a plain line is in (a paragraph, lazily inside list items and block quotes; fenced
 * code; an HTML block), the plain line after it continues the same block, in the same
 * containers.
 */
export const PLAIN_LINE_RE = /^(?![ \t\uFEFF#>*+\-=_|~`<[!]|\d+[.)])[^>]+$/;

/**
 * The chunk without the second and later lines of each run of plain lines, and the chunk line of
 * each line kept; null when no line is left out. A run of lines in a list item or block quote
 * with no blank line (Word bullets pasted under an action item) is a run of lazy continuation
 * lines, and micromark scans back over the whole paragraph at every lazy line: quadratic in the
 * run. The lines left out are read as the line before them; the parse of the rest is the same,
 * as the block the run is in is the same after its first line as after its last. A link
 * reference definition (a label ending "]:") can run over plain lines and depends on their text
 * (its title, its label's length): a chunk that may hold one is parsed whole.
 */
export function withoutPlainRuns(chunk: string, index: LineIndex): { text: string; lines: number[] } | null {
  if (index.lineCount < 3 || chunk.includes(']:')) return null;
  const lines: number[] = [];
  let previousPlain = false;
  for (let line = 0; line < index.lineCount; line++) {
    const plain = PLAIN_LINE_RE.test(index.lineText(line));
    if (!(plain && previousPlain)) lines.push(line);
    previousPlain = plain;
  }
  if (lines.length === index.lineCount) return null;
  // Joined with "\n": a line ending in a lone "\r" before a left-out line must not meet the "\n" after it.
  return { text: lines.map((line) => index.lineText(line)).join('\n'), lines };
}

export function classifyParsed(chunk: string, index: LineIndex): LineInfo[] {
  let tree = parseMarkdown(blocksOnly(chunk, index));
  // People paste whole reports inside a ```markdown fence and forget to close it;
  // a CommonMark parser then sees one code block. Read the fenced text as the document.
  const fence = findUnclosedMarkdownFence(tree, index);
  if (fence >= 0) {
    const masked = maskRange(chunk, index.start(fence), index.end(fence));
    tree = parseMarkdown(blocksOnly(masked, index));
    return classifyLines(masked, LineIndex.of(masked), tree);
  }
  return classifyLines(chunk, index, tree);
}

// The container markers that open a line (indentation, block quotes, list markers), and what may
// follow them to start a block: a run of #, `, ~ or <, or a line of only - * _ = and spaces.
export const CONTAINER_RE = /^[ \t]*(?:>[ \t]?|(?:[*+-]|\d{1,9}[.)])(?=[ \t]|$)[ \t]*)*/;
export const BLOCK_START_RE = /^(?:#+|`+|~+|<)/;
export const ONLY_BREAK_CHARS_RE = /^[-*_= \t]*$/;
export const INLINE_MARKUP_RE = /[*_[\]<`]/g;
export const INLINE_MARKUP_TEST_RE = /[*_[\]<`]/;
// Deeper nesting than this says nothing more about a postmortem, and costs the parser dearly.
export const MAX_CONTAINER = 96;

/**
 * The chunk as remark needs it to find blocks: characters that only matter inside a line
 * (emphasis, links, code spans, inline HTML) are replaced by "x", same length. Block structure
 * is decided by how lines start, so it is unchanged, and pathological inline runs ("*a" ten
 * thousand times) no longer cost the parser quadratic time.
 */
export function blocksOnly(chunk: string, index: LineIndex): string {
  const parts: string[] = [];
  let copied = 0;
  for (let line = 0; line < index.lineCount; line++) {
    const start = index.start(line);
    const end = index.end(line);
    const text = chunk.slice(start, end);
    if (text.length <= MAX_CONTAINER && !INLINE_MARKUP_TEST_RE.test(text)) continue;
    const keep = CONTAINER_RE.exec(text)?.[0].length ?? 0;
    let prefix = text.slice(0, keep);
    if (keep > MAX_CONTAINER) {
      prefix = text.slice(0, MAX_CONTAINER) + text.slice(MAX_CONTAINER, keep).replace(/[^ \t]/g, 'x');
    }
    const rest = text.slice(keep);
    let masked: string;
    if (ONLY_BREAK_CHARS_RE.test(rest)) {
      masked = rest;
    } else {
      const head = BLOCK_START_RE.exec(rest)?.[0].length ?? 0;
      masked = rest.slice(0, head) + rest.slice(head).replace(INLINE_MARKUP_RE, 'x');
    }
    const replaced = prefix + masked;
    if (replaced !== text) {
      parts.push(chunk.slice(copied, start), replaced);
      copied = end;
    }
  }
  parts.push(chunk.slice(copied));
  return parts.join('');
}

export function findUnclosedMarkdownFence(tree: Root, index: LineIndex): number {
  for (const node of tree.children) {
    if (node.type !== 'code' || !node.position) continue;
    if (!/^(?:markdown|md)$/i.test(node.lang ?? '')) continue;
    const lastLine = node.position.end.line - 1;
    const closing = index.lineText(lastLine);
    const closed = lastLine > node.position.start.line - 1 && /^\s{0,3}(`{3,}|~{3,})\s*$/.test(closing);
    if (!closed) return node.position.start.line - 1;
  }
  return -1;
}

export function classifyLines(text: string, index: LineIndex, tree: Root): LineInfo[] {
  const lines: LineInfo[] = new Array(index.lineCount);
  for (let line = 0; line < index.lineCount; line++) {
    let blank = true;
    for (let i = index.start(line), end = index.end(line); i < end; i++) {
      const code = text.charCodeAt(i);
      if (code !== 32 && code !== 9) {
        blank = false;
        break;
      }
    }
    lines[line] = { kind: blank ? 'blank' : 'paragraph', headingDepth: 0, listItemStart: false, listDepth: 0, paragraphStart: false };
  }
  // An explicit stack, not recursion: a line of 3,000 nested "- " must not overflow the call stack.
  const stack: Array<{ node: RootContent; listDepth: number }> = [];
  for (let i = tree.children.length - 1; i >= 0; i--) stack.push({ node: tree.children[i], listDepth: 0 });
  for (let top = stack.pop(); top; top = stack.pop()) {
    const { node, listDepth } = top;
    if (!node.position) continue;
    const first = node.position.start.line - 1;
    // A block that a lazy line closed (an HTML comment in a block quote, then "- 1") can end at
    // the start of the next line: it holds nothing of that line.
    const { end } = node.position;
    const last = end.column === 1 && end.line - 1 > first ? end.line - 2 : end.line - 1;
    let children: RootContent[] | null = null;
    let childDepth = listDepth;
    switch (node.type) {
      case 'heading': {
        const setext = last > first && /^\s{0,3}(?:=+|-+)\s*$/.test(index.lineText(last));
        for (let line = first; line <= last; line++) {
          lines[line].kind = 'heading';
          lines[line].headingDepth = node.depth;
        }
        if (setext) {
          lines[last].kind = 'setextUnderline';
          lines[last].headingDepth = 0;
        }
        break;
      }
      case 'code':
        for (let line = first; line <= last; line++) lines[line].kind = 'code';
        break;
      case 'html':
        for (let line = first; line <= last; line++) lines[line].kind = 'html';
        break;
      case 'thematicBreak':
        lines[first].kind = 'thematicBreak';
        break;
      case 'paragraph':
        lines[first].paragraphStart = true;
        break;
      case 'listItem':
        lines[first].listItemStart = true;
        for (let line = first; line <= last; line++) lines[line].listDepth = listDepth + 1;
        children = node.children;
        childDepth = listDepth + 1;
        break;
      case 'list':
      case 'blockquote':
        children = node.children;
        break;
      default:
        break;
    }
    if (children) for (let i = children.length - 1; i >= 0; i--) stack.push({ node: children[i], listDepth: childDepth });
  }
  for (let line = 0; line < lines.length; line++) lines[line] = sharedLine(lines[line]);
  return lines;
}

/**
 * The shared, frozen LineInfo equal to `info`. A report's lines take a handful of distinct values,
 * and a chunk's lines are kept as long as the chunk: one object per line was a tenth of the objects
 * a large report keeps, each copied by the young generation's collector before it is promoted.
 */
function sharedLine(info: LineInfo): LineInfo {
  const key = `${info.kind}|${info.headingDepth}|${info.listDepth}|${info.listItemStart ? 1 : 0}${info.paragraphStart ? 1 : 0}`;
  let shared = SHARED_LINES.get(key);
  if (!shared) {
    shared = Object.freeze({ ...info });
    // Nesting is bounded by the text, not by us: past a few thousand, stop remembering.
    if (SHARED_LINES.size < 4096) SHARED_LINES.set(key, shared);
  }
  return shared;
}

const SHARED_LINES = new Map<string, LineInfo>();
