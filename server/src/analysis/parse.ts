/**
 * Text -> syntax tree + per-line block facts.
 *
 * remark-parse (CommonMark) is the authority on block structure: headings (ATX
 * and setext), code, HTML, lists and paragraphs. What CommonMark does not know
 * (front matter, tables, Word bullets, bold labels, plain-line titles) is read
 * line by line later, by the tolerant layer in `outline.ts`.
 */
import { positionsWhereSteps, type Carried, type Carry, type Positions } from './incremental/carry';
import type { FactKey } from './incremental/keys';
import { defineLazy } from './incremental/lazy';
import { finish } from './incremental/steps';
import { LineIndex, type TextSource } from './text';
import { chunkStartsSteps, chunkStartsUntil } from './parse/chunking';
import { Chunk, ChunkCache, ChunkList, ChunkSpan, DocumentLines } from './parse/chunks';
import { classifyChunk } from './parse/classify';
import { FRONT_MATTER_LINES, findFrontMatterEnd, readFrontMatter } from './parse/frontMatter';

export type LineKind = 'blank' | 'paragraph' | 'heading' | 'setextUnderline' | 'code' | 'html' | 'thematicBreak' | 'frontMatter';

export interface LineInfo {
  kind: LineKind;
  /** Heading depth (1-6) on a heading line, 0 elsewhere. */
  headingDepth: number;
  /** True on the first line of a Markdown list item. */
  listItemStart: boolean;
  /** How many list items contain this line. */
  listDepth: number;
  /** True on the first line of a paragraph. */
  paragraphStart: boolean;
}

export interface FrontMatterField {
  key: string;
  value: string;
  line: number;
  /** Offset of the value in the document. */
  valueStart: number;
}

export interface ParsedDocument {
  /** The text, read in slices: after an edit, only around the edit. */
  source: TextSource;
  /** The whole text as one string, made when first read (see `TextSource`). */
  text: string;
  index: LineIndex;
  /** Every line's facts, read through the chunk that holds it. */
  lines: DocumentLines;
  frontMatter: FrontMatterField[];
  /** The chunks the text was parsed in, in order; front matter is in none. */
  chunks: ChunkList;
  /** Facts about the chunk list, for the next version to carry (see carry.ts and `chunksWhere`). */
  carried: Carried;
  /** After an edit: which chunks it replaced, and the facts of the version before. Null after a cold parse. */
  carry: Carry | null;
}

/**
 * Where one edit changed a text: [from, previousTo) of the old text became [from, to) of the new.
 * Lets a re-parse skip comparing the two texts to find it.
 */
export interface TextChange {
  from: number;
  previousTo: number;
  to: number;
}

export function parseDocument(source: TextSource, cache: ChunkCache = new ChunkCache(), previous?: ParsedDocument, change?: TextChange): ParsedDocument {
  return finish(parseSteps(source, cache, previous, change));
}

export { finish };

/**
 * `parseDocument` in steps: a cold parse yields after each chunk it parsed, so that a caller with
 * other work (a server with other documents) can pause between them; an edit's re-parse is one
 * step. A caller that stops early (`return()`) leaves the cache as it was usable.
 */
export function* parseSteps(
  source: TextSource,
  cache: ChunkCache = new ChunkCache(),
  previous?: ParsedDocument,
  change?: TextChange,
): Generator<void, ParsedDocument> {
  if (previous) {
    const edited = reparse(previous, source, cache, change);
    if (edited) return edited;
  }
  cache.startOver();
  try {
    return yield* coldParse(source, cache);
  } finally {
    cache.settle();
  }
}

