/**
 * Chunks: runs of lines parsed on their own, where they stand in a version (`ChunkList`), what
 * is read from each once and kept with it (memo slots, `LineFacts`), and the cache that keeps
 * them between versions (`ChunkCache`).
 */
import { BlockList } from '../incremental/blocks';
import { LineIndex } from '../text';
import type { LineInfo, ParsedDocument } from '../parse';
import { classifyChunk } from './classify';

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
    return new ChunkList(
      BlockList.of(
        spans.length,
        spans.map((span) => span.chunk),
        [spans.map((span) => span.firstLine), spans.map((span) => span.start)],
        blockSize,
      ),
    );
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

export const FRONT_MATTER_LINE: LineInfo = Object.freeze({ kind: 'frontMatter', headingDepth: 0, listItemStart: false, listDepth: 0, paragraphStart: false });

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
  constructor(
    readonly text: string,
    lines?: LineInfo[],
  ) {
    this.index = LineIndex.of(text);
    this.lines = lines ?? classifyChunk(text, this.index);
  }

  /** Computes the memo of `slot` (from `defineMemoSlot`) for this chunk once; later versions of the document reuse it. */
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
  /** The facts of the chunk of the line last asked for, and where that chunk is. */
  private current: { facts: Array<T | null>; span: ChunkSpan } | null = null;
  constructor(
    private readonly doc: ParsedDocument,
    /** The memo slot the facts are kept in on each chunk (`defineMemoSlot`). */
    private readonly slot: number,
    private readonly compute: (chunk: Chunk) => Array<T | null>,
  ) {}

  at(line: number): T | null {
    return this.withSpan(line)?.fact ?? null;
  }

  /** The line's fact and the chunk it was read in (its offsets are relative to that chunk), or null. */
  withSpan(line: number): { fact: T; span: ChunkSpan } | null {
    const chunks = this.doc.chunks;
    let current = this.current;
    if (current === null || (this.spanIndex + 1 < chunks.length && chunks.firstLine(this.spanIndex + 1) <= line)) {
      while (this.spanIndex + 1 < chunks.length && chunks.firstLine(this.spanIndex + 1) <= line) this.spanIndex++;
      current = this.current = { facts: chunks.chunk(this.spanIndex).memoAt(this.slot, this.compute), span: chunks.span(this.spanIndex) };
    }
    const fact = current.facts[line - current.span.firstLine] ?? null;
    return fact === null ? null : { fact, span: current.span };
  }
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
    if (this.dropped.size > DROPPED_KEPT) {
      // The oldest: a Map iterates in insertion order.
      const oldest = this.dropped.keys().next();
      if (!oldest.done) this.dropped.delete(oldest.value);
    }
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
export const DROPPED_KEPT = 64;
