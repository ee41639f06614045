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
 * while the block is unchanged, whose problems are placed where the block now stands.
 */
import { positionsWhereSteps, rankOf } from './incremental/carry';
import { entryLineAt, type EntryLine } from './evidence';
import type { PostmortemModel } from './model';
import { chunksWhereSteps, type Chunk } from './parse';
import { defineFact, defineMemoSlot, type FactKey } from './incremental/keys';
import type { Problem } from './rules/rule';
import { finish } from './incremental/steps';
import {
  isTimed,
  pieceOfChunk,
  piecesWhereSteps,
  placeEntry,
  timedPieces,
  timedPiecesSteps,
  type EntryFields,
  type PieceEntry,
  type Timed,
  type TimedEntry,
  type Timeline,
  type TimelineEntry,
  type TimelinePiece,
} from './timeline';

export { isTimed, zoneOf, type TimedEntry, type TimelineEntry } from './timeline';
/** Runs a `...Steps` generator to its end: what every caller but the server's slicing does. */
export { finish };
export type { EntryLine } from './evidence';

/**
 * A timeline entry where it stands in the document: its line and offsets are the document's. The
 * pieces' own entries are `PieceEntry`s, which the type system keeps from passing for one.
 */
export type PlacedEntry = TimelineEntry;
export type PlacedTimedEntry = TimedEntry;

/**
 * What a query may read of an entry while it is asked: all but where the entry stands, which is
 * relative to its chunk then. (The time's own offsets are relative too: a query reads its value.)
 */
export type EntryFacts = Omit<EntryFields, 'line' | 'start' | 'textStart' | 'textEnd'>;

/** A block of lines as the parser read them: its text, line index and line kinds, with offsets relative to the block. */
export type TextBlock = Pick<Chunk, 'text' | 'index' | 'lines'>;

const NAMES = new Set<string>();

/** Each query's answers are kept under its name: two queries of one name would overwrite each other's. */
function register(name: string): void {
  if (NAMES.has(name)) throw new Error(`Two queries are named "${name}": answers are kept by name, so each needs its own.`);
  NAMES.add(name);
}

/** The names of every query defined, for the architecture test and the docs. */
export function queryNames(): readonly string[] {
  return [...NAMES].sort();
}

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

/** A check of a block of lines, returning problems with offsets relative to the block. */
export interface LineCheck {
  readonly name: string;
  readonly check: (block: TextBlock) => Problem[];
}

/** A question about blocks of text: does this block hold what is asked? Reads the block alone. */
export interface BlockQuery {
  readonly name: string;
  readonly has: (block: TextBlock) => boolean;
}

/** A query as defined: with the name its answers are kept under (see incremental/keys.ts). */
export type Defined<Query> = Query & { readonly fact: FactKey };

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

export function defineLineCheck(check: LineCheck): Defined<LineCheck> & { readonly slot: number } {
  register(`lines:${check.name}`);
  return Object.freeze({ ...check, fact: defineFact(`lines:${check.name}`), slot: defineMemoSlot(`lines:${check.name}`) });
}

export function defineBlockQuery(query: BlockQuery): Defined<BlockQuery> & { readonly slot: number } {
  register(`blocks:${query.name}`);
  return Object.freeze({ ...query, fact: defineFact(`blocks:${query.name}`), slot: defineMemoSlot(`blocks:${query.name}`) });
}

/**
 * Inputs as the key their answers are kept under: their JSON. Different inputs never share a key, so
 * an answer is never reused for inputs it was not worked out for; equal inputs built with their keys
 * in another order would get another key and be worked out afresh, which costs time, not correctness.
 * (Sorting the keys of every nested object, as this did, cost a tenth of a keystroke on 1 MB.)
 */
export function inputKey(inputs: unknown): string {
  return JSON.stringify(inputs) ?? '';
}

function placed(entry: PieceEntry, position: number, timeline: Timeline): PlacedEntry {
  return placeEntry(entry, timeline.chunks.span(position), timeline);
}

/** A timed entry placed: placing moves its offsets and keeps its time. */
function placedTimed(entry: Timed<PieceEntry>, position: number, timeline: Timeline): PlacedTimedEntry {
  return placed(entry, position, timeline) as PlacedTimedEntry;
}

/** The piece at a position that came from the timeline's own pieces. */
function pieceAt(timeline: Timeline, position: number): TimelinePiece {
  return pieceOfChunk(timeline.pieces, position);
}

/**
 * How much is done between two steps, counting a piece visited and each entry in it as one: a
 * rule that reports thousands of entries still yields, and so does a walk over a timeline whose
 * pieces hold a thousand entries each (a day of minute-by-minute lines under its heading).
 */
const WORK_PER_STEP = 1024;

/** Counts work done and says when to yield (see WORK_PER_STEP). */
class StepBudget {
  private spent = 0;

  /** Whether to yield before doing `work` more. */
  spend(work: number): boolean {
    this.spent += work;
    if (this.spent < WORK_PER_STEP) return false;
    this.spent = work;
    return true;
  }
}

/** Whether to yield before visiting the piece at `position` (see StepBudget). */
function spendOn(budget: StepBudget, timeline: Timeline, position: number): boolean {
  return budget.spend(1 + (timeline.pieces.at(position)?.entries.length ?? 0));
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

/** The report's first line of text, usually its title (front matter, HTML and blank lines skipped). */
export function titleLine(model: PostmortemModel): number {
  const { lines } = model.doc;
  let first = 0;
  while (first < lines.length - 1 && lines.at(first).kind !== 'paragraph' && lines.at(first).kind !== 'heading') first++;
  return first;
}

/** Runs a line check on every block, keeping its problems while the block is unchanged, and reports them where the block now stands. */
export function* reportLineProblemsSteps(
  model: PostmortemModel,
  check: Defined<LineCheck> & { readonly slot: number },
  report: (problem: Problem) => void,
): Generator<void, void> {
  const { doc } = model;
  const run = (chunk: Chunk): Problem[] => chunk.memoAt(check.slot, check.check);
  const positions = yield* chunksWhereSteps(doc, check.fact, (chunk) => run(chunk).length > 0);
  const budget = new StepBudget();
  for (let p = 0; p < positions.length; p++) {
    const span = doc.chunks.span(positions[p]);
    const problems = run(span.chunk);
    if (budget.spend(1 + problems.length)) yield;
    for (const problem of problems) report(placeProblem(problem, span.start));
  }
}

/** Whether any block of the text holds what the query asks. */
export function* hasBlockWhereSteps(model: PostmortemModel, query: Defined<BlockQuery> & { readonly slot: number }): Generator<void, boolean> {
  return (yield* chunksWhereSteps(model.doc, query.fact, (chunk) => chunk.memoAt(query.slot, query.has))).length > 0;
}

function placeProblem(problem: Problem, base: number): Problem {
  if (base === 0) return problem;
  return {
    ...problem,
    start: problem.start + base,
    end: problem.end + base,
    ...(problem.fix ? { fix: { ...problem.fix, edits: problem.fix.edits.map((edit) => ({ ...edit, start: edit.start + base, end: edit.end + base })) } } : {}),
  };
}
