/**
 * The timeline of a version: its range, and its pieces, reusing the previous version's where an
 * edit left a chunk alone and it is read in the same state.
 */
import { BlockList } from '../incremental/blocks';
import { positionsWhereSteps, type Carried, type Splice } from '../incremental/carry';
import { defineFact, defineMemoSlot } from '../incremental/keys';
import { defineLazy } from '../incremental/lazy';
import { type ChunkList, type ChunkSpan, type ParsedDocument } from '../parse';
import { finish } from '../incremental/steps';
import { type Outline } from '../outline';
import { zoneFromNote, type ZoneMention } from '../time';
import type { IncidentWindow } from '../window';
import { pieceInput, readIn, readPiece, timelineState } from './piece';
import { forEachEntry, placeEntry } from './queries';

/** How many chunks `assemble` reads between two steps. */
const PIECES_PER_STEP = 16;
import { pieceOfChunk, type PieceBounds, type Timeline, type TimelineEntry, type TimelinePiece, type TimelineState, type ZoneNote } from './types';

export const PIECE_SLOT = defineMemoSlot('timeline:piece');
const ZONE_NOTES = defineFact('timeline:zone-note');

/** `previous`, the timeline of the version before an edit, lets the chunks the edit left alone keep their pieces. */
export function readTimeline(doc: ParsedDocument, outline: Outline, window: IncidentWindow, previous: Timeline | null = null): Timeline {
  return finish(readTimelineSteps(doc, outline, window, previous));
}

/** `readTimeline` in steps: a cold read visits every chunk of the timeline, a few at a step. */
export function* readTimelineSteps(doc: ParsedDocument, outline: Outline, window: IncidentWindow, previous: Timeline | null = null): Generator<void, Timeline> {
  const section = outline.sections.timeline ?? null;
  const { index, source, chunks } = doc;
  let timelineZone: ZoneNote | null = null;

  if (section?.node.note) {
    const zone = zoneFromNote(section.node.note);
    if (zone) {
      // The note is written on the heading's line.
      const inLine = index.lineText(section.line).indexOf(section.node.note);
      const noteStart = inLine < 0 ? -1 : index.start(section.line) + inLine;
      timelineZone = { zone, source: 'heading', start: noteStart, end: noteStart + section.node.note.length };
    }
  }

  const first = section ? (section.node.tier === 3 ? section.line : section.line + 1) : 0;
  const last = section ? section.endLine : index.lineCount - 1;
  // Without a timeline section, only lines shaped like entries count ("**Update: 18:52** ...").
  const range: TimelineRange = {
    first,
    last,
    strict: section === null,
    firstPiece: Math.max(0, chunks.indexOfLine(first)),
    lastPiece: chunks.indexOfLine(last),
  };
  const initial = timelineState(null, -1, true, timelineZone !== null, null, 0, null, null, 0, reportYear(doc, window, first));
  const { pieces, splice } = yield* assemble(doc, range, initial, previous);
  const carry = splice && previous ? { splice, previous: previous.carried } : null;
  const carried: Carried = new Map();

  const noted = yield* positionsWhereSteps(carried, carry, ZONE_NOTES, '', pieces.length, (position) => pieces.at(position)?.zoneNote != null);
  const note = noted.length > 0 ? pieces.at(noted[0])?.zoneNote : null;
  if (!timelineZone && note) {
    const base = chunks.start(noted[0]);
    timelineZone = { zone: note.zone, source: note.source, start: note.start + base, end: note.end + base };
  }

  const summaryZone = window.zone?.zone ?? null;
  const fallbackZone = timelineZone
    ? { zone: timelineZone.zone, source: timelineZone.source }
    : summaryZone
      ? { zone: summaryZone, source: 'summary' as const }
      : null;
  let zone: ZoneMention | null = null;
  if (timelineZone) {
    const from = Math.max(0, timelineZone.start);
    const inNote = source.slice(from, Math.max(from, timelineZone.end)).indexOf(timelineZone.zone.text);
    const at = inNote < 0 ? -1 : from + inNote;
    const exact = at >= 0;
    zone = {
      start: exact ? at : timelineZone.start,
      end: exact ? at + timelineZone.zone.text.length : timelineZone.end,
      text: timelineZone.zone.text,
      zone: timelineZone.zone,
    };
  }
  const timeline: Timeline = {
    section,
    entries: [],
    zone,
    zoneSource: timelineZone?.source ?? null,
    fallbackZone,
    pieces,
    chunks,
    firstPiece: range.firstPiece,
    lastPiece: range.lastPiece,
    carried,
    carry,
  };
  defineLazy(timeline, 'entries', () => {
    const entries: TimelineEntry[] = [];
    forEachEntry(timeline, (entry, span) => entries.push(placeEntry(entry, span, timeline)));
    return entries;
  });
  return timeline;
}