function* coldParse(source: TextSource, cache: ChunkCache): Generator<void, ParsedDocument> {
  const text = source.toString();
  const index = yield* LineIndex.ofSteps(text, cache.blockSize);
  const frontMatterEnd = findFrontMatterEnd(index);
  const frontMatter = frontMatterEnd > 0 ? readFrontMatter(index, frontMatterEnd) : [];
  const firstLine = frontMatterEnd > 0 ? frontMatterEnd + 1 : 0;
  const starts = firstLine < index.lineCount ? (yield* chunkStartsSteps(index, firstLine, () => -1)).starts : [];
  const chunks: ChunkSpan[] = [];
  // Chunks not in the cache are parsed in groups: remark has a fixed cost per call, which a
  // hundred small chunks would pay a hundred times. A group gives each chunk the lines its own
  // parse would (chunks are cut where CommonMark cannot join blocks); chunks holding a fence or
  // an HTML block, the two constructs that run across blank lines, are parsed alone to be sure.
  let group: Array<{ span: ChunkSpan; text: string; last: number }> = [];
  let groupSize = 0;
  const flush = (): void => {
    if (group.length === 0) return;
    if (group.length === 1) {
      group[0].span.chunk = cache.use(group[0].text);
    } else {
      const firstLine = group[0].span.firstLine;
      const lastLine = group[group.length - 1].last;
      const whole = chunkText(text, index, firstLine, lastLine);
      const groupIndex = LineIndex.of(whole);
      const groupLines = classifyChunk(whole, groupIndex);
      for (const member of group) {
        const offset = member.span.firstLine - firstLine;
        const chunk = new Chunk(member.text, groupLines.slice(offset, offset + member.last - member.span.firstLine + 1));
        cache.count(chunk);
        member.span.chunk = chunk;
      }
    }
    group = [];
    groupSize = 0;
  };
  for (let c = 0; c < starts.length; c++) {
    const first = starts[c];
    const last = c + 1 < starts.length ? starts[c + 1] - 1 : index.lineCount - 1;
    const textOfChunk = chunkText(text, index, first, last);
    const span = { chunk: null as unknown as Chunk, firstLine: first, start: index.start(first) };
    chunks.push(span);
    const cached = cache.find(textOfChunk);
    if (cached) {
      flush();
      cache.count(cached);
      span.chunk = cached;
    } else if (GROUP_APART_RE.test(textOfChunk)) {
      flush();
      span.chunk = cache.use(textOfChunk);
    } else {
      group.push({ span, text: textOfChunk, last });
      groupSize += textOfChunk.length;
      if (groupSize >= GROUP_SIZE) flush();
    }
    if (group.length === 0) yield;
  }
  flush();
  const list = ChunkList.of(chunks, cache.blockSize);
  return { source, text, index, lines: new DocumentLines(list, index.lineCount), frontMatter, chunks: list, carried: new Map(), carry: null };
}

/**
 * How much text one remark call reads when chunks are parsed in groups: a group is one step, and
 * a step should take a few milliseconds. Groups of 16 KB took 20 to 300 ms each on a 20 MB report;
 * groups of 2 KB take a few, and the whole parse took no longer (a 5 MB report: 2.8 s against 4.7 s).
 */
