/**
 * Text -> syntax tree + per-line block facts.
 *
 * remark-parse (CommonMark) is the authority on block structure: headings (ATX
 * and setext), code, HTML, lists and paragraphs. What CommonMark does not know
 * (front matter, tables, Word bullets, bold labels, plain-line titles) is read
 * line by line later, by the tolerant layer in `outline.ts`.
 */
import type { Root, RootContent } from 'mdast';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { BlockList } from './incremental/blocks';
import { positionsWhereSteps, type Carried, type Carry, type Positions } from './incremental/carry';
import { defineLazy } from './incremental/lazy';
import { finish } from './incremental/steps';
import { LineIndex, maskRange, type TextSource } from './text';

export type LineKind =
  | 'blank'
  | 'paragraph'
  | 'heading'
  | 'setextUnderline'
  | 'code'
  | 'html'
  | 'thematicBreak'
  | 'frontMatter';

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

/** A chunk where it stands in the document. */
export interface ChunkSpan {
  chunk: Chunk;
  /** The document line of the chunk's first line. */
  firstLine: number;
  /** The document offset of the chunk's first character. */
  start: number;
}

/**
 * The chunks of one version, in order, and where each stands. An edit keeps most chunks and moves
 * the ones after it, on every keystroke: they are kept in blocks (see `BlockList`), so that an edit
 * copies the block it touched and not the whole list, and a `ChunkSpan` is made only for a chunk
 * that is asked for.
 */
export class ChunkList {
  /** Columns of `list`: the document line of each chunk's first line, and the document offset of its first character. */
  private static readonly LINE = 0;
  private static readonly START = 1;

  private constructor(private readonly list: BlockList<Chunk>) {}

  get length(): number {
    return this.list.length;
  }

  /** The size of the blocks the list is kept in (see `BlockList`). */
  get blockSize(): number {
    return this.list.blockSize;
  }

  chunk(c: number): Chunk {
    return this.list.at(c);
  }

  /** The document line of chunk `c`'s first line. */
  firstLine(c: number): number {
    return this.list.number(ChunkList.LINE, c);
  }

  /** The document offset of chunk `c`'s first character. */
  start(c: number): number {
    return this.list.number(ChunkList.START, c);
  }

  /** Chunk `c` where it stands. */
  span(c: number): ChunkSpan {
    return { chunk: this.list.at(c), firstLine: this.firstLine(c), start: this.start(c) };
  }

  /** The index of the chunk holding `line`, by binary search; -1 before the first. */
  indexOfLine(line: number): number {
    return this.list.lastAtMost(ChunkList.LINE, line);
  }

  /** The index of the chunk that starts at `offset`, or -1 if none does. */
  indexOfStart(offset: number): number {
    const c = this.list.lastAtMost(ChunkList.START, offset);
    return c >= 0 && this.start(c) === offset ? c : -1;
  }

  /**
   * This list with chunks [from, to) replaced by `added`, and the chunks after them moved by
   * `lineShift` lines and `offsetShift` characters.
   */
  spliced(from: number, to: number, added: readonly ChunkSpan[], lineShift: number, offsetShift: number): ChunkList {
    const values = added.map((span) => span.chunk);
    const numbers = [added.map((span) => span.firstLine), added.map((span) => span.start)];
    return new ChunkList(this.list.spliced(from, to, { count: added.length, values, numbers }, [lineShift, offsetShift]));
  }

  /** `blockSize` is for tests (see BlockList). */
  static of(spans: readonly ChunkSpan[], blockSize?: number): ChunkList {
    return new ChunkList(BlockList.of(spans.length, spans.map((span) => span.chunk), [spans.map((span) => span.firstLine), spans.map((span) => span.start)], blockSize));
  }

  *[Symbol.iterator](): IterableIterator<ChunkSpan> {
    for (let c = 0; c < this.length; c++) yield this.span(c);
  }
}

/**
 * The facts of every line of a version, found through the chunk that holds the line (front matter
 * lines are in none). A view, not a copy: an edit then costs nothing per line of the document.
 */
export class DocumentLines {
  /** The chunk of the line last asked for: lines are mostly read in order. */
  private last = 0;

  constructor(
    private readonly chunks: ChunkList,
    readonly length: number,
  ) {}

  at(line: number): LineInfo {
    const { chunks } = this;
    let c = this.last;
    if (c >= chunks.length || chunks.firstLine(c) > line || (c + 1 < chunks.length && chunks.firstLine(c + 1) <= line)) {
      c = chunks.indexOfLine(line);
      if (c < 0) return FRONT_MATTER_LINE;
      this.last = c;
    }
    return chunks.chunk(c).lines[line - chunks.firstLine(c)];
  }
}

