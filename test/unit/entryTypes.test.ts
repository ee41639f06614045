/**
 * A piece holds its entries with lines and offsets relative to its chunk; a rule, a provider or the
 * CLI must only ever see them placed in the document. The types keep the two apart, so that handing
 * a piece's entry to code that reports positions does not compile: the `@ts-expect-error` lines below
 * fail `tsc -b` (part of `npm test`) the day the two types become interchangeable again.
 */
import { strict as assert } from 'node:assert';
import { analyze } from '../../server/src/analysis/index';
import { isTimed, placeEntry, type PieceEntry, type TimelineEntry } from '../../server/src/analysis/timeline';

const TEXT = [
  '# Postmortem: Queue stalled',
  '',
  '## Timeline (all times UTC)',
  '',
  '- 10:00 Alert fired',
  '',
  'Some text.',
  '',
  '- 10:05 Rolled back',
  '',
].join('\n');

describe('piece entries and placed entries', () => {
  it('are different types: neither passes for the other', () => {
    const { model } = analyze(TEXT);
    const { timeline } = model;
    const last = timeline.pieces.at(timeline.lastPiece);
    assert.ok(last, 'the last chunk of the timeline has a piece');
    const relative: PieceEntry = last.entries[0];
    // @ts-expect-error a piece's entry (offsets relative to its chunk) is not a placed entry
    const wrong: TimelineEntry = relative;
    const placedEntry: TimelineEntry = placeEntry(relative, timeline.chunks.span(timeline.lastPiece), timeline);
    // @ts-expect-error a placed entry is not a piece's entry
    const alsoWrong: PieceEntry = placedEntry;
    // The same object underneath: only the types tell them apart, and they must.
    assert.equal(wrong, relative);
    assert.equal(alsoWrong, placedEntry);
    assert.notEqual(placedEntry.line, relative.line);
  });

  it('placing moves the line and offsets by the chunk and fills in the zone', () => {
    const { model } = analyze(TEXT);
    const { timeline } = model;
    const position = timeline.lastPiece;
    const piece = timeline.pieces.at(position);
    assert.ok(piece);
    const relative = piece.entries.find(isTimed);
    assert.ok(relative);
    const span = timeline.chunks.span(position);
    const placed = placeEntry(relative, span, timeline);
    assert.equal(relative.line, 0, 'relative to its chunk, the entry is on the chunk’s first line');
    assert.equal(placed.line, TEXT.split('\n').indexOf('- 10:05 Rolled back'));
    assert.equal(TEXT.slice(placed.textStart, placed.textEnd), 'Rolled back');
    assert.equal(placed.zone?.text, 'UTC');
    assert.equal(relative.zone, null);
    assert.deepEqual(
      model.timeline.entries.filter(isTimed).map((entry) => entry.line),
      [4, 8],
    );
  });
});