const GROUP_SIZE = 2 * 1024;
/** Fences and HTML blocks: their chunks are parsed alone. */
const GROUP_APART_RE = /(?:^|[\r\n])[ \t>]*(?:(?:[-*+]|\d{1,9}[.)])[ \t]+)*(?:`{3}|~{3}|<)/;

/**
 * The parse of `text` from the parse of an earlier version: chunks before the edit are kept,
 * chunks after it are kept and moved, and only the lines around the edit are chunked and parsed
 * again, until chunking meets a chunk start it had before. The result is the one a full parse
 * gives. Null when the edit may change front matter, which is read from the document's first lines.
 */
function reparse(previous: ParsedDocument, text: TextSource, cache: ChunkCache, change?: TextChange): ParsedDocument | null {
  const old = previous.source;
  const spans = previous.chunks;
  if (spans.length === 0) return null;
  const { from, previousTo, to } = change && fits(change, old, text) ? change : findChange(old.toString(), text.toString());
  const delta = to - previousTo;
  // Below the lines front matter is looked for in, an edit leaves it as it was.
  const mayHaveFrontMatter = /^\uFEFF?---/.test(old.slice(0, 4)) || /^\uFEFF?---/.test(text.slice(0, 4));
  if (mayHaveFrontMatter && previous.index.lineAt(from) <= FRONT_MATTER_LINES) return null;

  const index = LineIndex.afterEdit(previous.index, text, from, previousTo, to);
  // Chunking starts again at the chunk holding the line before the edit: an edit can add or
  // remove the blank line that ends it.
  const editLine = previous.index.lineAt(from);
  let first = spans.indexOfLine(Math.max(0, editLine - 1));
  if (first < 0) first = 0;
  const startLine = spans.firstLine(first);
  // Old chunks that start after the edit, found by where they now start.
  const stopAt = (line: number): number => {
    const oldStart = index.start(line) - delta;
    if (oldStart <= previousTo) return -1;
    const c = spans.indexOfStart(oldStart);
    return c > first ? c : -1;
  };
  const { starts, resumeAt } = chunkStartsUntil(index, startLine, stopAt);

  const lineDelta = index.lineCount - previous.index.lineCount;
  const lastNew = resumeAt >= 0 ? spans.firstLine(resumeAt) + lineDelta : index.lineCount;
  const added: ChunkSpan[] = [];
  for (let c = 0; c < starts.length; c++) {
    const firstLine = starts[c];
    const lastLine = (c + 1 < starts.length ? starts[c + 1] : lastNew) - 1;
    added.push({ chunk: cache.use(detached(chunkText(text, index, firstLine, lastLine))), firstLine, start: index.start(firstLine) });
  }
  const removedTo = resumeAt >= 0 ? resumeAt : spans.length;
  for (let c = first; c < removedTo; c++) cache.release(spans.chunk(c));
  const chunks = spans.spliced(first, removedTo, added, lineDelta, delta);
  const splice = { from: first, removed: removedTo - first, added: starts.length };
  const parsed: ParsedDocument = {
    source: text,
    text: '',
    index,
    lines: new DocumentLines(chunks, index.lineCount),
    frontMatter: previous.frontMatter,
    chunks,
    carried: new Map(),
    carry: { splice, previous: previous.carried },
  };
  defineLazy(parsed, 'text', () => text.toString());
  return parsed;
}

/**
 * The indices of the chunks for which `has` holds, in order. `has` must read nothing but the
 * chunk: after an edit it is asked only about the chunks the edit re-parsed (see carry.ts).
 */
export function chunksWhere(doc: ParsedDocument, key: FactKey, has: (chunk: Chunk) => boolean): Positions {
  return finish(chunksWhereSteps(doc, key, has));
}

/** `chunksWhere` in steps of a few chunks (see `positionsWhereSteps`). */
export function chunksWhereSteps(doc: ParsedDocument, key: FactKey, has: (chunk: Chunk) => boolean): Generator<void, Positions> {
  const { chunks } = doc;
  return positionsWhereSteps(doc.carried, doc.carry, key, '', chunks.length, (position) => has(chunks.chunk(position)));
}

/** Whether a change given by the caller can be the one between the two texts. */
function fits(change: TextChange, old: TextSource, text: TextSource): boolean {
  const { from, previousTo, to } = change;
  return from >= 0 && from <= previousTo && previousTo <= old.length && from <= to && to <= text.length && text.length - old.length === to - previousTo;
}

/** The change between two texts, from their common start and end. */
function findChange(old: string, text: string): TextChange {
  const shorter = Math.min(old.length, text.length);
  let from = 0;
  while (from < shorter && old.charCodeAt(from) === text.charCodeAt(from)) from++;
  let suffix = 0;
  while (suffix < shorter - from && old.charCodeAt(old.length - 1 - suffix) === text.charCodeAt(text.length - 1 - suffix)) suffix++;
  return { from, previousTo: old.length - suffix, to: text.length - suffix };
}

/**
 * A copy of a slice that does not keep the whole text alive. V8 makes a long slice a view into its
 * string: a chunk re-parsed after an edit would keep that version of the document (a megabyte)
 * in memory for as long as the chunk is cached, one version per keystroke, and the collector
 * would spend the keystrokes after on them.
 */
function detached(slice: string): string {
  return (' ' + slice).slice(1);
}

function chunkText(text: TextSource, index: LineIndex, firstLine: number, lastLine: number): string {
  const value = text.slice(index.start(firstLine), index.end(lastLine));
  // A BOM is not content; remark would drop it and shift every position by one.
  if (value.charCodeAt(0) !== 0xfeff) return value;
  // remark drops a BOM that starts its input. At the document's start that is right; anywhere
  // else a BOM is text, so the chunk's own parse must see a character, not nothing.
  return (firstLine === 0 ? ' ' : 'x') + value.slice(1);
}

export { Chunk, ChunkCache, ChunkList, DocumentLines, LineFacts, type ChunkSpan } from './parse/chunks';
export { linesParsedWhole, parseMarkdown, withoutPlainRuns } from './parse/classify';