/** How far before the timeline a year is looked for: the title, the front matter, a "Date:" line. */
export const YEAR_LOOKAHEAD = 4096;

/** The report's year, for days written without one: the window's, else the first year written before the timeline. */
export function reportYear(doc: ParsedDocument, window: IncidentWindow, timelineFirstLine: number): number | null {
  const dated = window.start?.date ?? window.end?.date;
  if (dated) return Number(dated.slice(0, 4));
  const end = Math.min(
    doc.source.length,
    YEAR_LOOKAHEAD,
    timelineFirstLine > 0 ? doc.index.start(Math.min(timelineFirstLine, doc.index.lineCount - 1)) : YEAR_LOOKAHEAD,
  );
  const year = /\b(?:19[7-9]\d|20\d\d)\b/.exec(doc.source.slice(0, end));
  return year ? Number(year[0]) : null;
}

/** The timeline's lines, and the chunks that hold them (lastPiece < firstPiece when none does). */
export interface TimelineRange extends PieceBounds {
  firstPiece: number;
  lastPiece: number;
}

/**
 * The pieces of every chunk of the timeline, and the splice (see carry.ts) that takes the previous
 * version's pieces to these: null when that is not known, and every piece counts as new.
 *
 * After an edit, the pieces before it are the previous ones. From the edit on, chunks are read
 * until one that the edit left alone is read in the state it was read in before: from there on
 * every piece is the previous one, and none is looked at, but the timeline's last (whose lines in
 * the timeline may have changed).
 */
export function* assemble(
  doc: ParsedDocument,
  range: TimelineRange,
  initial: TimelineState,
  previous: Timeline | null,
): Generator<void, { pieces: BlockList<TimelinePiece | null>; splice: Splice | null }> {
  const { chunks } = doc;
  const { firstPiece, lastPiece } = range;
  const edit = doc.carry?.splice ?? null;
  const read = (c: number, state: TimelineState): TimelinePiece => pieceAt(chunks.span(c), state, range);
  const old = previous && edit && startsAlike(previous, edit, range) ? previous : null;
  if (!old || !edit) return { pieces: yield* readAllPieces(chunks, range, initial, read), splice: null };
  const shift = edit.added - edit.removed;
  // The previous pieces, those after the edit moved to where their chunks now are: what is read
  // below replaces them, so that an edit copies only the blocks of pieces it read.
  let pieces = replaced(old.pieces, edit.from, edit.removed, new Array(edit.added).fill(null));

  // Before the edit: the previous pieces, if the first was read as it would be now.
  let walkFrom = firstPiece;
  let state = initial;
  const prefixEnd = Math.min(edit.from, lastPiece, old.lastPiece);
  if (firstPiece < prefixEnd) {
    const head = pieceOfChunk(old.pieces, firstPiece);
    const bounds = boundsOf(chunks.span(firstPiece), range);
    if (readIn(head.input, initial, bounds.first, bounds.last, range.strict)) {
      walkFrom = prefixEnd;
      state = pieceOfChunk(old.pieces, prefixEnd - 1).output;
    }
  }

  // From the edit on: read until a chunk the edit left alone is read as before. The splice for
  // the facts kept per piece covers the edit and every piece that is not the previous one.
  const previousAt = (c: number): TimelinePiece | null | undefined =>
    c < edit.from ? old.pieces.at(c) : c >= edit.from + edit.added ? old.pieces.at(c - shift) : undefined;
  let changedFrom = edit.from;
  let changedTo = edit.from + edit.added;
  const note = (c: number, piece: TimelinePiece): void => {
    if (piece === previousAt(c)) return;
    changedFrom = Math.min(changedFrom, c);
    changedTo = Math.max(changedTo, c + 1);
  };
  const walked: TimelinePiece[] = [];
  let lastRead: TimelinePiece | null = null;
  for (let c = walkFrom; c <= lastPiece; c++) {
    // Only a piece inside the previous timeline can stand for the ones after it (the last one's lines may differ).
    const was = c >= edit.from + edit.added && c < lastPiece && lastPiece - shift <= old.lastPiece ? old.pieces.at(c - shift) : null;
    if (was) {
      const bounds = boundsOf(chunks.span(c), range);
      if (readIn(was.input, state, bounds.first, bounds.last, range.strict)) {
        // Pieces [c, lastPiece) are the previous ones, already in place.
        lastRead = read(lastPiece, pieceOfChunk(pieces, lastPiece - 1).output);
        note(lastPiece, lastRead);
        break;
      }
    }
    const piece = read(c, state);
    walked.push(piece);
    note(c, piece);
    state = piece.output;
    if (walked.length % PIECES_PER_STEP === 0) yield;
  }
  pieces = replaced(pieces, walkFrom, walked.length, walked);
  if (lastRead) pieces = replaced(pieces, lastPiece, 1, [lastRead]);
  // A timeline that ended further on before: the chunks it no longer reaches changed too.
  const oldLast = old.lastPiece < edit.from ? old.lastPiece : old.lastPiece >= edit.from + edit.removed ? old.lastPiece + shift : -1;
  if (oldLast > lastPiece) {
    changedFrom = Math.min(changedFrom, lastPiece + 1);
    changedTo = Math.max(changedTo, oldLast + 1);
    pieces = replaced(pieces, lastPiece + 1, oldLast - lastPiece, new Array(oldLast - lastPiece).fill(null));
  }
  return { pieces, splice: { from: changedFrom, removed: changedTo - shift - changedFrom, added: changedTo - changedFrom } };
}

