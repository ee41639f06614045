/**
 * Line index over a document's text. The core works in UTF-16 offsets (the
 * unit of a JavaScript string, and of LSP positions); only the edges convert
 * offsets to line/column pairs.
 *
 * Line breaks are `\r\n`, `\n` and a lone `\r`, as in CommonMark and LSP.
 */
import { BlockList } from './incremental/blocks';
import { finish } from './incremental/steps';

export interface Position {
  /** 0-based line. */
  readonly line: number;
  /** 0-based column in UTF-16 code units. */
  readonly character: number;
}

/**
 * A text that can be read in slices. A string is one; so is the language server's document, which
 * keeps its text in pieces so that a keystroke does not copy the whole of it. What an edit needs
 * (the lines and chunks around it) is read through `slice`; `toString` gives the whole text as one
 * string, for what really needs all of it (a cold parse, and model parts read on demand).
 */
export interface TextSource {
  readonly length: number;
  /** The text of [from, to). */
  slice(from: number, to: number): string;
  /** The whole text. */
  toString(): string;
}

/**
 * The lines of a one-line text of each length up to ONE_LINE_MAX, shared: a report's chunks are
 * mostly one line (each item of a timeline is one), and a list of lines of its own was two typed
 * arrays and four objects kept per chunk (a tenth of what a large report's analysis keeps).
 */
const ONE_LINE_MAX = 4096;
const ONE_LINE: Array<BlockList<never> | undefined> = [];

function oneLine(length: number): BlockList<never> {
  return (ONE_LINE[length] ??= BlockList.of<never>(1, null, [Int32Array.of(0), Int32Array.of(length)]));
}

/**
 * Where each line starts and ends. The lines are kept in a `BlockList` (columns START and END):
 * an edit to a megabyte report makes the next version's index by copying the block of lines it
 * touched and moving the blocks after it by a shift, where flat arrays would be copied whole on
 * every keystroke (two arrays of a few hundred kilobytes, which as memory outside the heap also
 * hurry the collector into a major collection).
 */
export class LineIndex {
  private static readonly START = 0;
  private static readonly END = 1;

  /**
   * The index of `text`, which is `previous.text` with [from, previousTo) replaced by
   * [from, to): lines before the edit are kept, lines after it moved, and only the lines
   * around it scanned. Returns a fresh index when the edit cannot be placed.
   */
  static afterEdit(previous: LineIndex, text: TextSource, from: number, previousTo: number, to: number): LineIndex {
    const delta = to - previousTo;
    const oldCount = previous.lineCount;
    // One line of margin on each side: an edit next to a line break can join or split "\r\n".
    const firstLine = Math.max(0, previous.lineAt(from) - 1);
    const reuseFrom = previous.lineAt(previousTo) + 2;
    const scanFrom = previous.start(firstLine);
    const scanTo = reuseFrom < oldCount ? previous.start(reuseFrom) + delta : text.length;
    // Only the lines around the edit are read; one character more tells "\r" from "\r\n".
    const around = text.slice(scanFrom, Math.min(text.length, scanTo + 1));
    const scanned = scanBreaks(around, 0, scanTo - scanFrom);
    // Lines [firstLine, reuseFrom) are replaced by the scanned ones: one per break, and one more
    // when the scan runs to the end of the text. Lines from reuseFrom on are the previous ones, moved.
    const breaks = scanned.length / 2;
    const count = reuseFrom < oldCount ? breaks : breaks + 1;
    const starts = new Int32Array(count);
    const ends = new Int32Array(count);
    starts[0] = scanFrom;
    for (let i = 0; i < breaks; i++) {
      ends[i] = scanFrom + scanned[2 * i];
      if (i + 1 < count) starts[i + 1] = scanFrom + scanned[2 * i + 1];
    }
    if (reuseFrom < oldCount) {
      // The last break must end where the moved lines begin.
      if (breaks === 0 || scanFrom + scanned[2 * breaks - 1] !== scanTo) return LineIndex.of(text, previous.lines.blockSize);
    } else {
      ends[count - 1] = text.length;
    }
    const removedTo = Math.min(reuseFrom, oldCount);
    return new LineIndex(text, previous.lines.spliced(firstLine, removedTo, { count, values: null, numbers: [starts, ends] }, [delta, delta]));
  }

  private constructor(
    readonly text: TextSource,
    private readonly lines: BlockList<never>,
  ) {}

  /** The index of `text`. `blockSize` is for tests (see `BlockList`). */
  static of(text: TextSource, blockSize?: number): LineIndex {
    return finish(LineIndex.ofSteps(text, blockSize));
  }

  /** `of` in steps: a report of many megabytes is scanned a megabyte at a step. */
  static *ofSteps(text: TextSource, blockSize?: number): Generator<void, LineIndex> {
    const whole = text.toString();
    const stretches: number[][] = [];
    let breakCount = 0;
    // Each stretch ends after a "\n", so that no "\r\n" is cut in two.
    for (let from = 0; from < whole.length;) {
      const newline = from + SCAN_PER_STEP < whole.length ? whole.indexOf('\n', from + SCAN_PER_STEP) : -1;
      const to = newline < 0 ? whole.length : newline + 1;
      const stretch = scanBreaks(whole, from, to);
      stretches.push(stretch);
      breakCount += stretch.length / 2;
      from = to;
      if (from < whole.length) yield;
    }
    const count = breakCount + 1;
    // Most chunks are one line: their lines are shared by every one of that length (see ONE_LINE).
    if (count === 1 && blockSize === undefined && text.length < ONE_LINE_MAX) return new LineIndex(text, oneLine(text.length));
    const starts = new Int32Array(count);
    const ends = new Int32Array(count);
    let line = 0;
    for (const breaks of stretches) {
      for (let i = 0; i < breaks.length; i += 2, line++) {
        ends[line] = breaks[i];
        starts[line + 1] = breaks[i + 1];
      }
    }
    ends[count - 1] = text.length;
    return new LineIndex(text, BlockList.of<never>(count, null, [starts, ends], blockSize));
  }

