/**
 * What providers and rules read of the timeline without a query of their own: its first and last
 * timed entries, how many entries it has, its timed entries in order, the zones it writes, and the
 * entries near a line. Each reads as few pieces as it can. Reached through query.ts.
 */
import { finish } from '../incremental/steps';
import type { PostmortemModel } from '../model';
import { isTimed, timedPieces, timedPiecesSteps, type TimelinePiece } from '../timeline';
import { pieceAt, placed, placedTimed, spendOn, StepBudget, WORK_PER_STEP, type PlacedEntry, type PlacedTimedEntry } from './shared';

/** The first timed entry of the timeline, placed, or null. */
export function* firstTimedEntrySteps(model: PostmortemModel): Generator<void, PlacedTimedEntry | null> {
  const timed = yield* timedPiecesSteps(model.timeline);
  if (timed.length === 0) return null;
  const entry = pieceAt(model.timeline, timed[0]).entries.find(isTimed);
  return entry ? placedTimed(entry, timed[0], model.timeline) : null;
}

/** The last timed entry of the timeline, placed, or null: one piece read, however long the timeline. */
export function lastTimedEntry(model: PostmortemModel): PlacedTimedEntry | null {
  const timed = timedPieces(model.timeline);
  if (timed.length === 0) return null;
  const position = timed[timed.length - 1];
  const entries = pieceAt(model.timeline, position).entries;
  for (let e = entries.length - 1; e >= 0; e--) {
    const entry = entries[e];
    if (isTimed(entry)) return placedTimed(entry, position, model.timeline);
  }
  return null;
}

/** How many timed entries the timeline has. */
export function* timedEntryCountSteps(model: PostmortemModel): Generator<void, number> {
  const timed = yield* timedPiecesSteps(model.timeline);
  let count = 0;
  const budget = new StepBudget();
  for (let p = 0; p < timed.length; p++) {
    if (spendOn(budget, model.timeline, timed[p])) yield;
    count += pieceAt(model.timeline, timed[p]).entries.filter(isTimed).length;
  }
  return count;
}

/** How many entries the timeline has, timed or not. */
export function* entryCountSteps(model: PostmortemModel): Generator<void, number> {
  const { timeline } = model;
  let count = 0;
  for (let position = timeline.firstPiece; position <= timeline.lastPiece; position++) {
    if ((position - timeline.firstPiece) % WORK_PER_STEP === WORK_PER_STEP - 1) yield;
    count += timeline.pieces.at(position)?.entries.length ?? 0;
  }
  return count;
}

export function timedEntryCount(model: PostmortemModel): number {
  return finish(timedEntryCountSteps(model));
}

/** The timed entries, placed, in the timeline's order: read from the pieces that hold one (`timedPieces`). */
export function* timedEntriesSteps(model: PostmortemModel): Generator<void, PlacedTimedEntry[]> {
  const timed = yield* timedPiecesSteps(model.timeline);
  const found: PlacedTimedEntry[] = [];
  const budget = new StepBudget();
  for (let p = 0; p < timed.length; p++) {
    if (spendOn(budget, model.timeline, timed[p])) yield;
    for (const entry of pieceAt(model.timeline, timed[p]).entries) if (isTimed(entry)) found.push(placedTimed(entry, timed[p], model.timeline));
  }
  return found;
}

/**
 * The zones the timeline's entries write, each once, in order. Kept per block of pieces (see
 * `BlockList.valueBlocks`): after an edit only the block it touched is read again, so a new
 * analysis of a timeline of thousands of entries costs one block.
 */
export function zonesWrittenInTimeline(model: PostmortemModel): string[] {
  const found = new Set<string>();
  for (const block of model.timeline.pieces.valueBlocks()) for (const zone of zonesWrittenIn(block)) found.add(zone);
  return [...found];
}

const BLOCK_ZONES = new WeakMap<readonly (TimelinePiece | null)[], readonly string[]>();

function zonesWrittenIn(block: readonly (TimelinePiece | null)[]): readonly string[] {
  let zones = BLOCK_ZONES.get(block);
  if (!zones) {
    const found = new Set<string>();
    for (const piece of block) if (piece) for (const entry of piece.entries) if (entry.writtenZone) found.add(entry.writtenZone.text);
    zones = [...found];
    BLOCK_ZONES.set(block, zones);
  }
  return zones;
}

/** The entries of the block of text holding `line`, placed: one piece read, not the whole timeline. */
export function entriesNear(model: PostmortemModel, line: number): PlacedEntry[] {
  const { timeline } = model;
  const position = timeline.chunks.indexOfLine(line);
  if (position < timeline.firstPiece || position > timeline.lastPiece) return [];
  const piece = timeline.pieces.at(position);
  return piece ? piece.entries.map((entry) => placed(entry, position, timeline)) : [];
}
