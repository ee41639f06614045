/**
 * The query layer: the questions rules and providers ask of a model, answered through the
 * incremental machinery without showing it to them.
 *
 * A report is parsed in chunks and its timeline read in pieces, one per chunk, with offsets
 * relative to the chunk (see docs/architecture.md). A question such as "which entries are in a
 * zone the timeline does not state?" is answered piece by piece and the answer kept on the version,
 * so that after an edit only the pieces the edit changed are asked again. That holds only while the
 * question reads nothing but the piece and the inputs it was asked with: here a query is defined
 * once at a module's top level (so it closes over nothing of one analysis), is asked with its
 * inputs, and its answers are kept under its name and those inputs: a change of input asks every
 * piece afresh. What a query is handed while it is asked carries
 * no offsets (`EntryFacts`); what comes back is placed in the document (`PlacedEntry`).
 *
 * Line checks (`defineLineCheck`) are the same for the text: a check of a block of lines, kept
 * while the block is unchanged, whose problems are placed where the block now stands (query/text.ts).
 * The timeline's plain reads (its first and last timed entries, its counts) are in query/reads.ts,
 * and what the parts share (names, placing, the step budget) in query/shared.ts: all reached from here.
 */
import { positionsWhereSteps, rankOf } from './incremental/carry';
import { entryLineAt, type EntryLine } from './evidence';
import type { PostmortemModel } from './model';
import { defineFact } from './incremental/keys';
import { finish } from './incremental/steps';
import { isTimed, piecesWhereSteps, timedPiecesSteps, type PieceEntry, type Timed, type Timeline, type TimelinePiece } from './timeline';
import { pieceAt, placed, register, inputKey, spendOn, StepBudget, type Defined, type EntryFacts, type PlacedEntry } from './query/shared';

export { isTimed, zoneOf, type TimedEntry, type TimelineEntry } from './timeline';
/** Runs a `...Steps` generator to its end: what every caller but the server's slicing does. */
export { finish };
export type { EntryLine } from './evidence';
export { inputKey, queryNames, type Defined, type EntryFacts, type PlacedEntry, type PlacedTimedEntry, type TextBlock } from './query/shared';
export { defineBlockQuery, defineLineCheck, hasBlockWhereSteps, reportLineProblemsSteps, titleLine, type BlockQuery, type LineCheck } from './query/text';
export {
  entriesNear,
  entryCountSteps,
  firstTimedEntrySteps,
  lastTimedEntry,
  timedEntriesSteps,
  timedEntryCount,
  timedEntryCountSteps,
  zonesWrittenInTimeline,
} from './query/reads';

/**
 * A question about entries: which ones `matches`, given the inputs it is asked with. Defined once,
 * at a module's top level, so that `matches` can close over nothing of one analysis: everything it
 * reads besides the entry is in `inputs`, and answers are kept while the inputs are equal.
 */
export interface EntryQuery<Inputs> {
  readonly name: string;
  readonly matches: (entry: EntryFacts, inputs: Inputs) => boolean;
}

/** A question about consecutive timed entries: which steps from `previous` to `entry` match. */
export interface StepQuery<Inputs> {
  readonly name: string;
  /** Which timed entries take part: the others are passed over (an entry before a piece's first is always its `previous`). */
  readonly takes: (entry: EntryFacts, inputs: Inputs) => boolean;
  readonly matches: (entry: EntryFacts, previous: EntryFacts, inputs: Inputs) => boolean;
}

/**
 * A question about timed entries that reads the words of the entry's own line as well (see
 * `entryLineAt` in evidence.ts: around its time, bounded), never the lines after it. Untimed
 * entries never match.
 */
export interface EntryLineQuery<Inputs> {
  readonly name: string;
  readonly matches: (entry: EntryFacts, line: EntryLine, inputs: Inputs) => boolean;
}

export function defineEntryQuery<Inputs>(query: EntryQuery<Inputs>): Defined<EntryQuery<Inputs>> {
  register(`entries:${query.name}`);
  return Object.freeze({ ...query, fact: defineFact(`entries:${query.name}`) });
}

export function defineEntryLineQuery<Inputs>(query: EntryLineQuery<Inputs>): Defined<EntryLineQuery<Inputs>> {
  register(`entry-lines:${query.name}`);
  return Object.freeze({ ...query, fact: defineFact(`entry-lines:${query.name}`) });
}

