/**
 * An open document as the server keeps it: vscode-languageserver-textdocument's `TextDocument`
 * interface over a `PieceText`, so that a keystroke copies one piece of the text, not all of it,
 * and the analysis reads only what the edit touched. Each version is a new object sharing the
 * pieces the edit left alone; `getText()` joins the pieces once per version, for the features
 * that need the whole text.
 */
import { TextDocumentContentChangeEvent, type Range } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { PieceText } from './pieceText';
import { type Position } from './analysis/index';

export class OpenDocument implements TextDocument {
  private constructor(
    readonly uri: string,
    readonly languageId: string,
    readonly version: number,
    /** The text of this version, for the analysis to read in slices. */
    readonly text: PieceText,
  ) {}

  /** `pieceSize` is for tests (see PieceText). */
  static create(uri: string, languageId: string, version: number, content: string, pieceSize?: number): OpenDocument {
    return new OpenDocument(uri, languageId, version, PieceText.of(content, pieceSize));
  }

  /** The next version: the changes applied in order, each range read in the text the ones before it left. */
  static update(document: OpenDocument, changes: readonly TextDocumentContentChangeEvent[], version: number): OpenDocument {
    let text = document.text;
    for (const change of changes) {
      if (TextDocumentContentChangeEvent.isIncremental(change)) {
        const { start, end } = wellFormed(change.range);
        text = text.edited(text.offsetAt(start), text.offsetAt(end), change.text);
      } else {
        text = PieceText.of(change.text);
      }
    }
    return new OpenDocument(document.uri, document.languageId, version, text);
  }

  get lineCount(): number {
    return this.text.lineCount;
  }

  getText(range?: Range): string {
    if (!range) return this.text.toString();
    const start = this.text.offsetAt(range.start);
    const end = this.text.offsetAt(range.end);
    return this.text.slice(Math.min(start, end), Math.max(start, end));
  }

  getLineRange(line: number): Range {
    if (line < 0) return { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
    line = Math.min(line, this.text.lineCount - 1);
    return { start: { line, character: 0 }, end: { line, character: this.text.lineEnd(line) - this.text.lineStart(line) } };
  }

  getEOLCharacters(line: number): string {
    if (line < 0 || line >= this.text.lineCount) return '';
    return this.text.slice(this.text.lineEnd(line), this.text.lineStart(line + 1));
  }

  positionAt(offset: number): Position {
    return this.text.positionAt(offset);
  }

  offsetAt(position: Position): number {
    return this.text.offsetAt(position);
  }
}

/** The range with its start first, as an editor may send it either way round. */
function wellFormed(range: Range): Range {
  const { start, end } = range;
  return start.line > end.line || (start.line === end.line && start.character > end.character) ? { start: end, end: start } : range;
}