/** Whether the previous timeline starts where this one does (the edit moved its first chunk, or not): only then are its pieces reused. */
function startsAlike(old: Timeline, edit: Splice, { firstPiece, lastPiece }: TimelineRange): boolean {
  if (old.lastPiece < old.firstPiece || lastPiece < firstPiece) return false;
  const shift = edit.added - edit.removed;
  if (old.firstPiece < edit.from) return old.firstPiece === firstPiece;
  if (old.firstPiece >= edit.from + edit.removed) return old.firstPiece + shift === firstPiece;
  return firstPiece >= edit.from && firstPiece < edit.from + edit.added;
}

/** Every piece read afresh, in order, a few hundred at a step. */
function* readAllPieces(
  chunks: ChunkList,
  { firstPiece, lastPiece }: TimelineRange,
  initial: TimelineState,
  read: (c: number, state: TimelineState) => TimelinePiece,
): Generator<void, BlockList<TimelinePiece | null>> {
  const all: Array<TimelinePiece | null> = new Array(chunks.length).fill(null);
  let state = initial;
  for (let c = firstPiece; c <= lastPiece; c++) {
    state = (all[c] = read(c, state)).output;
    if ((c - firstPiece) % PIECES_PER_STEP === PIECES_PER_STEP - 1) yield;
  }
  return BlockList.of(all.length, all, [], chunks.blockSize);
}

/** `pieces` with [from, from + removed) replaced by `added`. */
export function replaced(
  pieces: BlockList<TimelinePiece | null>,
  from: number,
  removed: number,
  added: Array<TimelinePiece | null>,
): BlockList<TimelinePiece | null> {
  return pieces.spliced(from, from + removed, { count: added.length, values: added, numbers: [] }, []);
}

export function boundsOf(span: ChunkSpan, range: TimelineRange): { first: number; last: number } {
  return { first: Math.max(0, range.first - span.firstLine), last: Math.min(span.chunk.lines.length - 1, range.last - span.firstLine) };
}

/** The chunk's piece when read in `state`: the one kept on the chunk if it was read so, else read now. */
export function pieceAt(span: ChunkSpan, state: TimelineState, range: TimelineRange): TimelinePiece {
  const { first, last } = boundsOf(span, range);
  let piece = span.chunk.keptAt<TimelinePiece>(PIECE_SLOT);
  if (!piece || !readIn(piece.input, state, first, last, range.strict)) {
    piece = readPiece(span.chunk, pieceInput(state, first, last, range.strict));
    span.chunk.keepAt(PIECE_SLOT, piece);
  }
  return piece;
}
