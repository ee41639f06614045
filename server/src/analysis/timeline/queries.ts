/**
 * Questions about the timeline's pieces, for the query layer (../query.ts) and the fixes: which
 * pieces hold what, their entries placed in the document.
 */
import { positionsWhereSteps, type Positions } from '../incremental/carry';
import { defineFact, type FactKey } from '../incremental/keys';
import { type ChunkSpan } from '../parse';
import { finish } from '../incremental/steps';
import { type Zone } from '../time';
import { isTimed, pieceOfChunk, type EntryFields, type PieceEntry, type Timeline, type TimelineEntry, type TimelinePiece } from './types';

/** Calls `visit` with each entry in order and the chunk it is in (see `Timeline.pieces`). Visits every piece. */
export function forEachEntry(timeline: Timeline, visit: (entry: PieceEntry, span: ChunkSpan) => void): void {
  for (let c = timeline.firstPiece; c <= timeline.lastPiece; c++) {
    const entries = pieceOfChunk(timeline.pieces, c).entries;
    const span = timeline.chunks.span(c);
    for (let e = 0; e < entries.length; e++) visit(entries[e], span);
  }
}

/**
 * The chunk indices of the pieces for which `has` holds, in order. `has` reads the piece and
 * nothing else but what `setting` names: after an edit only the pieces it changed are asked,
 * unless the setting changed (see carry.ts).
 */
export function piecesWhere(timeline: Timeline, key: FactKey, setting: string, has: (piece: TimelinePiece) => boolean): Positions {
  return finish(piecesWhereSteps(timeline, key, setting, has));
}

/** `piecesWhere` in steps of a few pieces (see `positionsWhereSteps`). */
export function piecesWhereSteps(timeline: Timeline, key: FactKey, setting: string, has: (piece: TimelinePiece) => boolean): Generator<void, Positions> {
  const { pieces } = timeline;
  return positionsWhereSteps(timeline.carried, timeline.carry, key, setting, pieces.length, (position) => {
    const piece = pieces.at(position);
    return piece !== null && has(piece);
  });
}

/** The chunk indices of the pieces that hold a timed entry (see `piecesWhere`): the rules and the providers share this list. */
export function timedPieces(timeline: Timeline): Positions {
  return finish(timedPiecesSteps(timeline));
}

const TIMED_PIECES = defineFact('timeline:timed');

/** `timedPieces` in steps. */
export function timedPiecesSteps(timeline: Timeline): Generator<void, Positions> {
  return piecesWhereSteps(timeline, TIMED_PIECES, '', (piece) => piece.entries.some(isTimed));
}

/** The zone an entry is in: its own, or the timeline's fallback. Works on relative and placed entries alike. */
export function zoneOf(entry: EntryFields, timeline: Timeline): Zone | null {
  return entry.writtenZone?.zone ?? timeline.fallbackZone?.zone ?? null;
}

/** A zone as a setting (see `piecesWhere`): what the offset checks read of it. */
export function zoneSetting(zone: Zone | null | undefined): string {
  return zone ? `${zone.text}|${zone.fixedOffset}|${zone.iana}|${zone.season}|${zone.counterpart}` : '';
}

/** An entry of a piece placed in the document: line and offsets shifted by its chunk's place, zone resolved. */
export function placeEntry(entry: PieceEntry, span: ChunkSpan, timeline: Timeline): TimelineEntry {
  const base = span.start;
  const fallback = timeline.fallbackZone;
  return {
    line: entry.line + span.firstLine,
    time: shifted(entry.time, base),
    endTime: shifted(entry.endTime, base),
    date: entry.date,
    dateOnEntry: entry.dateOnEntry,
    monthDay: entry.monthDay,
    conversion: entry.conversion && base !== 0 ? { time: shifted(entry.conversion.time, base), zone: shifted(entry.conversion.zone, base) } : entry.conversion,
    writtenZone: shifted(entry.writtenZone, base),
    zone: entry.writtenZone ? entry.writtenZone.zone : (fallback?.zone ?? null),
    zoneSource: entry.writtenZone ? 'entry' : (fallback?.source ?? null),
    textStart: entry.textStart + base,
    textEnd: entry.textEnd + base,
    start: entry.start + base,
  };
}

export function shifted<T extends { start: number; end: number }>(value: T, base: number): T;
export function shifted<T extends { start: number; end: number }>(value: T | null, base: number): T | null;
export function shifted<T extends { start: number; end: number }>(value: T | null, base: number): T | null {
  return value === null || base === 0 ? value : { ...value, start: value.start + base, end: value.end + base };
}
