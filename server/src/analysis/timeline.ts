/**
 * Timeline entries: bullets, numbered items, bold or italic times, plain lines,
 * table rows, tab-separated columns, headings with times, ranges, and entries
 * that start after a `<br>` in the middle of a reflowed line.
 */
import { BlockList } from './incremental/blocks';
import { positionsWhereSteps, type Carried, type Carry, type Positions, type Splice } from './incremental/carry';
import { defineLazy } from './incremental/lazy';
import { memoSlot, type Chunk, type ChunkList, type ChunkSpan, type ParsedDocument } from './parse';
import { finish } from './incremental/steps';
import { insideCodeSpan, tableCells } from './text';
import { BR_RE, headingNodesOf, lineContent, type Outline, type Section } from './outline';
import {
  addDays,
  crossesMidnight,
  dateOfMonthDay,
  monthDayAt,
  daysBetween,
  findDates,
  findTimes,
  timeAt,
  zoneAfter,
  zoneFromNote,
  type TimeMention,
  type Zone,
  type ZoneMention,
} from './time';
import type { IncidentWindow } from './window';

export type ZoneSource = 'entry' | 'heading' | 'note' | 'summary';

export interface TimelineEntry {
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

/** An entry whose time could be read. */
export type TimedEntry = TimelineEntry & { time: TimeMention & { minutes: number } };

/** The timed entries: those whose time could be read. */
export function timedEntries(entries: TimelineEntry[]): TimedEntry[] {
  return entries.filter(isTimed);
}

/** Whether the entry's time could be read. */
export function isTimed(entry: TimelineEntry): entry is TimedEntry {
  return entry.time !== null && entry.time.minutes !== null;
}

/** Calls `visit` with each entry in order and the chunk it is in (see `Timeline.pieces`). Visits every piece. */
export function forEachEntry(timeline: Timeline, visit: (entry: TimelineEntry, span: ChunkSpan) => void): void {
  for (let c = timeline.firstPiece; c <= timeline.lastPiece; c++) {
    const entries = timeline.pieces.at(c)!.entries;
    const span = timeline.chunks.span(c);
    for (let e = 0; e < entries.length; e++) visit(entries[e], span);
  }
}

/** Calls `visit` with each entry of the pieces at `positions` (from `piecesWhere`), in order, and the chunk it is in. */
export function forEachEntryAt(timeline: Timeline, positions: Positions, visit: (entry: TimelineEntry, span: ChunkSpan) => void): void {
  for (const position of positions) {
    const entries = timeline.pieces.at(position)!.entries;
    const span = timeline.chunks.span(position);
    for (let e = 0; e < entries.length; e++) visit(entries[e], span);
  }
}

/** `forEachEntryAt` in steps of a few pieces: a rule may visit every entry of a long timeline. */
export function* forEachEntryAtSteps(timeline: Timeline, positions: Positions, visit: (entry: TimelineEntry, span: ChunkSpan) => void): Generator<void, void> {
  for (let p = 0; p < positions.length; p++) {
    if (p % PIECES_PER_STEP === PIECES_PER_STEP - 1) yield;
    const entries = timeline.pieces.at(positions[p])!.entries;
    const span = timeline.chunks.span(positions[p]);
    for (let e = 0; e < entries.length; e++) visit(entries[e], span);
  }
}

/**
 * The chunk indices of the pieces for which `has` holds, in order. `has` reads the piece and
 * nothing else but what `setting` names: after an edit only the pieces it changed are asked,
 * unless the setting changed (see carry.ts).
 */
export function piecesWhere(timeline: Timeline, key: string, setting: string, has: (piece: TimelinePiece) => boolean): Positions {
  return finish(piecesWhereSteps(timeline, key, setting, has));
}

/** `piecesWhere` in steps of a few pieces (see `positionsWhereSteps`). */
export function piecesWhereSteps(timeline: Timeline, key: string, setting: string, has: (piece: TimelinePiece) => boolean): Generator<void, Positions> {
  const { pieces } = timeline;
  return positionsWhereSteps(timeline.carried, timeline.carry, key, setting, pieces.length, (position) => {
    const piece = pieces.at(position);
    return piece !== null && has(piece);
  });
}

/** The placed entries of the chunk holding `line`, if it is part of the timeline: one piece read, not the whole timeline. */
export function entriesInChunkOf(timeline: Timeline, line: number): TimelineEntry[] {
  const c = timeline.chunks.indexOfLine(line);
  if (c < timeline.firstPiece || c > timeline.lastPiece) return [];
  const piece = timeline.pieces.at(c);
  if (!piece) return [];
  const span = timeline.chunks.span(c);
  return piece.entries.map((entry) => placeEntry(entry, span, timeline));
}

/** The chunk indices of the pieces that hold a timed entry (see `piecesWhere`): the rules and the providers share this list. */
export function timedPieces(timeline: Timeline): Positions {
  return finish(timedPiecesSteps(timeline));
}

/** `timedPieces` in steps. */
export function timedPiecesSteps(timeline: Timeline): Generator<void, Positions> {
  return piecesWhereSteps(timeline, 'timed', '', (piece) => piece.entries.some(isTimed));
}

/**
 * The timeline's last timed entry, placed. Found through the list of pieces that hold a timed
 * entry (`timedPieces`, which the out-of-order rule has usually made for this version already, and
 * which an edit carries to the next): completion asks for it on every keystroke, in timelines of
 * thousands of entries.
 */
export function lastTimedEntry(timeline: Timeline): TimelineEntry | undefined {
  const timed = timedPieces(timeline);
  if (timed.length === 0) return undefined;
  const position = timed[timed.length - 1];
  const entries = timeline.pieces.at(position)!.entries;
  for (let e = entries.length - 1; e >= 0; e--) if (isTimed(entries[e])) return placeEntry(entries[e], timeline.chunks.span(position), timeline);
  return undefined;
}

/** The zone an entry is in: its own, or the timeline's fallback. Works on relative and placed entries alike. */
export function zoneOf(entry: TimelineEntry, timeline: Timeline): Zone | null {
  return entry.writtenZone?.zone ?? timeline.fallbackZone?.zone ?? null;
}

/** A zone as a setting (see `piecesWhere`): what the offset checks read of it. */
export function zoneSetting(zone: Zone | null | undefined): string {
  return zone ? `${zone.text}|${zone.fixedOffset}|${zone.iana}|${zone.season}|${zone.counterpart}` : '';
}

const ALL_TIMES_RE = /^[\s(*_]*(?:all\s+times?|times?\s+(?:are|is|shown|given|listed)|time\s*zone|timezone)\b.*$/i;
const TABLE_SEPARATOR_RE = /^\|?[\s:|-]*-{2,}[\s:|-]*$/;
const RANGE_RE = /[\s*_`]*(?:-|\u2013|\u2014|to|until|till)[\s*_`]*/y;
// What may come before an entry's time: markup, "At", "Update:", a weekday ("Mon 14:51").
// What may stand before an entry's time: markup (also a status page's <b>), "at", "~", a weekday, or
// a status update's label ("Update:", "Initial Announcement,", "Incident Report,").
const PREFIX_RE =
  /(?:[\s*_`~]|\\|<(?:b|strong)>)*(?:(?:at|around|approx\.?|approximately|update:?|~|(?:mon|tue|wed|thu|fri|sat|sun)[a-z]{0,6}\.?,?|(?:initial\s+)?announcement[,:]?|incident\s+report[,:]?|(?:status\s+)?update[,:]?|investigating[,:]?|identified[,:]?|monitoring[,:]?)\s+)?(?:[\s*_`]|\\|<(?:b|strong)>)*/iy;
const QUOTED_LINE_RE = /^ {0,3}>/;
const CLOSING_MARKUP_RE = /(?:<\/(?:b|strong)>|<br\s*\/?>|[\s:])*/iy;
/** Where a sentence ends and the next entry starts on the same line: a time followed by an entry's separator. */
const WRAPPED_ENTRY_RE = /[.;!?](?:\s+)(?=\d{1,2}:\d{2}(?:\s?[AaPp]\.?[Mm]\.?)?\s?(?:[A-Z]{2,4}\s?)?(?:[:\-\u2013\u2014]\s|\s[-\u2013\u2014]\s))/g;

/** `lastTimedDepth` under a heading that carries a time: the lines below it are its body. */
const UNDER_TIMED_HEADING = -2;
const INCIDENT_FIGURE_RE = /^[*_]*(?:total\s+)?(?:impact\s+|outage\s+|incident\s+|downtime\s+)?(?:duration|delay|detection delay|time to (?:detect|mitigate|resolve|recover)|tt[dmr]|mttr|mttd)[*_]*\s*:/i;
const SEPARATOR_RE = /[\s*_`:|,\-\u2013\u2014)\]]*/y;

/** A line stating the zone of the whole timeline, with offsets (chunk-relative in a piece). */
interface ZoneNote {
  zone: Zone;
  source: ZoneSource;
  start: number;
  end: number;
}

/** What reading the timeline carries from one chunk into the next. */
interface TimelineState {
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
  previous: TimelineEntry | null;
  /** The instant clock (see `InstantClock`): the first date and the day of the last timed entry. */
  firstDate: string | null;
  day: number;
  /** The report's year, for days written without one: the window's, else the first year written before the timeline. */
  year: number | null;
}

/** Which lines of a chunk belong to the timeline. */
interface PieceBounds {
  /** The chunk's first and last lines inside the timeline. */
  first: number;
  last: number;
  /** No Timeline section: only lines shaped like entries count. */
  strict: boolean;
}

/** The state a chunk is read in, and which of its lines belong to the timeline. */
type PieceInput = TimelineState & PieceBounds;

/**
 * One chunk read as part of the timeline: its entries (chunk-relative, dates filled in and rolled
 * past midnight), the zone note it states, and the state it hands on. Kept on the chunk and reused
 * while the chunk is read in the same state, so an edit re-reads only the chunks whose text or
 * incoming state changed.
 */
export interface TimelinePiece {
  input: PieceInput;
  output: TimelineState;
  entries: TimelineEntry[];
  /** The first line stating the timeline's zone, when none was known before this chunk. */
  zoneNote: ZoneNote | null;
  /** Whether an entry here is earlier than the one before it by the instant clock (then sorting moves entries). */
  instantDrops: boolean;
  /** Whether two timed entries here share a line (then the timeline cannot be sorted by lines). */
  sharesLines: boolean;
}

const TIMELINE_SLOT = memoSlot('timeline');
const PIECE_SLOT = memoSlot('timeline:piece');

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
  const range: TimelineRange = { first, last, strict: section === null, firstPiece: Math.max(0, chunks.indexOfLine(first)), lastPiece: chunks.indexOfLine(last) };
  const initial = timelineState(null, -1, true, timelineZone !== null, null, 0, null, null, 0, reportYear(doc, window, first));
  const { pieces, splice } = yield* assemble(doc, range, initial, previous);
  const carry = splice && previous ? { splice, previous: previous.carried } : null;
  const carried: Carried = new Map();

  const noted = yield* positionsWhereSteps(carried, carry, 'zone-note', '', pieces.length, (position) => pieces.at(position)?.zoneNote != null);
  if (!timelineZone && noted.length > 0) {
    const note = pieces.at(noted[0])!.zoneNote!;
    const base = chunks.start(noted[0]);
    timelineZone = { zone: note.zone, source: note.source, start: note.start + base, end: note.end + base };
  }

  const summaryZone = window.zone?.zone ?? null;
  const fallbackZone = timelineZone ? { zone: timelineZone.zone, source: timelineZone.source } : summaryZone ? { zone: summaryZone, source: 'summary' as const } : null;
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
    section, entries: [], zone, zoneSource: timelineZone?.source ?? null, fallbackZone,
    pieces, chunks, firstPiece: range.firstPiece, lastPiece: range.lastPiece, carried, carry,
  };
  defineLazy(timeline, 'entries', () => {
    const entries: TimelineEntry[] = [];
    forEachEntry(timeline, (entry, span) => entries.push(placeEntry(entry, span, timeline)));
    return entries;
  });
  return timeline;
}

/** How far before the timeline a year is looked for: the title, the front matter, a "Date:" line. */
const YEAR_LOOKAHEAD = 4096;

/** The report's year, for days written without one: the window's, else the first year written before the timeline. */
function reportYear(doc: ParsedDocument, window: IncidentWindow, timelineFirstLine: number): number | null {
  const dated = window.start?.date ?? window.end?.date;
  if (dated) return Number(dated.slice(0, 4));
  const end = Math.min(doc.source.length, YEAR_LOOKAHEAD, timelineFirstLine > 0 ? doc.index.start(Math.min(timelineFirstLine, doc.index.lineCount - 1)) : YEAR_LOOKAHEAD);
  const year = /\b(?:19[7-9]\d|20\d\d)\b/.exec(doc.source.slice(0, end));
  return year ? Number(year[0]) : null;
}

/** The timeline's lines, and the chunks that hold them (lastPiece < firstPiece when none does). */
interface TimelineRange extends PieceBounds {
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
function* assemble(doc: ParsedDocument, range: TimelineRange, initial: TimelineState, previous: Timeline | null): Generator<void, { pieces: BlockList<TimelinePiece | null>; splice: Splice | null }> {
  const { chunks } = doc;
  const { firstPiece, lastPiece } = range;
  const edit = doc.carry?.splice ?? null;
  const read = (c: number, state: TimelineState): TimelinePiece => pieceAt(chunks.span(c), state, range);
  const old = previous && edit && previous.lastPiece >= previous.firstPiece && lastPiece >= firstPiece ? previous : null;
  const shift = edit ? edit.added - edit.removed : 0;
  const startsAlike = old && edit && (old.firstPiece < edit.from ? old.firstPiece === firstPiece : old.firstPiece >= edit.from + edit.removed ? old.firstPiece + shift === firstPiece : firstPiece >= edit.from && firstPiece < edit.from + edit.added);
  if (!old || !edit || !startsAlike) {
    const all: Array<TimelinePiece | null> = new Array(chunks.length).fill(null);
    let state = initial;
    for (let c = firstPiece; c <= lastPiece; c++) {
      state = (all[c] = read(c, state)).output;
      if ((c - firstPiece) % PIECES_PER_STEP === PIECES_PER_STEP - 1) yield;
    }
    return { pieces: BlockList.of(all.length, all, [], chunks.blockSize), splice: null };
  }
  // The previous pieces, those after the edit moved to where their chunks now are: what is read
  // below replaces them, so that an edit copies only the blocks of pieces it read.
  let pieces = replaced(old.pieces, edit.from, edit.removed, new Array(edit.added).fill(null));

  // Before the edit: the previous pieces, if the first was read as it would be now.
  let walkFrom = firstPiece;
  let state = initial;
  const prefixEnd = Math.min(edit.from, lastPiece, old.lastPiece);
  if (firstPiece < prefixEnd) {
    const head = old.pieces.at(firstPiece)!;
    const bounds = boundsOf(chunks.span(firstPiece), range);
    if (readIn(head.input, initial, bounds.first, bounds.last, range.strict)) {
      walkFrom = prefixEnd;
      state = old.pieces.at(prefixEnd - 1)!.output;
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
        lastRead = read(lastPiece, pieces.at(lastPiece - 1)!.output);
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

/** How many chunks `assemble` reads between two steps. */
const PIECES_PER_STEP = 16;

/** `pieces` with [from, from + removed) replaced by `added`. */
function replaced(pieces: BlockList<TimelinePiece | null>, from: number, removed: number, added: Array<TimelinePiece | null>): BlockList<TimelinePiece | null> {
  return pieces.spliced(from, from + removed, { count: added.length, values: added, numbers: [] }, []);
}

function boundsOf(span: ChunkSpan, range: TimelineRange): { first: number; last: number } {
  return { first: Math.max(0, range.first - span.firstLine), last: Math.min(span.chunk.lines.length - 1, range.last - span.firstLine) };
}

/** The chunk's piece when read in `state`: the one kept on the chunk if it was read so, else read now. */
function pieceAt(span: ChunkSpan, state: TimelineState, range: TimelineRange): TimelinePiece {
  const { first, last } = boundsOf(span, range);
  let piece = span.chunk.keptAt<TimelinePiece>(PIECE_SLOT);
  if (!piece || !readIn(piece.input, state, first, last, range.strict)) {
    piece = readPiece(span.chunk, pieceInput(state, first, last, range.strict));
    span.chunk.keepAt(PIECE_SLOT, piece);
  }
  return piece;
}

// States and inputs are built by these two functions only, so that every one has the same shape:
// they are compared for every chunk an edit reaches.
function timelineState(
  currentDate: string | null,
  lastTimedDepth: number,
  previousEndsSentence: boolean,
  zoneKnown: boolean,
  dayBase: string | null,
  daysRolled: number,
  previous: TimelineEntry | null,
  firstDate: string | null,
  day: number,
  year: number | null,
): TimelineState {
  return { currentDate, lastTimedDepth, previousEndsSentence, zoneKnown, dayBase, daysRolled, previous, firstDate, day, year };
}

function pieceInput(state: TimelineState, first: number, last: number, strict: boolean): PieceInput {
  const { currentDate, lastTimedDepth, previousEndsSentence, zoneKnown, dayBase, daysRolled, previous, firstDate, day, year } = state;
  return { currentDate, lastTimedDepth, previousEndsSentence, zoneKnown, dayBase, daysRolled, previous, firstDate, day, year, first, last, strict };
}

/**
 * Minutes of each timed entry from the first one, entry by entry in order, reading dates where
 * written and otherwise assuming a backwards step from evening to early morning crosses midnight.
 */
export class InstantClock {
  constructor(
    public firstDate: string | null = null,
    public day = 0,
    private previous: TimelineEntry | null = null,
  ) {}

  /** The instant of the last timed entry, if any. */
  get previousInstant(): number | null {
    return this.previous ? this.day * 1440 + this.previous.time!.minutes! : null;
  }

  /** The instant of the next entry in order; null (and no step) for an untimed one. */
  next(entry: TimelineEntry): number | null {
    const minutes = entry.time?.minutes ?? null;
    if (minutes === null) return null;
    if (entry.date) {
      this.firstDate ??= entry.date;
      this.day = daysBetween(this.firstDate, entry.date);
    } else if (this.previous !== null && crossesMidnight(this.previousInstant! % 1440, minutes)) {
      this.day++;
    }
    this.previous = entry;
    return this.day * 1440 + minutes;
  }
}

/** Whether a piece read with `input` is the one for a chunk read now, in `state`. */
function readIn(input: PieceInput, state: TimelineState, first: number, last: number, strict: boolean): boolean {
  return (
    input.first === first &&
    input.last === last &&
    input.strict === strict &&
    input.currentDate === state.currentDate &&
    input.lastTimedDepth === state.lastTimedDepth &&
    input.previousEndsSentence === state.previousEndsSentence &&
    input.zoneKnown === state.zoneKnown &&
    input.dayBase === state.dayBase &&
    input.daysRolled === state.daysRolled &&
    input.firstDate === state.firstDate &&
    input.day === state.day &&
    input.year === state.year &&
    sameAsPrevious(input.previous, state.previous)
  );
}

/** Whether two entries are the same to whatever reads the entry before another: time, date and zone. */
function sameAsPrevious(a: TimelineEntry | null, b: TimelineEntry | null): boolean {
  if (a === b) return true;
  if (a === null || b === null) return false;
  const zoneA = a.writtenZone?.zone ?? null;
  const zoneB = b.writtenZone?.zone ?? null;
  return (
    a.time!.minutes === b.time!.minutes &&
    a.time!.seconds === b.time!.seconds &&
    a.time!.raw === b.time!.raw &&
    a.date === b.date &&
    (zoneA === zoneB || (zoneA !== null && zoneB !== null && zoneSetting(zoneA) === zoneSetting(zoneB)))
  );
}

/** Reads the timeline lines of one chunk in the state the lines before leave. */
function readPiece(chunk: Chunk, input: PieceInput): TimelinePiece {
  const { lines } = chunk;
  const facts = chunk.memoAt(TIMELINE_SLOT, timelineFacts);
  const entries: TimelineEntry[] = [];
  let zoneNote: ZoneNote | null = null;
  let { currentDate, lastTimedDepth, previousEndsSentence, zoneKnown } = input;

  for (let line = input.first; line <= input.last; line++) {
    const info = lines[line];
    if (info.kind === 'blank' || info.kind === 'thematicBreak' || info.kind === 'setextUnderline') {
      previousEndsSentence = true;
      continue;
    }
    if (info.kind !== 'paragraph' && info.kind !== 'heading' && info.kind !== 'html') continue;
    // What was read from this line once and for all, in its chunk.
    const fact = facts[line];
    if (!fact) continue;

    // Whether the line is a heading matters only to a day line or a line without times.
    const heading = (fact.day !== null || !fact.hasTimes) && (info.kind === 'heading' || isStandaloneHeading(chunk, line));
    // A day: "### 2023-08-25", "**May 1, 2024**", "2024-03-21 (all times UTC)".
    if (fact.day && fact.day.words <= (heading ? 3 : 0)) {
      currentDate = fact.day.date;
      if (!zoneKnown && fact.day.note) {
        zoneNote = { ...fact.day.note, source: 'note' };
        zoneKnown = true;
      }
      previousEndsSentence = true;
      continue;
    }
    if (heading && !fact.hasTimes) {
      previousEndsSentence = true;
      lastTimedDepth = -1;
      continue;
    }
    // A line that states the zone of the whole timeline.
    if (!zoneKnown && fact.zoneNote) {
      zoneNote = { zone: fact.zoneNote, source: 'note', start: fact.contentStart, end: fact.end };
      zoneKnown = true;
      continue;
    }
    if (fact.table) {
      const row = fact.table;
      // A lone four-digit cell is a time only inside a Timeline section: elsewhere it may be a year.
      const bareDigits = row.kind === 'entry' && !row.entry.dateOnEntry && /^\d{4}$/.test(row.entry.time?.raw ?? '');
      if (row.kind === 'entry' && !(input.strict && bareDigits)) entries.push(placeInChunk(row.entry, line, currentDate, input.year));
      else if (row.kind === 'header' && row.zoneNote && !zoneKnown) {
        const zone = zoneFromNote(row.zoneNote);
        if (zone) {
          zoneNote = { zone, source: 'note', start: fact.contentStart, end: fact.end };
          zoneKnown = true;
        }
      }
      continue;
    }

    const isItem = fact.bullet !== null;
    const depth = info.listDepth;
    // Under a timed heading ("### Update 27.08.2022 10:00 Uhr:", "### 5:00 PM"), the lines without a
    // time of their own are its body, not entries.
    const underTimedHeading = lastTimedDepth === UNDER_TIMED_HEADING;
    const nestedUnderTimed = underTimedHeading || (isItem && lastTimedDepth >= 0 && depth > lastTimedDepth);
    for (const entry of fact.segments) entries.push(placeInChunk(entry, line, currentDate, input.year));
    if (fact.segments.length > 0 && fact.firstSegmentTimed) lastTimedDepth = info.kind === 'heading' ? UNDER_TIMED_HEADING : depth;
    if (fact.segments.length === 0 && !input.strict && !nestedUnderTimed && fact.midLine) {
      const startsEntry = isItem || info.paragraphStart || previousEndsSentence;
      const continuation = !isItem && info.listDepth > 0 && !info.listItemStart;
      if (startsEntry && !continuation) {
        entries.push(placeInChunk(fact.midLine, line, currentDate, input.year));
        if (fact.midLine.time) lastTimedDepth = depth;
      }
    }
    previousEndsSentence = fact.endsSentence;
  }

  readAfternoonLikeNeighbours(entries, input.previous);
  const { dayBase, daysRolled, previous } = rollPastMidnight(entries, input);
  // The instants the sort fix orders entries by: whether sorting would move any of these.
  const clock = new InstantClock(input.firstDate, input.day, input.previous);
  let instantDrops = false;
  let sharesLines = false;
  let previousLine = -1;
  for (const entry of entries) {
    if (!isTimed(entry)) continue;
    const before = clock.previousInstant;
    const instant = clock.next(entry)!;
    if (before !== null && instant < before) instantDrops = true;
    if (entry.line <= previousLine) sharesLines = true;
    previousLine = entry.line;
  }
  const output = timelineState(currentDate, lastTimedDepth, previousEndsSentence, zoneKnown, dayBase, daysRolled, previous, clock.firstDate, clock.day, input.year);
  return { input, output, entries, zoneNote, instantDrops, sharesLines };
}

/** What one line says for the timeline, whatever its place: read once per chunk. Offsets are chunk-relative. */
interface TimelineLineFact {
  bullet: string | null;
  contentStart: number;
  end: number;
  /** The date the line names, if it names nothing else but a few words ("Day 2") and a zone note. */
  day: { date: string; words: number; note: { zone: Zone; start: number; end: number } | null } | null;
  hasTimes: boolean;
  /** The zone an "All times in CET." line states. */
  zoneNote: Zone | null;
  table: TableRow | null;
  /** Entries that start the line or follow a <br>, without their inherited date. */
  segments: TimelineEntry[];
  firstSegmentTimed: boolean;
  /** The line as an entry whose time (if any) is mid-sentence, when the line could be one. */
  midLine: TimelineEntry | null;
  endsSentence: boolean;
}

function timelineFacts(chunk: Chunk): Array<TimelineLineFact | null> {
  const { index, lines, text } = chunk;
  const facts: Array<TimelineLineFact | null> = new Array(index.lineCount).fill(null);
  for (let line = 0; line < index.lineCount; line++) {
    const kind = lines[line].kind;
    // An HTML block's lines count only where an entry starts them (a status page's
    // "<b>Update, October 19, 1:15pm:</b><br>"): see the end of this loop.
    if (kind !== 'paragraph' && kind !== 'heading' && kind !== 'html') continue;
    const start = index.start(line);
    const end = index.end(line);
    // A quoted log or chat line ("> 15:00 pod restarted") is evidence, not an entry of the timeline.
    if (QUOTED_LINE_RE.test(text.slice(start, Math.min(end, start + 8)))) continue;
    const { bullet, contentStart } = lineContent(text, start);
    const content = text.slice(contentStart, end);
    const hasTimes = findTimes(content).length > 0;
    const fact: TimelineLineFact = {
      bullet, contentStart, end, day: null, hasTimes, zoneNote: null, table: null, segments: [], firstSegmentTimed: false, midLine: null,
      endsSentence: /(?:[.!?:]|<br\s*\/?>|\\)\s*$/i.test(content) || content.trim().length === 0,
    };
    facts[line] = fact;
    const day = dayLine(content);
    if (day) {
      let note: { zone: Zone; start: number; end: number } | null = null;
      if (day.note) {
        const zone = zoneFromNote(day.note);
        const at = text.indexOf(day.note, contentStart);
        if (zone && at >= 0) note = { zone, start: at, end: at + day.note.length };
      }
      fact.day = { date: day.date, words: day.words, note };
    }
    if (!hasTimes && ALL_TIMES_RE.test(content)) fact.zoneNote = zoneFromNote(content);
    if (content.startsWith('|')) {
      fact.table = readTableRow(text, contentStart, end, null);
      continue;
    }
    // Segments: the line itself and whatever follows each <br>.
    // A heading's time stands after its markers ("### 5:00 PM", "### 2022-04-15 4:35").
    // Each segment is [start, end): a <br> ends one, and so does a sentence that a reflowed line ran
    // on into the next entry ("10:00 - Alert fired. 10:05 - Rollback started.").
    const segments: Array<[number, number]> = [];
    let segmentFrom = kind === 'heading' ? contentStart + (/^#{1,6}[ \t]+/.exec(content)?.[0].length ?? 0) : contentStart;
    BR_RE.lastIndex = 0;
    let br: RegExpExecArray | null;
    while ((br = BR_RE.exec(content)) !== null) {
      segments.push([segmentFrom, contentStart + br.index]);
      segmentFrom = contentStart + br.index + br[0].length;
    }
    segments.push([segmentFrom, end]);
    if (timeAt(text, skipSpaces(text, segments[0][0], end)) !== null || /^[\s*_`]*\d/.test(text.slice(segments[0][0], segments[0][0] + 8))) {
      for (let s = 0; s < segments.length; s++) {
        const [from, to] = segments[s];
        WRAPPED_ENTRY_RE.lastIndex = 0;
        const inner = text.slice(from, to);
        const cuts: number[] = [];
        let cut: RegExpExecArray | null;
        while ((cut = WRAPPED_ENTRY_RE.exec(inner)) !== null) cuts.push(from + cut.index + cut[0].length);
        if (cuts.length === 0) continue;
        const pieces: Array<[number, number]> = [];
        let at = from;
        for (const next of cuts) {
          pieces.push([at, next]);
          at = next;
        }
        pieces.push([at, to]);
        segments.splice(s, 1, ...pieces);
        s += pieces.length - 1;
      }
    }
    for (let s = 0; s < segments.length; s++) {
      const [segmentStart, segmentEnd] = segments[s];
      const entry = readEntryStart(text, segmentStart, segmentEnd, null);
      if (!entry) continue;
      entry.start = s === 0 ? start + (text.slice(start, contentStart).length - text.slice(start, contentStart).trimStart().length) : segmentStart;
      fact.segments.push(entry);
      if (s === 0) fact.firstSegmentTimed = true;
    }
    // A status update stamped at its end, as the cState status page writes them: "The switch was
    // replaced. {{< track "2019-03-30 20:31:19" >}}".
    if (fact.segments.length === 0) {
      const stamped = trailingStampEntry(text, contentStart, end);
      if (stamped) {
        stamped.start = start + (text.slice(start, contentStart).length - text.slice(start, contentStart).trimStart().length);
        fact.segments.push(stamped);
        fact.firstSegmentTimed = true;
      }
    }
    // A figure the report states about the whole incident ("**Total impact duration:** 5 hours 26
    // minutes (10:45 - 16:11 UTC)", "Detection delay: 4 hours") is not an event of the timeline.
    if (fact.segments.length === 0 && /\p{L}/u.test(content) && !/^!\[/.test(content) && !/^\{:/.test(content) && !INCIDENT_FIGURE_RE.test(content)) {
      fact.midLine = midLineEntry(text, contentStart, end, null, start);
    }
    if (kind === 'html') {
      if (fact.segments.length === 0) facts[line] = null;
      else Object.assign(fact, { day: null, zoneNote: null, midLine: null });
    }
  }
  return facts;
}

/** A line's entry as read in its chunk: line set, inherited date filled. */
function placeInChunk(entry: TimelineEntry, line: number, currentDate: string | null, year: number | null): TimelineEntry {
  // A day written without its year takes the report's; it is then a date written on the entry.
  const dayOfYear = entry.monthDay !== null && !entry.dateOnEntry ? dateOfMonthDay(entry.monthDay, currentDate, year) : null;
  // Written out, not spread: every entry gets the same shape, which the checks that walk all of them rely on.
  return {
    line,
    time: entry.time,
    endTime: entry.endTime,
    date: entry.dateOnEntry ? entry.date : (dayOfYear ?? currentDate),
    dateOnEntry: entry.dateOnEntry || dayOfYear !== null,
    monthDay: entry.monthDay,
    conversion: entry.conversion,
    writtenZone: entry.writtenZone,
    zone: null,
    zoneSource: null,
    textStart: entry.textStart,
    textEnd: entry.textEnd,
    start: entry.start,
  };
}

/** An entry of a piece placed in the document: line and offsets shifted by its chunk's place, zone resolved. */
export function placeEntry(entry: TimelineEntry, span: ChunkSpan, timeline: Timeline): TimelineEntry {
  const base = span.start;
  const fallback = timeline.fallbackZone;
  return {
    line: entry.line + span.firstLine,
    time: shifted(entry.time, base),
    endTime: shifted(entry.endTime, base),
    date: entry.date,
    dateOnEntry: entry.dateOnEntry,
    monthDay: entry.monthDay,
    conversion: entry.conversion && base !== 0 ? { time: shifted(entry.conversion.time, base)!, zone: shifted(entry.conversion.zone, base)! } : entry.conversion,
    writtenZone: shifted(entry.writtenZone, base),
    zone: entry.writtenZone ? entry.writtenZone.zone : (fallback?.zone ?? null),
    zoneSource: entry.writtenZone ? 'entry' : (fallback?.source ?? null),
    textStart: entry.textStart + base,
    textEnd: entry.textEnd + base,
    start: entry.start + base,
  };
}

function shifted<T extends { start: number; end: number }>(value: T | null, base: number): T | null {
  return value === null || base === 0 ? value : { ...value, start: value.start + base, end: value.end + base };
}

/**
 * Entries that take their date from a day heading run past midnight: "### May 1" then 23:40,
 * 23:55, 00:20 puts the last one on May 2. Carries on from the state the chunks before leave.
 */
function rollPastMidnight(entries: TimelineEntry[], state: TimelineState): Pick<TimelineState, 'dayBase' | 'daysRolled' | 'previous'> {
  let base = state.dayBase;
  let days = state.daysRolled;
  let previous = state.previous;
  for (const entry of entries) {
    const minutes = entry.time?.minutes ?? null;
    if (minutes === null) continue;
    if (entry.dateOnEntry || entry.date === null) {
      base = null;
      days = 0;
    } else {
      if (entry.date !== base) {
        base = entry.date;
        days = 0;
      } else if (previous !== null && crossesMidnight(previous.time!.minutes!, minutes)) {
        days++;
      }
      if (days > 0) entry.date = addDays(base, days);
    }
    previous = entry;
  }
  return { dayBase: base, daysRolled: days, previous };
}

/**
 * "1:50 PM alert fired", then "2:15 rollback": a 12-hour time written without AM/PM after an
 * afternoon neighbour is read in the afternoon, as its writer meant, when read as written it would
 * step back in time. Only times written the 12-hour way (an hour from 1 to 11 with no leading zero)
 * are read so: "02:15" is a 24-hour time.
 */
const TWELVE_HOUR_STYLE_RE = /^(?:[1-9]|1[01]):\d{2}$/;

function readAfternoonLikeNeighbours(entries: TimelineEntry[], before: TimelineEntry | null): void {
  let previous = before;
  for (let e = 0; e < entries.length; e++) {
    const entry = entries[e];
    const time = entry.time;
    if (time === null || time.minutes === null) continue;
    const neighbour = previous?.time;
    if (
      neighbour && neighbour.minutes !== null && neighbour.minutes >= 720 &&
      // A PM neighbour, or one this reading already put in the afternoon.
      (neighbour.meridiem === 'pm' || (neighbour.meridiem === null && TWELVE_HOUR_STYLE_RE.test(neighbour.raw.trim()))) &&
      time.meridiem === null && time.problem === null && TWELVE_HOUR_STYLE_RE.test(time.raw.trim()) &&
      time.minutes < neighbour.minutes && time.minutes + 720 >= neighbour.minutes && !entry.dateOnEntry
    ) {
      entries[e] = { ...entry, time: { ...time, minutes: time.minutes + 720 } };
    }
    previous = entries[e];
  }
}

/**
 * A line that names a day of the timeline and nothing else (no time): the date, perhaps bold, with
 * a colon, a weekday or a "(all times UTC)" note. `words` counts what else it says: headings may
 * carry a few more words ("Day 2").
 */
function dayLine(content: string): { date: string; note: string | null; words: number } | null {
  if (content.length > 120) return null;
  const stripped = content.replace(/^#+\s*/, '');
  const dates = findDates(stripped);
  if (dates.length !== 1 || findTimes(stripped).length > 0) return null;
  const paren = /\(([^()]*)\)/.exec(stripped);
  const rest = (stripped.slice(0, dates[0].start) + stripped.slice(dates[0].end))
    .replace(/\([^()]*\)/g, ' ')
    .replace(/\b(?:mon|tues|wednes|thurs|fri|satur|sun)day\b|\b(?:mon|tue|wed|thu|fri|sat|sun)\b/gi, ' ')
    .replace(/[*_`:,.\-\u2013\u2014\s]+/g, ' ')
    .trim();
  const words = rest === '' ? 0 : rest.split(' ').length;
  if (words > 3) return null;
  return { date: dates[0].iso, note: paren && ALL_TIMES_RE.test(paren[1]) ? paren[1] : null, words };
}

/** Whether the chunk's line is a heading of the outline (tier 1 or 2). */
function isStandaloneHeading(chunk: Chunk, line: number): boolean {
  return headingNodesOf(chunk).some((node) => node.line === line && node.tier < 3);
}

/** An entry that begins with its time: "- **10:15 AM PST:** text", "March 20, 2024, 09:05 AM - 17:59 PM: text". */
function readEntryStart(text: string, from: number, to: number, currentDate: string | null): TimelineEntry | null {
  PREFIX_RE.lastIndex = from;
  PREFIX_RE.exec(text);
  let position = PREFIX_RE.lastIndex;
  let date: string | null = null;
  const dates = findDates(text, position, Math.min(to, position + 40));
  if (dates.length > 0 && dates[0].start === position) {
    date = dates[0].iso;
    position = dates[0].end;
    // "2025-09-04T23:40Z" (ISO 8601) or "March 20, 2024, at 09:00".
    const after = /(?:T(?=\d)|[\s,*_`]*(?:at\s+)?[\s*_`]*)/y;
    after.lastIndex = position;
    after.exec(text);
    position = after.lastIndex;
  }
  // "Jan 14, 10:18 AM": a day without its year before the time.
  let monthDay = date === null ? monthDayAt(text, position) : null;
  if (monthDay) {
    const after = /[\s,*_`]*(?:at\s+)?[\s*_`]*/y;
    after.lastIndex = monthDay.end;
    after.exec(text);
    if (timeAt(text, after.lastIndex)) position = after.lastIndex;
    else monthDay = null;
  }
  const time = timeAt(text, position);
  if (!time || time.end > to) return null;
  let cursor = time.end;
  // "`14:51` UTC": the zone may follow the markup that closes the time.
  let zoneFrom = cursor;
  while (zoneFrom < to && (text[zoneFrom] === '`' || text[zoneFrom] === '*' || text[zoneFrom] === '_')) zoneFrom++;
  let writtenZone = zoneAfter(text, zoneFrom) ?? null;
  if (writtenZone && writtenZone.end <= to) cursor = skipParen(text, writtenZone.end);
  // "12:48 (6:48 PDT):": the same moment in another zone, in brackets.
  let conversion: TimelineEntry['conversion'] = null;
  const open = skipSpaces(text, cursor, to);
  if (text.charCodeAt(open) === 40 /* ( */) {
    const again = timeAt(text, open + 1);
    const againZone = again ? zoneAfter(text, again.end) : null;
    if (again && againZone && againZone.end < to && text.charCodeAt(skipSpaces(text, againZone.end, to)) === 41 /* ) */) {
      conversion = { time: again, zone: againZone };
      cursor = skipSpaces(text, againZone.end, to) + 1;
    }
  }
  // "18:00 PM PST Saturday Oct 30th:": the day after the time and zone.
  if (date === null && monthDay === null) {
    const dayAfter = monthDayAt(text, skipSpaces(text, cursor, to));
    if (dayAfter && dayAfter.end <= to) {
      monthDay = dayAfter;
      cursor = dayAfter.end;
    }
  }
  let endTime: TimeMention | null = null;
  RANGE_RE.lastIndex = cursor;
  if (RANGE_RE.exec(text)) {
    let rangePosition = RANGE_RE.lastIndex;
    const endDates = findDates(text, rangePosition, Math.min(to, rangePosition + 40));
    if (endDates.length > 0 && endDates[0].start === rangePosition) rangePosition = endDates[0].end + (text.slice(endDates[0].end).match(/^[\s,]*/)?.[0].length ?? 0);
    const candidate = timeAt(text, rangePosition);
    if (candidate && candidate.end <= to) {
      endTime = candidate;
      cursor = candidate.end;
      const endZone = zoneAfter(text, cursor);
      if (endZone && endZone.end <= to) {
        cursor = skipParen(text, endZone.end);
        // "01:58–02:00 CET": a zone after the range is the zone of both ends.
        writtenZone ??= endZone;
      }
    }
  }
  // The time must be followed by a separator or the end of the segment, not run into a word.
  const next = text.charCodeAt(cursor);
  if (cursor < to && !(next === 32 || next === 9 || next === 58 || next === 45 || next === 42 || next === 95 || next === 96 || next === 124 || next === 44 || next === 41 || next === 0x2013 || next === 0x2014 || next === 93 || next === 46)) return null;
  SEPARATOR_RE.lastIndex = cursor;
  SEPARATOR_RE.exec(text);
  // "<b>Update, October 19, 1:15pm:</b><br>": the closing markup is no part of the entry's text.
  CLOSING_MARKUP_RE.lastIndex = SEPARATOR_RE.lastIndex;
  CLOSING_MARKUP_RE.exec(text);
  const textStart = Math.min(CLOSING_MARKUP_RE.lastIndex, to);
  return {
    line: -1,
    time,
    endTime,
    date: date ?? currentDate,
    dateOnEntry: date !== null,
    monthDay: monthDay?.monthDay ?? null,
    conversion,
    writtenZone: writtenZone && writtenZone.end <= to ? writtenZone : null,
    zone: null,
    zoneSource: null,
    textStart,
    textEnd: trimEnd(text, textStart, to),
    start: from,
  };
}

function skipParen(text: string, offset: number): number {
  return text.charCodeAt(offset) === 41 /* ) */ ? offset + 1 : offset;
}

function trimEnd(text: string, from: number, to: number): number {
  let end = to;
  while (end > from && /[\s*_\\]/.test(text[end - 1])) end--;
  return end;
}

// cState's shortcode for the moment of an update: `{{< track "2019-03-30 20:31:19" >}}`, ending the update.
const TRACK_STAMP_RE = /\{\{<\s*track\s+"(?=\d{4}-\d{2}-\d{2}[ T]\d{1,2}:\d{2})([^"]{10,30})"\s*>\}\}[\s*_]*$/;

/** An update whose date and time are a stamp at its end (see TRACK_STAMP_RE): its text is what comes before. */
function trailingStampEntry(text: string, from: number, to: number): TimelineEntry | null {
  const line = text.slice(from, to);
  const stamp = TRACK_STAMP_RE.exec(line);
  if (!stamp) return null;
  const stampFrom = from + stamp.index + stamp[0].indexOf('"') + 1;
  const entry = readEntryStart(text, stampFrom, stampFrom + stamp[1].length, null);
  if (!entry || !entry.dateOnEntry) return null;
  return { ...entry, textStart: from, textEnd: trimEnd(text, from, from + stamp.index), start: from };
}

/** An entry whose time is written in its sentence: "The issue was detected at 10:00 AM (UTC) when ...". */
function midLineEntry(text: string, from: number, to: number, currentDate: string | null, lineStart: number): TimelineEntry {
  const time = findTimes(text, from, to).find((mention) => mention.minutes !== null && !insideCodeSpan(text, from, mention.start)) ?? null;
  const writtenZone = time ? zoneAfter(text, time.end) : null;
  const dates = time ? findDates(text, from, time.start) : [];
  return {
    line: -1,
    time,
    endTime: null,
    date: dates.length > 0 ? dates[dates.length - 1].iso : currentDate,
    dateOnEntry: dates.length > 0,
    monthDay: null,
    conversion: null,
    writtenZone: writtenZone && writtenZone.end <= to ? writtenZone : null,
    zone: null,
    zoneSource: null,
    textStart: from,
    textEnd: trimEnd(text, from, to),
    start: lineStart,
  };
}

type TableRow =
  | { kind: 'entry'; entry: TimelineEntry }
  /** The header or separator row; a header such as "Time (UTC)" states the zone. */
  | { kind: 'header'; zoneNote: string | null }
  | { kind: 'other' };

/** A table row: an entry when one of its first two cells starts with a time. */
function readTableRow(text: string, from: number, to: number, currentDate: string | null): TableRow {
  const row = text.slice(from, to);
  if (TABLE_SEPARATOR_RE.test(row)) return { kind: 'header', zoneNote: null };
  const cells = tableCells(text, from, to);
  for (let c = 0; c < Math.min(cells.length, 2); c++) {
    const [cellFrom, cellTo] = cells[c];
    let entry = readEntryStart(text, cellFrom, cellTo, currentDate) ?? fourDigitTime(text, cellFrom, cellTo, currentDate);
    // Separate Date and Time columns: "| 2024-05-01 | 14:50 | ... |", "| 2024-05-01 | 1450 | ... |".
    if (!entry && c + 1 < cells.length) {
      const date = dateOnlyCell(text, cellFrom, cellTo);
      const [nextFrom, nextTo] = cells[c + 1];
      const timed = date ? (readEntryStart(text, nextFrom, nextTo, date) ?? fourDigitTime(text, nextFrom, nextTo, date)) : null;
      if (timed) {
        timed.date = date;
        timed.dateOnEntry = true;
        entry = timed;
        c++;
      }
    }
    if (!entry) continue;
    const rest = cells.slice(c + 1);
    if (rest.length > 0) {
      entry.textStart = skipSpaces(text, rest[0][0], rest[rest.length - 1][1]);
      entry.textEnd = trimEnd(text, entry.textStart, rest[rest.length - 1][1]);
    }
    entry.start = from;
    return { kind: 'entry', entry };
  }
  const first = cells[0];
  if (!first) return { kind: 'other' };
  const header = text.slice(first[0], first[1]);
  if (!/\btime\b/i.test(header)) return { kind: 'other' };
  return { kind: 'header', zoneNote: /\(([^)]*)\)/.exec(header)?.[1] ?? null };
}

/** A table cell holding only a date ("2024-05-01", "May 1, 2024"). */
function dateOnlyCell(text: string, from: number, to: number): string | null {
  const dates = findDates(text, from, to);
  if (dates.length !== 1) return null;
  const rest = (text.slice(from, dates[0].start) + text.slice(dates[0].end, to)).replace(/[\s*_`]/g, '');
  return rest === '' ? dates[0].iso : null;
}

/** A table cell holding only a four-digit 24-hour time, as military-style tables write it ("0730", "1450"). */
function fourDigitTime(text: string, from: number, to: number, currentDate: string | null): TimelineEntry | null {
  const match = /^([\s*_`]*)([01]\d|2[0-3])([0-5]\d)[\s*_`]*$/.exec(text.slice(from, to));
  if (!match) return null;
  const start = from + match[1].length;
  const time: TimeMention = {
    start, end: start + 4, raw: text.slice(start, start + 4), minutes: Number(match[2]) * 60 + Number(match[3]), seconds: null,
    meridiem: null, clock: '24h', problem: null, suggestion: null,
  };
  return {
    line: -1, time, endTime: null, date: currentDate, dateOnEntry: false, monthDay: null, conversion: null,
    writtenZone: null, zone: null, zoneSource: null, textStart: to, textEnd: to, start: from,
  };
}

function skipSpaces(text: string, from: number, to: number): number {
  let position = from;
  while (position < to && /\s/.test(text[position])) position++;
  return position;
}
