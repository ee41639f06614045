/**
 * The timeline's types: an entry, the timeline, and a piece (a chunk read as part of it) with the
 * state it is read in and hands on.
 */
import { BlockList } from '../incremental/blocks';
import { type Carried, type Carry } from '../incremental/carry';
import { type ChunkList } from '../parse';
import { type Section } from '../outline';
import { type TimeMention, type Zone, type ZoneMention } from '../time';

export type ZoneSource = 'entry' | 'heading' | 'note' | 'summary';

/** What an entry says, wherever its line and offsets are counted from (see PieceEntry and TimelineEntry). */
export interface EntryFields {
  /** 0-based line. */
  line: number;
  /** The (start) time, or null for an untimed entry. */
  time: TimeMention | null;
  /** The end of a range entry ("09:05 AM - 17:59 PM"). */
  endTime: TimeMention | null;
  /** YYYY-MM-DD written on the entry or in a date sub-heading above it. */
  date: string | null;
  /** True when the date is written on the entry itself. */
  dateOnEntry: boolean;
  /** A day written on the entry without its year ("Oct 30th"), as month * 100 + day; its date comes from the report's year. */
  monthDay: number | null;
  /** The same moment written again in another zone right after the time: "12:48 (6:48 PDT)". */
  conversion: { time: TimeMention; zone: ZoneMention } | null;
  /** The zone written on the entry. */
  writtenZone: ZoneMention | null;
  /** The zone the entry is in: its own, the timeline's, or the summary's. */
  zone: Zone | null;
  zoneSource: ZoneSource | null;
  /** Offsets of the entry's text (after the time and separators). */
  textStart: number;
  textEnd: number;
  /** Where the entry starts in the line (bullet included). */
  start: number;
}

declare const CHUNK_RELATIVE: unique symbol;

/**
 * An entry as a piece holds it: its line and offsets count from the start of its chunk, and its zone is
 * not filled in (`placeEntry` places it). Not assignable to a TimelineEntry, so it cannot be reported as one.
 */
export type PieceEntry = EntryFields & { readonly [CHUNK_RELATIVE]: true };

/** An entry placed in the document: its line and offsets are the document's, its zone filled in. */
export type TimelineEntry = EntryFields & { readonly [CHUNK_RELATIVE]?: never };

/** What an entry read from a chunk's lines is, by construction: the one place the brand is given. */
export function pieceEntry(fields: EntryFields): PieceEntry {
  return fields as PieceEntry;
}

export interface Timeline {
  section: Section | null;
  /** Every entry, placed in the document: built when first read (the checks walk `pieces`). */
  entries: TimelineEntry[];
  /**
   * The zone stated for the whole timeline (heading note, "All times in UTC.", a table header), if
   * any, where it is written: the zone's own words when they can be found in the note, else the note.
   */
  zone: ZoneMention | null;
  zoneSource: ZoneSource | null;
  /** The zone of an entry that writes none: the timeline's, else the summary's. */
  fallbackZone: { zone: Zone; source: ZoneSource } | null;
  /**
   * The timeline chunk by chunk, for checks that must not visit every entry on every edit:
   * `pieces.at(c)` is what the document's chunk `c` (`chunks.span(c)`) holds of the timeline, null outside
   * it. A piece's entries have chunk-relative lines and offsets and no zone (see `placeEntry`).
   */
  pieces: BlockList<TimelinePiece | null>;
  chunks: ChunkList;
  /** The first and last chunk of the timeline (last < first when it has none). */
  firstPiece: number;
  lastPiece: number;
  /** Facts about the pieces for the next version to carry (see `piecesWhere`). */
  carried: Carried;
  /** Which pieces differ from the previous version's, with its facts; null when not known. */
  carry: Carry | null;
}

/** The piece of chunk `c`, which must be inside the timeline's range (`firstPiece` to `lastPiece`). */
export function pieceOfChunk(pieces: BlockList<TimelinePiece | null>, c: number): TimelinePiece {
  const piece = pieces.at(c);
  if (!piece) throw new Error(`no timeline piece at chunk ${c}: it is outside the timeline's range`);
  return piece;
}

/** An entry (of either kind) whose time could be read. */
export type Timed<E extends EntryFields> = E & { time: TimeMention & { minutes: number } };
/** A placed entry whose time could be read. */
export type TimedEntry = Timed<TimelineEntry>;

/** The timed entries: those whose time could be read. */
export function timedEntries<E extends EntryFields>(entries: E[]): Array<Timed<E>> {
  return entries.filter(isTimed);
}

/** Whether the entry's time could be read. */
export function isTimed<E extends EntryFields>(entry: E): entry is Timed<E> {
  return entry.time !== null && entry.time.minutes !== null;
}

/** A line stating the zone of the whole timeline, with offsets (chunk-relative in a piece). */
export interface ZoneNote {
  zone: Zone;
  source: ZoneSource;
  start: number;
  end: number;
}

/** What reading the timeline carries from one chunk into the next. */
export interface TimelineState {
  /** The date of the last day heading or day line. */
  currentDate: string | null;
  /** The list depth of the last line that started with a timed entry, or -1. */
  lastTimedDepth: number;
  previousEndsSentence: boolean;
  /** Whether the timeline's zone is known yet: until it is, a line stating one states it. */
  zoneKnown: boolean;
  /** Rolling past midnight (see `rollPastMidnight`): the day heading's date and the days rolled. */
  dayBase: string | null;
  daysRolled: number;
  /** The last timed entry (relative to its own chunk): the checks compare each entry with the one before. */
  previous: Timed<PieceEntry> | null;
  /** The instant clock (see `InstantClock`): the first date and the day of the last timed entry. */
  firstDate: string | null;
  day: number;
  /** The report's year, for days written without one: the window's, else the first year written before the timeline. */
  year: number | null;
}

/** Which lines of a chunk belong to the timeline. */
export interface PieceBounds {
  /** The chunk's first and last lines inside the timeline. */
  first: number;
  last: number;
  /** No Timeline section: only lines shaped like entries count. */
  strict: boolean;
}

/** The state a chunk is read in, and which of its lines belong to the timeline. */
export type PieceInput = TimelineState & PieceBounds;

/**
 * One chunk read as part of the timeline: its entries (chunk-relative, dates filled in and rolled
 * past midnight), the zone note it states, and the state it hands on. Kept on the chunk and reused
 * while the chunk is read in the same state, so an edit re-reads only the chunks whose text or
 * incoming state changed.
 */
export interface TimelinePiece {
  input: PieceInput;
  output: TimelineState;
  entries: PieceEntry[];
  /** The first line stating the timeline's zone, when none was known before this chunk. */
  zoneNote: ZoneNote | null;
  /** Whether an entry here is earlier than the one before it by the instant clock (then sorting moves entries). */
  instantDrops: boolean;
  /** Whether two timed entries here share a line (then the timeline cannot be sorted by lines). */
  sharesLines: boolean;
}