export function defineStepQuery<Inputs>(query: StepQuery<Inputs>): Defined<StepQuery<Inputs>> {
  register(`steps:${query.name}`);
  return Object.freeze({ ...query, fact: defineFact(`steps:${query.name}`) });
}

function positionsOf<Inputs>(model: PostmortemModel, query: Defined<EntryQuery<Inputs>>, inputs: Inputs): Generator<void, ArrayLike<number>> {
  return piecesWhereSteps(model.timeline, query.fact, inputKey(inputs), (piece) => piece.entries.some((entry) => query.matches(entry, inputs)));
}

/**
 * The entries the query matches, placed, in the timeline's order. In steps (see steps.ts), as
 * every function here whose name ends in `Steps`: the others run them to their end.
 */
export function* entriesWhereSteps<Inputs>(model: PostmortemModel, query: Defined<EntryQuery<Inputs>>, inputs: Inputs): Generator<void, PlacedEntry[]> {
  const { timeline } = model;
  const positions = yield* positionsOf(model, query, inputs);
  const found: PlacedEntry[] = [];
  const budget = new StepBudget();
  for (let p = 0; p < positions.length; p++) {
    const position = positions[p];
    if (spendOn(budget, timeline, position)) yield;
    for (const entry of pieceAt(timeline, position).entries) if (query.matches(entry, inputs)) found.push(placed(entry, position, timeline));
  }
  return found;
}

export function entriesWhere<Inputs>(model: PostmortemModel, query: Defined<EntryQuery<Inputs>>, inputs: Inputs): PlacedEntry[] {
  return finish(entriesWhereSteps(model, query, inputs));
}

/**
 * The entries an entry-line query matches, placed, in the timeline's order. Which pieces hold one
 * is carried as any other fact: the line read is the piece's own chunk's, so a piece the edit left
 * alone has the same answer (read from the document's text, which a chunk's equals but for a BOM).
 */
export function* entriesWhereLineSteps<Inputs>(model: PostmortemModel, query: Defined<EntryLineQuery<Inputs>>, inputs: Inputs): Generator<void, PlacedEntry[]> {
  const { timeline, doc } = model;
  const matchesAt = (entry: PieceEntry, base: number): boolean =>
    entry.time !== null && query.matches(entry, entryLineAt(doc.source, base + entry.time.start), inputs);
  const positions = yield* positionsWhereSteps(timeline.carried, timeline.carry, query.fact, inputKey(inputs), timeline.pieces.length, (position) => {
    const piece = timeline.pieces.at(position);
    if (!piece) return false;
    const base = timeline.chunks.start(position);
    return piece.entries.some((entry) => matchesAt(entry, base));
  });
  const found: PlacedEntry[] = [];
  const budget = new StepBudget();
  for (let p = 0; p < positions.length; p++) {
    const position = positions[p];
    if (spendOn(budget, timeline, position)) yield;
    const base = timeline.chunks.start(position);
    for (const entry of pieceAt(timeline, position).entries) if (matchesAt(entry, base)) found.push(placed(entry, position, timeline));
  }
  return found;
}

export function entriesWhereLine<Inputs>(model: PostmortemModel, query: Defined<EntryLineQuery<Inputs>>, inputs: Inputs): PlacedEntry[] {
  return finish(entriesWhereLineSteps(model, query, inputs));
}

/** Whether any entry matches: answered without placing one. */
export function* hasEntryWhereSteps<Inputs>(model: PostmortemModel, query: Defined<EntryQuery<Inputs>>, inputs: Inputs): Generator<void, boolean> {
  return (yield* positionsOf(model, query, inputs)).length > 0;
}

export function hasEntryWhere<Inputs>(model: PostmortemModel, query: Defined<EntryQuery<Inputs>>, inputs: Inputs): boolean {
  return finish(hasEntryWhereSteps(model, query, inputs));
}