const FRONT_MATTER_LINE: LineInfo = Object.freeze({ kind: 'frontMatter', headingDepth: 0, listItemStart: false, listDepth: 0, paragraphStart: false });

const processor = unified().use(remarkParse);

export function parseMarkdown(text: string): Root {
  return processor.parse(text) as Root;
}

/**
 * A run of lines parsed on its own, with everything read from it that does not depend on its
 * place in the document. Offsets in a chunk's facts are relative to the chunk's start.
 */
export class Chunk {
  readonly index: LineIndex;
  readonly lines: LineInfo[];
  /** Memoised facts, by slot: an array, because every re-check reads them for every chunk. */
  private readonly memos: unknown[] = [];

  /** `lines`, when given, are this chunk's lines as read from a parse of several chunks at once. */
  constructor(readonly text: string, lines?: LineInfo[]) {
    this.index = LineIndex.of(text);
    this.lines = lines ?? classifyChunk(text, this.index);
  }

  /** Computes `key` for this chunk once; later versions of the document reuse it. */
  memo<T>(key: string, compute: (chunk: Chunk) => T): T {
    return this.memoAt(memoSlot(key), compute);
  }

  /** `memo` by a slot from `memoSlot`, for loops over every chunk. */
  memoAt<T>(slot: number, compute: (chunk: Chunk) => T): T {
    const memos = this.memos;
    if (slot < memos.length && memos[slot] !== undefined) return memos[slot] as T;
    const value = compute(this);
    memos[slot] = value === undefined ? null : value;
    return value;
  }

  /**
   * What `keepAt` left in a slot. For facts that depend on more than the chunk's text (the
   * timeline piece depends on the lines before): their reader checks that one still fits.
   */
  keptAt<T>(slot: number): T | undefined {
    return (this.memos[slot] ?? undefined) as T | undefined;
  }

  keepAt(slot: number, value: unknown): void {
    this.memos[slot] = value;
  }
}

/**
 * Per-line facts memoised on chunks, read in document order: `at(line)` finds the line's chunk
 * (moving forward from the last one) and its fact.
 */
export class LineFacts<T> {
  private spanIndex = 0;
  private facts: Array<T | null> | null = null;
  private readonly slot: number;
  /** The chunk of the line last asked for. */
  span: ChunkSpan | null = null;

  constructor(
    private readonly doc: ParsedDocument,
    key: string,
    private readonly compute: (chunk: Chunk) => Array<T | null>,
  ) {
    this.slot = memoSlot(key);
  }

  at(line: number): T | null {
    const chunks = this.doc.chunks;
    if (this.facts === null || (this.spanIndex + 1 < chunks.length && chunks.firstLine(this.spanIndex + 1) <= line)) {
      while (this.spanIndex + 1 < chunks.length && chunks.firstLine(this.spanIndex + 1) <= line) this.spanIndex++;
      this.facts = chunks.chunk(this.spanIndex).memoAt(this.slot, this.compute);
      this.span = chunks.span(this.spanIndex);
    }
    return this.facts[line - this.span!.firstLine] ?? null;
  }
}

/** Memo keys to array slots, shared by all chunks. */
const MEMO_SLOTS = new Map<string, number>();

/** The slot of a memo key. */
export function memoSlot(key: string): number {
  let slot = MEMO_SLOTS.get(key);
  if (slot === undefined) {
    slot = MEMO_SLOTS.size;
    MEMO_SLOTS.set(key, slot);
  }
  return slot;
}

/**
 * The chunks of the last parse, keyed by their text, and a few that edits replaced. An edit puts
 * in the chunks it parsed and takes out the ones it replaced, so the cache holds one document's
 * worth and does not grow as the user types: every keystroke makes a new version of a chunk, and
 * keeping them all (with their facts) would fill the old generation until a major collection.
 */
export class ChunkCache {
  /** `blockSize`, for tests, is the block size of the lists parsed with this cache (see `BlockList`). */
  constructor(readonly blockSize?: number) {}

  /** The chunks of the last parse by text, with how many places use each (identical chunks are one Chunk). */
  private used = new Map<string, { chunk: Chunk; uses: number }>();
  /** During a cold parse, the chunks of the parse before it: the parse takes the ones it finds there. */
  private before: Map<string, { chunk: Chunk; uses: number }> | null = null;
  /** Chunks no parse uses any more, the most recently dropped last: an undo, or a character typed again, finds its chunk here. */
  private readonly dropped = new Map<string, Chunk>();

