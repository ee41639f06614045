/**
 * Timeline entries: bullets, numbered items, bold or italic times, plain lines, table rows,
 * tab-separated columns, headings with times, ranges, and entries that start after a `<br>` in the
 * middle of a reflowed line. Read in timeline/: types.ts (the shapes), lines.ts and tables.ts (what
 * a line says), piece.ts (a chunk read in a state), assemble.ts (the timeline of a version),
 * queries.ts (which pieces hold what).
 */
export type { Timeline, TimelineEntry, TimedEntry, TimelinePiece, ZoneSource } from './timeline/types';
export { isTimed, pieceOfChunk, timedEntries, type EntryFields, type PieceEntry, type Timed } from './timeline/types';
export { forEachEntry, piecesWhere, piecesWhereSteps, placeEntry, timedPieces, timedPiecesSteps, zoneOf, zoneSetting } from './timeline/queries';
export { InstantClock } from './timeline/piece';
export { readTimeline, readTimelineSteps } from './timeline/assemble';
