/**
 * The server's document (OpenDocument over a PieceText) against vscode-languageserver-textdocument,
 * which it replaces: after random edit sequences, the same text, lines and positions (UTF-16,
 * "\r\n" and lone "\r", surrogate pairs, a BOM, edits across lines and pieces, ranges given
 * backwards or past the end). Small piece sizes put many piece boundaries into short texts.
 */
import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Position, TextDocumentContentChangeEvent } from 'vscode-languageserver';
import { OpenDocument } from '../../server/src/document';
import { PieceText } from '../../server/src/pieceText';
import { mulberry32, type Random } from '../support/random';

const FIXTURES = join(__dirname, '..', 'fixtures');
const INSERTS = ['x', 'abc', ' ', '\n', '\r\n', '\r', '\n\r', '\r\r\n', '😅', '\uD83D', '\uDE05', '\uFEFF', 'é', '- 10:15 UTC: a\r\n', '## Timeline\n\n', ''];

function randomText(random: Random, length: number): string {
  let text = '';
  while (text.length < length) text += INSERTS[Math.floor(random() * INSERTS.length)] + (random() < 0.5 ? 'word ' : '');
  return text;
}

function randomPosition(reference: TextDocument, random: Random): Position {
  const roll = random();
  // Mostly a real place; sometimes a character past the line's end, or a line past the last.
  if (roll < 0.8) return reference.positionAt(Math.floor(random() * (reference.getText().length + 1)));
  if (roll < 0.95) return { line: Math.floor(random() * (reference.lineCount + 1)), character: Math.floor(random() * 12) };
  return { line: reference.lineCount + Math.floor(random() * 3), character: Math.floor(random() * 5) };
}

function randomChanges(reference: TextDocument, random: Random): TextDocumentContentChangeEvent[] {
  if (random() < 0.03) return [{ text: randomText(random, Math.floor(random() * 300)) }];
  const changes: TextDocumentContentChangeEvent[] = [];
  const count = random() < 0.8 ? 1 : 2 + Math.floor(random() * 2);
  for (let i = 0; i < count; i++) {
    const start = randomPosition(reference, random);
    const end = random() < 0.5 ? start : randomPosition(reference, random);
    const text = random() < 0.3 ? '' : random() < 0.9 ? INSERTS[Math.floor(random() * INSERTS.length)] : randomText(random, 1 + Math.floor(random() * 200));
    changes.push({ range: { start, end }, text });
  }
  return changes;
}

/**
 * The reference after `changes`, applied one at a time to a document made from the text. The
 * library's own update keeps its text right but its line offsets wrong after a range whose line is
 * past the last (seen with 1.0.16), so each change is resolved against a freshly indexed text.
 */
function referenceUpdate(reference: TextDocument, changes: TextDocumentContentChangeEvent[], version: number): TextDocument {
  for (const change of changes)
    reference = TextDocument.update(TextDocument.create(reference.uri, reference.languageId, reference.version, reference.getText()), [change], version);
  return TextDocument.create(reference.uri, reference.languageId, version, reference.getText());
}

/** Every offset, line and position (and some out of range) read alike from both. */
function assertSame(document: OpenDocument, reference: TextDocument, random: Random, where: string): void {
  const text = reference.getText();
  assert.equal(document.text.length, text.length, where);
  assert.equal(document.getText(), text, where);
  assert.equal(document.lineCount, reference.lineCount, where);
  for (let offset = -2; offset <= text.length + 2; offset++)
    assert.deepEqual(document.positionAt(offset), reference.positionAt(offset), `${where}: positionAt(${offset})`);
  for (let line = -1; line <= reference.lineCount + 1; line++) {
    for (const character of [-1, 0, 1, 2, 5, 40, 1000]) {
      const position = { line, character };
      assert.equal(document.offsetAt(position), reference.offsetAt(position), `${where}: offsetAt(${JSON.stringify(position)})`);
    }
    assert.deepEqual(document.getLineRange(line), reference.getLineRange(line), `${where}: getLineRange(${line})`);
    assert.equal(document.getEOLCharacters(line), reference.getEOLCharacters(line), `${where}: getEOLCharacters(${line})`);
  }
  for (let i = 0; i < 20; i++) {
    const range = { start: randomPosition(reference, random), end: randomPosition(reference, random) };
    assert.equal(document.getText(range), reference.getText(range), `${where}: getText(${JSON.stringify(range)})`);
    const from = Math.floor(random() * (text.length + 1));
    const to = from + Math.floor(random() * (text.length - from + 1));
    assert.equal(document.text.slice(from, to), text.slice(from, to), `${where}: slice(${from}, ${to})`);
  }
}

describe('the server document reads as vscode-languageserver-textdocument', () => {
  const starts: Array<[string, string]> = [
    ['empty', ''],
    ['a BOM and CRLF', '\uFEFF# Outage\r\n\r\n## Summary\r\n\r\nFrom 10:00 to 11:00 UTC.\r\n'],
    ['lone CRs and emoji', '# Outage 😅\r\r## Timeline\r- 10:00 UTC: 🔥 paged\r- 10:05: \uD83D lone surrogate\r'],
    ['random', randomText(mulberry32(1), 3000)],
    ...readdirSync(FIXTURES)
      .filter((file) => file.endsWith('.md'))
      .sort()
      .slice(0, 4)
      .map((file): [string, string] => [file, readFileSync(join(FIXTURES, file), 'utf8').replace(/\n/g, '\r\n')]),
  ];
  for (const pieceSize of [4, 16, 4096]) {
    for (const [name, start] of starts) {
      it(`after 80 random edits to ${name} (pieces of ${pieceSize})`, () => {
        const random = mulberry32(pieceSize * 31 + name.length);
        let reference = TextDocument.create('file:///a.postmortem.md', 'postmortem', 1, start);
        let document = OpenDocument.create('file:///a.postmortem.md', 'postmortem', 1, start, pieceSize);
        assertSame(document, reference, random, 'created');
        for (let step = 0; step < 80; step++) {
          const changes = randomChanges(reference, random);
          const before = document;
          reference = referenceUpdate(reference, changes, step + 2);
          document = OpenDocument.update(document, changes, step + 2);
          assert.equal(document.version, step + 2);
          assert.equal(before.version, step + 1, 'a version is never changed');
          assertSame(document, reference, random, `step ${step}: ${JSON.stringify(changes)}`);
        }
      });
    }
  }

  it('keeps a long text in pieces, and an edit copies one', () => {
    const text = PieceText.of('x'.repeat(100_000));
    assert.ok(text.pieceCount >= 20);
    const edited = text.edited(50_000, 50_001, 'yz');
    assert.equal(edited.pieceCount, text.pieceCount);
    assert.equal(edited.toString(), 'x'.repeat(50_000) + 'yz' + 'x'.repeat(49_999));
    assert.equal(text.toString(), 'x'.repeat(100_000), 'the version before is unchanged');
  });

  it('keeps pieces few when edits delete most of the text', () => {
    let flat = 'abc\n'.repeat(25_000);
    let text = PieceText.of(flat);
    for (let i = 0; i < 200; i++) {
      text = text.edited(i * 10, i * 10 + 400, '');
      flat = flat.slice(0, i * 10) + flat.slice(i * 10 + 400);
    }
    assert.equal(text.toString(), flat);
    assert.ok(text.pieceCount <= Math.ceil(text.length / 1024) + 1, `${text.pieceCount} pieces for ${text.length} characters`);
  });
});
