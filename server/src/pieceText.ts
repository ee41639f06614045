/**
 * A document's text kept in pieces of a few thousand characters, so that a keystroke copies one
 * piece and not the whole text. A JavaScript string cannot be edited: a new version is a
 * concatenation, and the first read of it copies the whole document into a new flat string (two
 * megabytes for a 1 MB report with one character outside Latin-1), on every keystroke, and that
 * garbage drives the collector's major collections. The analysis reads what an edit touched
 * through `slice` (see `TextSource`); `toString` joins the pieces once for what needs the whole.
 *
 * A version is never changed: `edited` makes the next one, which shares every piece the edit did
 * not touch. Positions follow LSP and vscode-languageserver-textdocument: lines end at "\r\n", "\n"
 * or a lone "\r"; characters are UTF-16 code units.
 */
import { lastAtMost, type Position, type TextSource } from './analysis/index';

/** Pieces are cut to about this many characters; a piece an edit leaves shorter than a quarter of it is joined to a neighbour, so pieces stay few. */
const PIECE_SIZE = 4096;

export class PieceText implements TextSource {
  /** The whole text, once `toString` has joined it. */
  private joined: string | undefined;

  private constructor(
    /** Never empty, except the one piece of an empty text. No piece but the last ends with "\r" (a "\r\n" is never cut). */
    private readonly pieces: readonly string[],
    /** Where each line starts after a line break in each piece, as offsets into the piece. */
    private readonly breaks: readonly Int32Array[],
    /** The offset of each piece's first character, and the text's length after the last. */
    private readonly pieceStarts: Int32Array,
    /** How many line breaks come before each piece, and the total after the last. */
    private readonly pieceLines: Int32Array,
    /** PIECE_SIZE, or a smaller size that tests use to put many piece boundaries in a short text. */
    private readonly pieceSize: number,
  ) {}

  static of(text: string, pieceSize = PIECE_SIZE): PieceText {
    const pieces = cut(text, pieceSize);
    const made = PieceText.from(pieces, pieces.map(lineStartsIn), pieceSize);
    // The pieces are slices of `text` and keep it alive anyway: joining them again (30 ms for a
    // 20 MB report, as it opens) would make a second copy.
    made.joined = text;
    return made;
  }

  private static from(pieces: readonly string[], breaks: readonly Int32Array[], pieceSize: number): PieceText {
    const pieceStarts = new Int32Array(pieces.length + 1);
    const pieceLines = new Int32Array(pieces.length + 1);
    for (let p = 0; p < pieces.length; p++) {
      pieceStarts[p + 1] = pieceStarts[p] + pieces[p].length;
      pieceLines[p + 1] = pieceLines[p] + breaks[p].length;
    }
    return new PieceText(pieces, breaks, pieceStarts, pieceLines, pieceSize);
  }

  get length(): number {
    return this.pieceStarts[this.pieces.length];
  }

  get lineCount(): number {
    return this.pieceLines[this.pieces.length] + 1;
  }

  /** How many pieces hold the text (for tests). */
  get pieceCount(): number {
    return this.pieces.length;
  }

  toString(): string {
    return (this.joined ??= this.pieces.length === 1 ? this.pieces[0] : this.pieces.join(''));
  }

  slice(from: number, to: number): string {
    const length = this.length;
    from = Math.max(0, Math.min(from, length));
    to = Math.max(from, Math.min(to, length));
    if (from === to) return '';
    let p = this.pieceAt(from);
    const first = this.pieces[p].slice(from - this.pieceStarts[p], to - this.pieceStarts[p]);
    if (to <= this.pieceStarts[p + 1]) return first;
    const parts = [first];
    for (p++; this.pieceStarts[p + 1] < to; p++) parts.push(this.pieces[p]);
    parts.push(this.pieces[p].slice(0, to - this.pieceStarts[p]));
    return parts.join('');
  }

  charCodeAt(offset: number): number {
    if (offset < 0 || offset >= this.length) return NaN;
    const p = this.pieceAt(offset);
    return this.pieces[p].charCodeAt(offset - this.pieceStarts[p]);
  }