  get lineCount(): number {
    return this.lines.length;
  }

  /** The offset of the first character of `line` (0 <= line < lineCount: outside it, NaN). */
  start(line: number): number {
    return this.lines.number(LineIndex.START, line);
  }

  /** The offset just past the last character of `line`, before its line break (0 <= line < lineCount: outside it, NaN). */
  end(line: number): number {
    return this.lines.number(LineIndex.END, line);
  }

  lineText(line: number): string {
    return this.text.slice(this.start(line), this.end(line));
  }

  /** The 0-based line holding `offset` (a line break belongs to the line it ends). */
  lineAt(offset: number): number {
    return Math.max(0, this.lines.lastAtMost(LineIndex.START, offset));
  }

  positionAt(offset: number): Position {
    const clamped = Math.max(0, Math.min(offset, this.text.length));
    const line = this.lineAt(clamped);
    const start = this.start(line);
    return { line, character: Math.min(clamped, this.end(line)) - start };
  }

  offsetAt(position: Position): number {
    if (position.line < 0) return 0;
    if (position.line >= this.lineCount) return this.text.length;
    const start = this.start(position.line);
    return Math.min(start + Math.max(0, position.character), this.end(position.line));
  }
}

/**
 * The line breaks in `text[from, to)`, as pairs: where the break starts (the end of a line) and
 * where the next line starts. "\r\n" is one break; so is a lone "\r".
 */
/** How many characters `LineIndex.ofSteps` scans between two steps. */
const SCAN_PER_STEP = 1 << 20;

function scanBreaks(text: string, from: number, to: number): number[] {
  const breaks: number[] = [];
  for (let i = from; i < to; i++) {
    const code = text.charCodeAt(i);
    if (code === 10 /* \n */) {
      breaks.push(i, i + 1);
    } else if (code === 13 /* \r */) {
      const at = i;
      if (text.charCodeAt(i + 1) === 10) i++;
      breaks.push(at, i + 1);
    }
  }
  return breaks;
}

/** Replaces every character of `text[start, end)` except line breaks with a space. */
export function maskRange(text: string, start: number, end: number): string {
  const middle = text.slice(start, end).replace(/[^\r\n]/g, ' ');
  return text.slice(0, start) + middle + text.slice(end);
}

/** Whether `offset` sits inside a `code span` that opens on the same line (after `lineStart`). */
export function insideCodeSpan(text: string, lineStart: number, offset: number): boolean {
  let ticks = 0;
  for (let i = lineStart; i < offset; i++) if (text.charCodeAt(i) === 96) ticks++;
  return ticks % 2 === 1;
}

/** The document's own line break: "\r\n" when its first line ends so, else "\n". */
export function lineBreakOf(text: string): string {
  const at = text.search(/\r\n|\n|\r/);
  if (at < 0) return '\n';
  return text.startsWith('\r\n', at) ? '\r\n' : text[at];
}

/**
 * `value` without the trailing characters in `chars`. A loop, not a regex: `/[\s:]+$/` tries
 * every start in a long run of spaces and takes quadratic time on a line of them.
 */
export function trimEndOf(value: string, chars: string): string {
  let end = value.length;
  while (end > 0 && chars.includes(value[end - 1])) end--;
  return value.slice(0, end);
}

/** Removes HTML comments ("<!-- ... -->") from a line, without a regex that could backtrack. */
export function withoutComments(value: string): string {
  let at = value.indexOf('<!--');
  if (at < 0) return value;
  let result = '';
  let from = 0;
  while (at >= 0) {
    const close = value.indexOf('-->', at + 4);
    if (close < 0) break;
    result += value.slice(from, at);
    from = close + 3;
    at = value.indexOf('<!--', from);
  }
  return result + value.slice(from);
}

/** The cells of a table row `text[from, to)` that starts with "|", as [start, end) offsets ("\\|" is not a separator). */
export function tableCells(text: string, from: number, to: number): Array<[number, number]> {
  const cells: Array<[number, number]> = [];
  let cellStart = from + 1;
  for (let i = from + 1; i < to; i++) {
    if (text.charCodeAt(i) === 124 && text.charCodeAt(i - 1) !== 92) {
      cells.push([cellStart, i]);
      cellStart = i + 1;
    }
  }
  if (cellStart < to && text.slice(cellStart, to).trim() !== '') cells.push([cellStart, to]);
  return cells;
}

const PROMPT_LINE_RE = /^\s*<(?:describe|insert|add|fill|enter|write|explain|your|owner|name|link|todo|tbd)\b[^<>]{0,80}>\s*$/i;

/** A line holding only a template prompt such as "<describe the impact>". */
export function isPromptLine(lineText: string): boolean {
  return PROMPT_LINE_RE.test(lineText);
}