/** The first entry the query matches, placed, or null. */
export function* firstEntryWhereSteps<Inputs>(model: PostmortemModel, query: Defined<EntryQuery<Inputs>>, inputs: Inputs): Generator<void, PlacedEntry | null> {
  const positions = yield* positionsOf(model, query, inputs);
  if (positions.length === 0) return null;
  const entry = pieceAt(model.timeline, positions[0]).entries.find((candidate) => query.matches(candidate, inputs));
  return entry ? placed(entry, positions[0], model.timeline) : null;
}

export function firstEntryWhere<Inputs>(model: PostmortemModel, query: Defined<EntryQuery<Inputs>>, inputs: Inputs): PlacedEntry | null {
  return finish(firstEntryWhereSteps(model, query, inputs));
}

/** Calls `visit` with each step of the piece: a taken timed entry and the one before it. */
function forEachStep<Inputs>(
  piece: TimelinePiece,
  query: Defined<StepQuery<Inputs>>,
  inputs: Inputs,
  visit: (entry: Timed<PieceEntry>, previous: Timed<PieceEntry>) => void,
): void {
  let previous = piece.input.previous;
  for (const entry of piece.entries) {
    if (!isTimed(entry) || !query.takes(entry, inputs)) continue;
    if (previous) visit(entry, previous);
    previous = entry;
  }
}

function stepPositions<Inputs>(model: PostmortemModel, query: Defined<StepQuery<Inputs>>, inputs: Inputs): Generator<void, ArrayLike<number>> {
  const has = (piece: TimelinePiece): boolean => {
    let found = false;
    forEachStep(piece, query, inputs, (entry, previous) => (found ||= query.matches(entry, previous, inputs)));
    return found;
  };
  return piecesWhereSteps(model.timeline, query.fact, inputKey(inputs), has);
}

/** Whether any step matches: answered without placing one. */
export function* hasStepWhereSteps<Inputs>(model: PostmortemModel, query: Defined<StepQuery<Inputs>>, inputs: Inputs): Generator<void, boolean> {
  return (yield* stepPositions(model, query, inputs)).length > 0;
}

export function hasStepWhere<Inputs>(model: PostmortemModel, query: Defined<StepQuery<Inputs>>, inputs: Inputs): boolean {
  return finish(hasStepWhereSteps(model, query, inputs));
}

/** The steps the query matches, each entry with the one before it, placed, in the timeline's order. */
export function* stepsWhereSteps<Inputs>(
  model: PostmortemModel,
  query: Defined<StepQuery<Inputs>>,
  inputs: Inputs,
): Generator<void, Array<{ entry: PlacedEntry; previous: PlacedEntry }>> {
  const { timeline } = model;
  const positions = yield* stepPositions(model, query, inputs);
  // Asked on every edit, though needed only when a step matches: kept warm, an edit updates it for
  // the pieces it changed, where worked out afresh when a step first matches it would read them all.
  const timed = yield* timedPiecesSteps(timeline);
  if (positions.length === 0) return [];
  const steps: Array<{ entry: PlacedEntry; previous: PlacedEntry }> = [];
  const budget = new StepBudget();
  for (let p = 0; p < positions.length; p++) {
    const position = positions[p];
    if (spendOn(budget, timeline, position)) yield;
    const piece = pieceAt(timeline, position);
    forEachStep(piece, query, inputs, (entry, previous) => {
      if (!query.matches(entry, previous, inputs)) return;
      const before = piece.entries.includes(previous) ? placed(previous, position, timeline) : lastTimedBefore(timeline, timed, position);
      if (before) steps.push({ entry: placed(entry, position, timeline), previous: before });
    });
  }
  return steps;
}

export function stepsWhere<Inputs>(
  model: PostmortemModel,
  query: Defined<StepQuery<Inputs>>,
  inputs: Inputs,
): Array<{ entry: PlacedEntry; previous: PlacedEntry }> {
  return finish(stepsWhereSteps(model, query, inputs));
}

/** The last timed entry of the pieces before `position`, placed: the `previous` a piece starts with. */
function lastTimedBefore(timeline: Timeline, timed: ArrayLike<number>, position: number): PlacedEntry | null {
  const rank = rankOf(timed, position);
  if (rank === 0) return null;
  const before = timed[rank - 1];
  const entries = pieceAt(timeline, before).entries;
  for (let e = entries.length - 1; e >= 0; e--) if (isTimed(entries[e])) return placed(entries[e], before, timeline);
  return null;
}