  /** This text with [from, to) replaced by `inserted`. Only the pieces holding [from, to) are copied. */
  edited(from: number, to: number, inserted: string): PieceText {
    const { pieces, breaks, pieceStarts } = this;
    const last = pieces.length - 1;
    from = Math.max(0, Math.min(from, this.length));
    to = Math.max(from, Math.min(to, this.length));
    // Pieces [a, b] are replaced: the one holding `from`, the one holding the character before `to`.
    let a = this.pieceAt(from);
    let b = to > from ? this.pieceAt(to - 1) : a;
    let region = pieces[a].slice(0, from - pieceStarts[a]) + inserted + pieces[b].slice(to - pieceStarts[b]);
    // A "\r" may not end a piece but the last: the "\n" after it would count as a line of its own.
    while (b < last && region.charCodeAt(region.length - 1) === 13) region += pieces[++b];
    const small = this.pieceSize / 4;
    if (region.length < small && b < last) region += pieces[++b];
    else if (region.length < small && a > 0) region = pieces[--a] + region;
    const added = cut(region, this.pieceSize);
    return PieceText.from(
      [...pieces.slice(0, a), ...added, ...pieces.slice(b + 1)],
      [...breaks.slice(0, a), ...added.map(lineStartsIn), ...breaks.slice(b + 1)],
      this.pieceSize,
    );
  }

  /** The offset where `line` starts (the length of the text past the last line). */
  lineStart(line: number): number {
    if (line <= 0) return 0;
    if (line >= this.lineCount) return this.length;
    // The line starts after line break number line - 1: the piece holding it is the last with fewer breaks before it.
    const lineBreak = line - 1;
    const piece = lastAtMost(this.pieceLines, lineBreak, this.pieces.length);
    return this.pieceStarts[piece] + this.breaks[piece][lineBreak - this.pieceLines[piece]];
  }

  /** The offset where the content of `line` ends, before its line break (0 <= line < lineCount). */
  lineEnd(line: number): number {
    const lineStart = this.lineStart(line);
    return this.beforeLineBreak(line + 1 < this.lineCount ? this.lineStart(line + 1) : this.length, lineStart);
  }

  /** The line holding `offset` (a line break belongs to the line it ends). */
  lineAt(offset: number): number {
    offset = Math.max(0, Math.min(offset, this.length));
    const p = this.pieceAt(offset);
    const local = offset - this.pieceStarts[p];
    const starts = this.breaks[p];
    let low = 0;
    let high = starts.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (starts[mid] <= local) low = mid + 1;
      else high = mid;
    }
    return this.pieceLines[p] + low;
  }

  /** The LSP position of `offset`; an offset inside a "\r\n" is placed before it. */
  positionAt(offset: number): Position {
    offset = Math.max(0, Math.min(offset, this.length));
    const line = this.lineAt(offset);
    const lineStart = this.lineStart(line);
    return { line, character: this.beforeLineBreak(offset, lineStart) - lineStart };
  }

  /** The offset of an LSP position, kept inside the text and before its line's break. */
  offsetAt(position: Position): number {
    if (position.line >= this.lineCount) return this.length;
    if (position.line < 0) return 0;
    const lineStart = this.lineStart(position.line);
    if (position.character <= 0) return lineStart;
    const nextLineStart = position.line + 1 < this.lineCount ? this.lineStart(position.line + 1) : this.length;
    return this.beforeLineBreak(Math.min(lineStart + position.character, nextLineStart), lineStart);
  }

  private beforeLineBreak(offset: number, lineStart: number): number {
    while (offset > lineStart) {
      const code = this.charCodeAt(offset - 1);
      if (code !== 10 && code !== 13) break;
      offset--;
    }
    return offset;
  }

  /** The piece holding `offset`; the last one for the text's length. */
  private pieceAt(offset: number): number {
    return lastAtMost(this.pieceStarts, offset, this.pieces.length);
  }
}

/** `text` in pieces of about `size` characters, none cut after a "\r" but the last. */
function cut(text: string, size: number): string[] {
  if (text.length <= size * 1.5) return [text];
  const count = Math.round(text.length / size);
  const pieces: string[] = [];
  let start = 0;
  for (let i = 1; i < count; i++) {
    let end = Math.round((text.length * i) / count);
    while (end < text.length && text.charCodeAt(end - 1) === 13) end++;
    if (end <= start) continue;
    pieces.push(text.slice(start, end));
    start = end;
  }
  if (start < text.length) pieces.push(text.slice(start));
  return pieces;
}

/** Where a line starts after each line break in `piece`. */
function lineStartsIn(piece: string): Int32Array {
  const starts: number[] = [];
  // Most text has no "\r": then the line feeds are found by indexOf, several times faster than
  // reading each character, and opening a 20 MB report (five thousand pieces) blocks the server less.
  if (piece.indexOf('\r') < 0) {
    for (let at = piece.indexOf('\n'); at >= 0; at = piece.indexOf('\n', at + 1)) starts.push(at + 1);
    return Int32Array.from(starts);
  }
  for (let i = 0; i < piece.length; i++) {
    const code = piece.charCodeAt(i);
    if (code === 10) starts.push(i + 1);
    else if (code === 13) {
      if (piece.charCodeAt(i + 1) === 10) i++;
      starts.push(i + 1);
    }
  }
  return Int32Array.from(starts);
}
