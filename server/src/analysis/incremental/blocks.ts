/**
 * A list that each version of the document shares with the next, kept in blocks of a few hundred
 * elements. An edit replaces a run of elements and moves the positions of every element after it
 * (their line and their offset): a flat array would be copied whole on every keystroke, and the
 * garbage of a megabyte report's lists drives the collector. Here an edit copies only the blocks
 * it touches; the blocks after it are shared, and their numbers are moved by a shift kept per
 * block (`shifts`), added when a number is read.
 *
 * An element is a value (of any type) and a fixed number of integer columns: a list has values, or
 * at least one column, or both. A version is never changed after it is made.
 */
/** Blocks are cut to about this many elements; a block an edit leaves shorter than a quarter of it is joined to a neighbour. */
const BLOCK_SIZE = 256;

/** The shifts of a list of one block: none. Shared, and never written (a list's shifts never are). */
const NO_SHIFTS = new Int32Array(4);

/** `firsts` of a list of one block, by its length: shared, and never written (a list's firsts never are). */
const ONE_BLOCK_FIRSTS: Array<Int32Array | undefined> = new Array(BLOCK_SIZE + 1);

interface Block<T> {
  /** The elements' values; null in a list without values. */
  readonly values: readonly T[] | null;
  /** Each column's numbers, without the block's shift. */
  readonly numbers: readonly Int32Array[];
}

export class BlockList<T> {
  /** The block of the element last asked for: elements are mostly read in order. */
  private lastBlock = 0;

  private constructor(
    private readonly blocks: readonly Block<T>[],
    /** The index of each block's first element, and the length of the list after the last block. */
    private readonly firsts: Int32Array,
    /** What to add to a block's numbers when they are read: `shifts[block * columns + column]`. */
    private readonly shifts: Int32Array,
    readonly columns: number,
    /** BLOCK_SIZE, or a smaller size that tests use to put many block boundaries in a short list. */
    readonly blockSize: number,
  ) {}

  /** The list of `count` elements with these values (or none) and these columns of numbers. */
  static of<T>(count: number, values: readonly T[] | null, numbers: ReadonlyArray<ArrayLike<number>>, blockSize = BLOCK_SIZE): BlockList<T> {
    // A short list (a chunk's line index, made for every chunk parsed) is one block with no shift.
    if (count > 0 && count <= blockSize && numbers.length <= NO_SHIFTS.length) {
      return BlockList.from([blockOf(values, numbers, 0, count)], numbers.length, blockSize, NO_SHIFTS);
    }
    const blocks: Block<T>[] = [];
    for (const [from, to] of cuts(0, count, blockSize)) blocks.push(blockOf(values, numbers, from, to));
    return BlockList.from(blocks, numbers.length, blockSize, new Int32Array(blocks.length * numbers.length));
  }

  private static from<T>(blocks: readonly Block<T>[], columns: number, blockSize: number, shifts: Int32Array): BlockList<T> {
    // One block (a chunk's line index): [0, length], shared by every list of that length.
    if (blocks.length === 1 && lengthOf(blocks[0]) < ONE_BLOCK_FIRSTS.length) {
      const length = lengthOf(blocks[0]);
      const firsts = (ONE_BLOCK_FIRSTS[length] ??= Int32Array.of(0, length));
      return new BlockList(blocks, firsts, shifts, columns, blockSize);
    }
    const firsts = new Int32Array(blocks.length + 1);
    for (let b = 0; b < blocks.length; b++) firsts[b + 1] = firsts[b] + lengthOf(blocks[b]);
    return new BlockList(blocks, firsts, shifts, columns, blockSize);
  }

  get length(): number {
    return this.firsts[this.blocks.length];
  }

  /** How many blocks hold the list (for tests). */
  get blockCount(): number {
    return this.blocks.length;
  }

  /** The value of element `i` (0 <= i < length). */
  at(i: number): T {
    const b = this.blockAt(i);
    // eslint-disable-next-line @typescript-eslint/no-non-null-assertion -- a list read by value has values (see `of`); checking would cost every read.
    return this.blocks[b].values![i - this.firsts[b]];
  }

  /**
   * The values, block by block, in order: for facts about a whole list kept per block. A block an
   * edit did not touch is the same array in the next version, so such a fact is worked out again
   * only for the blocks the edit made.
   */
  valueBlocks(): Array<readonly T[]> {
    // eslint-disable-next-line @typescript-eslint/no-non-null-assertion -- a list read by value has values (see `of`); checking would cost every read.
    return this.blocks.map((block) => block.values!);
  }

  /** Column `column` of element `i` (0 <= i < length). */
  number(column: number, i: number): number {
    const b = this.blockAt(i);
    return this.blocks[b].numbers[column][i - this.firsts[b]] + this.shifts[b * this.columns + column];
  }

  /**
   * The last element whose number in `column` is at most `value`, or -1 before the first; for a
   * column whose numbers increase along the list.
   */
  lastAtMost(column: number, value: number): number {
    const { blocks, firsts, shifts, columns } = this;
    // The last block whose first number is at most `value`.
    let low = 0;
    let high = blocks.length - 1;
    let block = -1;
    while (low <= high) {
      const mid = (low + high) >> 1;
      if (blocks[mid].numbers[column][0] + shifts[mid * columns + column] <= value) {
        block = mid;
        low = mid + 1;
      } else high = mid - 1;
    }
    if (block < 0) return -1;
    return firsts[block] + lastAtMost(blocks[block].numbers[column], value - shifts[block * columns + column]);
  }

