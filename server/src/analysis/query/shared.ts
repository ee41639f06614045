/**
 * What every part of the query layer shares: the registry of query names, the types a query reads
 * and returns, the key its inputs are kept under, placing a piece's entries in the document, and the
 * budget that says when a walk yields. See query.ts for the layer itself.
 */
import type { FactKey } from '../incremental/keys';
import type { Chunk } from '../parse';
import {
  pieceOfChunk,
  placeEntry,
  type EntryFields,
  type PieceEntry,
  type Timed,
  type TimedEntry,
  type Timeline,
  type TimelineEntry,
  type TimelinePiece,
} from '../timeline';

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
export function register(name: string): void {
  if (NAMES.has(name)) throw new Error(`Two queries are named "${name}": answers are kept by name, so each needs its own.`);
  NAMES.add(name);
}

/** The names of every query defined, for the architecture test and the docs. */
export function queryNames(): readonly string[] {
  return [...NAMES].sort();
}

/** A query as defined: with the name its answers are kept under (see incremental/keys.ts). */
export type Defined<Query> = Query & { readonly fact: FactKey };

/**
 * Inputs as the key their answers are kept under: their JSON. Different inputs never share a key, so
 * an answer is never reused for inputs it was not worked out for; equal inputs built with their keys
 * in another order would get another key and be worked out afresh, which costs time, not correctness.
 * (Sorting the keys of every nested object, as this did, cost a tenth of a keystroke on 1 MB.)
 */
export function inputKey(inputs: unknown): string {
  return JSON.stringify(inputs) ?? '';
}

export function placed(entry: PieceEntry, position: number, timeline: Timeline): PlacedEntry {
  return placeEntry(entry, timeline.chunks.span(position), timeline);
}

/** A timed entry placed: placing moves its offsets and keeps its time. */
export function placedTimed(entry: Timed<PieceEntry>, position: number, timeline: Timeline): PlacedTimedEntry {
  return placed(entry, position, timeline) as PlacedTimedEntry;
}

/** The piece at a position that came from the timeline's own pieces. */
export function pieceAt(timeline: Timeline, position: number): TimelinePiece {
  return pieceOfChunk(timeline.pieces, position);
}

/**
 * How much is done between two steps, counting a piece visited and each entry in it as one: a
 * rule that reports thousands of entries still yields, and so does a walk over a timeline whose
 * pieces hold a thousand entries each (a day of minute-by-minute lines under its heading).
 */
export const WORK_PER_STEP = 1024;

/** Counts work done and says when to yield (see WORK_PER_STEP). */
export class StepBudget {
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
export function spendOn(budget: StepBudget, timeline: Timeline, position: number): boolean {
  return budget.spend(1 + (timeline.pieces.at(position)?.entries.length ?? 0));
}