  /** Begins a cold parse: uses are counted afresh. */
  startOver(): void {
    this.before = this.used;
    this.used = new Map();
  }

  /** The cached chunk for `text`, if there is one. */
  find(text: string): Chunk | undefined {
    return (this.used.get(text) ?? this.before?.get(text))?.chunk ?? this.dropped.get(text);
  }

  /** The chunk for `text`, made if none is cached, counted as used once more. */
  use(text: string): Chunk {
    const chunk = this.find(text) ?? new Chunk(text);
    this.count(chunk);
    return chunk;
  }

  /** Counts `chunk` as used once more (a chunk found, or read as part of a group). */
  count(chunk: Chunk): void {
    const entry = this.used.get(chunk.text);
    if (entry) {
      entry.uses++;
      return;
    }
    this.used.set(chunk.text, { chunk, uses: 1 });
    this.dropped.delete(chunk.text);
  }

  /** An edit replaced one use of `chunk`. */
  release(chunk: Chunk): void {
    const entry = this.used.get(chunk.text);
    if (!entry || --entry.uses > 0) return;
    this.used.delete(chunk.text);
    this.dropped.set(chunk.text, chunk);
    if (this.dropped.size > DROPPED_KEPT) this.dropped.delete(this.dropped.keys().next().value!);
  }

  /** Ends a cold parse: what it did not use is forgotten. */
  settle(): void {
    this.before = null;
  }

  /** How many chunks are cached (for tests). */
  get size(): number {
    return this.used.size + this.dropped.size;
  }
}

/** How many chunks that no parse uses are kept, for edits that bring their text back. */
const DROPPED_KEPT = 64;

/**
 * Parses the document in chunks that CommonMark cannot join: a chunk starts at an unindented
 * line after a blank line, or at an unindented ATX heading or bullet item, outside fenced code
 * and multi-line HTML blocks. Every block ends at such a line, so parsing chunk by chunk gives
 * the lines the same kinds as parsing the whole, and an edit re-parses only what it touches.
 * One block reaches past a blank line to the next: indented code, which the next unindented line
 * interrupts; a line that starts a list item only when not interrupting (see `cannotInterrupt`)
 * does not start a chunk after it.
 */
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
export function* parseSteps(source: TextSource, cache: ChunkCache = new ChunkCache(), previous?: ParsedDocument, change?: TextChange): Generator<void, ParsedDocument> {
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
    source: text, text: '', index, lines: new DocumentLines(chunks, index.lineCount), frontMatter: previous.frontMatter, chunks, carried: new Map(), carry: { splice, previous: previous.carried },
  };
  defineLazy(parsed, 'text', () => text.toString());
  return parsed;
}

/**
 * The indices of the chunks for which `has` holds, in order. `has` must read nothing but the
 * chunk: after an edit it is asked only about the chunks the edit re-parsed (see carry.ts).
 */
export function chunksWhere(doc: ParsedDocument, key: string, has: (chunk: Chunk) => boolean): Positions {
  return finish(chunksWhereSteps(doc, key, has));
}

/** `chunksWhere` in steps of a few chunks (see `positionsWhereSteps`). */
export function chunksWhereSteps(doc: ParsedDocument, key: string, has: (chunk: Chunk) => boolean): Generator<void, Positions> {
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

const FENCE_RE = /^ {0,3}(`{3,}|~{3,})/;
// HTML blocks of CommonMark types 1 to 5, which run until an end marker, across blank lines.
const HTML_BLOCK_STARTS: Array<[RegExp, RegExp]> = [
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
function chunkStartsUntil(index: LineIndex, firstLine: number, resume: (line: number) => number): { starts: number[]; resumeAt: number } {
  return finish(chunkStartsSteps(index, firstLine, resume));
}

/** How many lines `chunkStartsSteps` reads between two steps. */
const LINES_PER_STEP = 4096;

/** `chunkStartsUntil` in steps of a few thousand lines: a cold parse chunks the whole report. */
function* chunkStartsSteps(index: LineIndex, firstLine: number, resume: (line: number) => number): Generator<void, { starts: number[]; resumeAt: number }> {
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
    if (
      line > firstLine &&
      !blank &&
      first !== 32 &&
      first !== 9 &&
      ((previousBlank && !(codeBefore && cannotInterrupt(text))) || startsBlock(text))
    ) {
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
function startsBlock(line: string): boolean {
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

const THEMATIC_BREAK_RE = /^([-*_])(?:[ \t]*\1){2,}[ \t]*$/;

/**
 * A line whose containers open differently where they interrupt a block: an ordered item not
 * numbered 1, or an item with nothing after its marker, at any depth of the markers that open
 * the line (`> 2) x`, `- > -`). Indented code stays open across blank lines, and micromark reads
 * the unindented line after it as interrupting the code: there such a marker is text, while
 * parsed at the start of a chunk it opens a list item.
 */
function cannotInterrupt(line: string): boolean {
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
function indentColumns(line: string, documentStart = false): number {
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
function isBlank(text: string, start: number, end: number, documentStart: boolean): boolean {
  for (let i = start; i < end; i++) {
    const code = text.charCodeAt(i);
    if (code !== 32 && code !== 9 && !(code === 0xfeff && i === 0 && documentStart)) return false;
  }
  return true;
}

function classifyChunk(chunk: string, index: LineIndex): LineInfo[] {
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
      lines[line] = { kind: before.kind, headingDepth: before.headingDepth, listItemStart: false, listDepth: before.listDepth, paragraphStart: false };
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
const PLAIN_LINE_RE = /^(?![ \t\uFEFF#>*+\-=_|~`<[!]|\d+[.)])[^>]+$/;

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