  /**
   * This list with elements [from, to) replaced by the `added` ones (their numbers as they are to be
   * read), and the numbers of the elements after them moved by `shifts[column]`. Only the blocks
   * holding [from, to) are copied.
   */
  spliced(
    from: number,
    to: number,
    added: { count: number; values: readonly T[] | null; numbers: ReadonlyArray<ArrayLike<number>> },
    shifts: readonly number[],
  ): BlockList<T> {
    const { blocks, firsts, columns, blockSize } = this;
    const length = this.length;
    if (blocks.length === 0) return BlockList.of(added.count, added.values, added.numbers, blockSize);
    // Blocks [a, b] are replaced: the one holding `from` (the last one for the list's end), the one holding the element before `to`.
    let a = this.blockAt(Math.min(from, length - 1));
    let b = to > from ? this.blockAt(to - 1) : a;
    const size = (): number => from - firsts[a] + added.count + firsts[b + 1] - to;
    if (size() < blockSize / 4 && b + 1 < blocks.length) b++;
    else if (size() < blockSize / 4 && a > 0) a--;
    const count = size();
    // The elements of the new blocks, their numbers as they read now.
    const values = blocks[a].values ? new Array<T>(count) : null;
    const numbers: Int32Array[] = [];
    for (let column = 0; column < columns; column++) numbers.push(new Int32Array(count));
    let at = 0;
    const copy = (start: number, end: number, extra: (column: number) => number): void => {
      for (let block = a; block <= b; block++) {
        const lo = Math.max(start, firsts[block]);
        const hi = Math.min(end, firsts[block + 1]);
        if (lo >= hi) continue;
        const source = blocks[block];
        const local = lo - firsts[block];
        // eslint-disable-next-line @typescript-eslint/no-non-null-assertion -- every block of a list with values has them.
        if (values) for (let i = 0; i < hi - lo; i++) values[at + i] = source.values![local + i];
        for (let column = 0; column < columns; column++) {
          const shift = this.shifts[block * columns + column] + extra(column);
          const into = numbers[column];
          const out = source.numbers[column];
          for (let i = 0; i < hi - lo; i++) into[at + i] = out[local + i] + shift;
        }
        at += hi - lo;
      }
    };
    copy(firsts[a], from, () => 0);
    // eslint-disable-next-line @typescript-eslint/no-non-null-assertion -- what is spliced into a list with values has them.
    if (values) for (let i = 0; i < added.count; i++) values[at + i] = added.values![i];
    for (let column = 0; column < columns; column++) {
      const from = added.numbers[column];
      for (let i = 0; i < added.count; i++) numbers[column][at + i] = from[i];
    }
    at += added.count;
    copy(to, firsts[b + 1], (column) => shifts[column]);

    const made: Block<T>[] = [];
    for (const [start, end] of cuts(0, count, blockSize)) made.push(blockOf(values, numbers, start, end));
    const next = [...blocks.slice(0, a), ...made, ...blocks.slice(b + 1)];
    const nextShifts = new Int32Array(next.length * columns);
    nextShifts.set(this.shifts.subarray(0, a * columns));
    for (let old = b + 1, block = a + made.length; old < blocks.length; old++, block++) {
      for (let column = 0; column < columns; column++) nextShifts[block * columns + column] = this.shifts[old * columns + column] + shifts[column];
    }
    return BlockList.from(next, columns, blockSize, nextShifts);
  }

  /** The block holding element `i`. */
  private blockAt(i: number): number {
    const { firsts } = this;
    const last = this.lastBlock;
    if (last < this.blocks.length && firsts[last] <= i && i < firsts[last + 1]) return last;
    this.lastBlock = lastAtMost(firsts, i, this.blocks.length);
    return this.lastBlock;
  }
}

function lengthOf<T>(block: Block<T>): number {
  return block.values ? block.values.length : block.numbers[0].length;
}

/** [from, to) cut into about equal runs of about `size` (none for an empty range). */
function cuts(from: number, to: number, size: number): Array<[number, number]> {
  const count = to - from;
  if (count <= 0) return [];
  const parts = Math.max(1, Math.round(count / size));
  const result: Array<[number, number]> = [];
  for (let p = 0; p < parts; p++) result.push([from + Math.round((count * p) / parts), from + Math.round((count * (p + 1)) / parts)]);
  return result;
}

/** A block of elements [from, to) of these arrays. */
function blockOf<T>(values: readonly T[] | null, numbers: ReadonlyArray<ArrayLike<number>>, from: number, to: number): Block<T> {
  const columns: Int32Array[] = [];
  for (const column of numbers) {
    // A column given whole as an Int32Array is taken as it is: nothing changes a list's numbers.
    if (from === 0 && to === column.length && column instanceof Int32Array) {
      columns.push(column);
      continue;
    }
    const block = new Int32Array(to - from);
    for (let i = from; i < to; i++) block[i - from] = column[i];
    columns.push(block);
  }
  return { values: values ? values.slice(from, to) : null, numbers: columns };
}

/**
 * The index of the last of the first `count` numbers of a non-decreasing list that is at most
 * `value` (0 when none is): the line holding an offset, the piece or block holding a position.
 */
export function lastAtMost(sorted: ArrayLike<number>, value: number, count = sorted.length): number {
  let low = 0;
  let high = count - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if (sorted[mid] <= value) low = mid;
    else high = mid - 1;
  }
  return low;
}