function classifyParsed(chunk: string, index: LineIndex): LineInfo[] {
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

/** Front matter must close within this many lines. */
const FRONT_MATTER_LINES = 200;

function findFrontMatterEnd(index: LineIndex): number {
  const first = index.lineText(0).replace(/^\uFEFF/, '');
  if (!/^---\s*$/.test(first)) return -1;
  const limit = Math.min(index.lineCount, FRONT_MATTER_LINES);
  let keys = 0;
  for (let line = 1; line < limit; line++) {
    const text = index.lineText(line);
    if (/^(?:---|\.\.\.)\s*$/.test(text)) return keys > 0 ? line : -1;
    // Front matter is key: value lines, list items, indented continuations and YAML comments
    // (status-page templates keep their "# informational: true" options commented out).
    if (/^[\w.-]+\s*:/.test(text)) keys++;
    else if (!/^(?:\s+\S|\s*$|-\s|#)/.test(text)) return -1;
  }
  return -1;
}

function readFrontMatter(index: LineIndex, end: number): FrontMatterField[] {
  const fields: FrontMatterField[] = [];
  for (let line = 1; line < end; line++) {
    const text = index.lineText(line);
    const match = /^([\w.-]+)\s*:\s*(.*?)\s*$/.exec(text);
    if (!match) continue;
    const valueOffset = text.indexOf(match[2], match[1].length + 1);
    fields.push({ key: match[1], value: match[2], line, valueStart: index.start(line) + Math.max(valueOffset, 0) });
  }
  return fields;
}

// The container markers that open a line (indentation, block quotes, list markers), and what may
// follow them to start a block: a run of #, `, ~ or <, or a line of only - * _ = and spaces.
const CONTAINER_RE = /^[ \t]*(?:>[ \t]?|(?:[*+-]|\d{1,9}[.)])(?=[ \t]|$)[ \t]*)*/;
const BLOCK_START_RE = /^(?:#+|`+|~+|<)/;
const ONLY_BREAK_CHARS_RE = /^[-*_= \t]*$/;
const INLINE_MARKUP_RE = /[*_[\]<`]/g;
const INLINE_MARKUP_TEST_RE = /[*_[\]<`]/;
// Deeper nesting than this says nothing more about a postmortem, and costs the parser dearly.
const MAX_CONTAINER = 96;

/**
 * The chunk as remark needs it to find blocks: characters that only matter inside a line
 * (emphasis, links, code spans, inline HTML) are replaced by "x", same length. Block structure
 * is decided by how lines start, so it is unchanged, and pathological inline runs ("*a" ten
 * thousand times) no longer cost the parser quadratic time.
 */
function blocksOnly(chunk: string, index: LineIndex): string {
  const parts: string[] = [];
  let copied = 0;
  for (let line = 0; line < index.lineCount; line++) {
    const start = index.start(line);
    const end = index.end(line);
    const text = chunk.slice(start, end);
    if (text.length <= MAX_CONTAINER && !INLINE_MARKUP_TEST_RE.test(text)) continue;
    const keep = CONTAINER_RE.exec(text)![0].length;
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

function findUnclosedMarkdownFence(tree: Root, index: LineIndex): number {
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

function classifyLines(text: string, index: LineIndex, tree: Root): LineInfo[] {
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
  while (stack.length > 0) {
    const { node, listDepth } = stack.pop()!;
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
  return lines;
}
