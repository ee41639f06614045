/**
 * One chunk read as part of the timeline: its lines in the state the chunks before leave (the day,
 * the last timed entry, whether the zone is known), and the state it hands on.
 */
import { type Chunk } from '../parse';
import { addDays, crossesMidnight, dateOfMonthDay, daysBetween, zoneFromNote, type Zone } from '../time';
import { isStandaloneHeading, TIMELINE_SLOT, timelineFacts, UNDER_TIMED_HEADING, type TimelineLineFact } from './lines';
import { zoneSetting } from './queries';
import {
  isTimed,
  pieceEntry,
  type EntryFields,
  type PieceInput,
  type Timed,
  type PieceEntry,
  type TimelinePiece,
  type TimelineState,
  type ZoneNote,
} from './types';

// States and inputs are built by these two functions only, so that every one has the same shape:
// they are compared for every chunk an edit reaches.
export function timelineState(
  currentDate: string | null,
  lastTimedDepth: number,
  previousEndsSentence: boolean,
  zoneKnown: boolean,
  dayBase: string | null,
  daysRolled: number,
  previous: Timed<PieceEntry> | null,
  firstDate: string | null,
  day: number,
  year: number | null,
): TimelineState {
  return { currentDate, lastTimedDepth, previousEndsSentence, zoneKnown, dayBase, daysRolled, previous, firstDate, day, year };
}

export function pieceInput(state: TimelineState, first: number, last: number, strict: boolean): PieceInput {
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
    private previous: Timed<EntryFields> | null = null,
  ) {}

  /** The instant of the last timed entry, if any. */
  get previousInstant(): number | null {
    return this.previous ? this.day * 1440 + this.previous.time.minutes : null;
  }

  /** The instant of the next entry in order; null (and no step) for an untimed one. */
  next(entry: EntryFields): number | null {
    return isTimed(entry) ? this.step(entry) : null;
  }

  /** The instant of the next timed entry in order. */
  step(entry: Timed<EntryFields>): number {
    const minutes = entry.time.minutes;
    if (entry.date) {
      this.firstDate ??= entry.date;
      this.day = daysBetween(this.firstDate, entry.date);
    } else if (this.previous !== null && crossesMidnight(this.previous.time.minutes % 1440, minutes)) {
      this.day++;
    }
    this.previous = entry;
    return this.day * 1440 + minutes;
  }
}

/** Whether a piece read with `input` is the one for a chunk read now, in `state`. */
export function readIn(input: PieceInput, state: TimelineState, first: number, last: number, strict: boolean): boolean {
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
export function sameAsPrevious(a: Timed<PieceEntry> | null, b: Timed<PieceEntry> | null): boolean {
  if (a === b) return true;
  if (a === null || b === null) return false;
  const zoneA = a.writtenZone?.zone ?? null;
  const zoneB = b.writtenZone?.zone ?? null;
  return (
    a.time.minutes === b.time.minutes &&
    a.time.seconds === b.time.seconds &&
    a.time.raw === b.time.raw &&
    a.date === b.date &&
    (zoneA === zoneB || (zoneA !== null && zoneB !== null && zoneSetting(zoneA) === zoneSetting(zoneB)))
  );
}

/** Reads the timeline lines of one chunk in the state the lines before leave. */
export function readPiece(chunk: Chunk, input: PieceInput): TimelinePiece {
  const { lines } = chunk;
  const facts = chunk.memoAt(TIMELINE_SLOT, timelineFacts);
  const entries: PieceEntry[] = [];
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
      const row = tableRowIn(fact, input.strict);
      if (row.entry) entries.push(placeInChunk(row.entry, line, currentDate, input.year));
      else if (row.zone && !zoneKnown) {
        zoneNote = { zone: row.zone, source: 'note', start: fact.contentStart, end: fact.end };
        zoneKnown = true;
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

  return finishPiece(input, entries, zoneNote, { currentDate, lastTimedDepth, previousEndsSentence, zoneKnown });
}

/** A piece once its lines are read: afternoon neighbours read, days rolled past midnight, and the state it hands on. */
function finishPiece(
  input: PieceInput,
  entries: PieceEntry[],
  zoneNote: ZoneNote | null,
  read: Pick<TimelineState, 'currentDate' | 'lastTimedDepth' | 'previousEndsSentence' | 'zoneKnown'>,
): TimelinePiece {
  readAfternoonLikeNeighbours(entries, input.previous);
  const { dayBase, daysRolled, previous } = rollPastMidnight(entries, input);
  const { clock, instantDrops, sharesLines } = sortFacts(entries, input);
  const output = timelineState(
    read.currentDate,
    read.lastTimedDepth,
    read.previousEndsSentence,
    read.zoneKnown,
    dayBase,
    daysRolled,
    previous,
    clock.firstDate,
    clock.day,
    input.year,
  );
  return { input, output, entries, zoneNote, instantDrops, sharesLines };
}

/**
 * What a table row gives the timeline: its entry, or the zone its header states. A lone four-digit
 * cell is a time only inside a Timeline section (`strict` is false there): elsewhere it may be a year.
 */
function tableRowIn(fact: TimelineLineFact, strict: boolean): { entry: PieceEntry | null; zone: Zone | null } {
  const row = fact.table;
  if (row?.kind === 'entry') {
    const bareDigits = !row.entry.dateOnEntry && /^\d{4}$/.test(row.entry.time?.raw ?? '');
    return { entry: strict && bareDigits ? null : row.entry, zone: null };
  }
  return { entry: null, zone: row?.kind === 'header' && row.zoneNote ? zoneFromNote(row.zoneNote) : null };
}

/** The instants the sort fix orders entries by: whether sorting would move any of these, and whether two share a line. */
function sortFacts(entries: PieceEntry[], input: PieceInput): { clock: InstantClock; instantDrops: boolean; sharesLines: boolean } {
  const clock = new InstantClock(input.firstDate, input.day, input.previous);
  let instantDrops = false;
  let sharesLines = false;
  let previousLine = -1;
  for (const entry of entries) {
    if (!isTimed(entry)) continue;
    const before = clock.previousInstant;
    const instant = clock.next(entry);
    if (before !== null && instant !== null && instant < before) instantDrops = true;
    if (entry.line <= previousLine) sharesLines = true;
    previousLine = entry.line;
  }
  return { clock, instantDrops, sharesLines };
}

/** A line's entry as read in its chunk: line set, inherited date filled. */
export function placeInChunk(entry: PieceEntry, line: number, currentDate: string | null, year: number | null): PieceEntry {
  // A day written without its year takes the report's; it is then a date written on the entry.
  const dayOfYear = entry.monthDay !== null && !entry.dateOnEntry ? dateOfMonthDay(entry.monthDay, currentDate, year) : null;
  // Written out, not spread: every entry gets the same shape, which the checks that walk all of them rely on.
  return pieceEntry({
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
  });
}

/**
 * Entries that take their date from a day heading run past midnight: "### May 1" then 23:40,
 * 23:55, 00:20 puts the last one on May 2. Carries on from the state the chunks before leave.
 */
export function rollPastMidnight(entries: PieceEntry[], state: TimelineState): Pick<TimelineState, 'dayBase' | 'daysRolled' | 'previous'> {
  let base = state.dayBase;
  let days = state.daysRolled;
  let previous = state.previous;
  for (const entry of entries) {
    if (!isTimed(entry)) continue;
    const minutes = entry.time.minutes;
    if (entry.dateOnEntry || entry.date === null) {
      base = null;
      days = 0;
    } else {
      if (entry.date !== base) {
        base = entry.date;
        days = 0;
      } else if (previous !== null && crossesMidnight(previous.time.minutes, minutes)) {
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
export const TWELVE_HOUR_STYLE_RE = /^(?:[1-9]|1[01]):\d{2}$/;

export function readAfternoonLikeNeighbours(entries: PieceEntry[], before: PieceEntry | null): void {
  let previous = before;
  for (let e = 0; e < entries.length; e++) {
    const entry = entries[e];
    const time = entry.time;
    if (time === null || time.minutes === null) continue;
    const neighbour = previous?.time;
    if (
      neighbour &&
      neighbour.minutes !== null &&
      neighbour.minutes >= 720 &&
      // A PM neighbour, or one this reading already put in the afternoon.
      (neighbour.meridiem === 'pm' || (neighbour.meridiem === null && TWELVE_HOUR_STYLE_RE.test(neighbour.raw.trim()))) &&
      time.meridiem === null &&
      time.problem === null &&
      TWELVE_HOUR_STYLE_RE.test(time.raw.trim()) &&
      time.minutes < neighbour.minutes &&
      time.minutes + 720 >= neighbour.minutes &&
      !entry.dateOnEntry
    ) {
      entries[e] = { ...entry, time: { ...time, minutes: time.minutes + 720 } };
    }
    previous = entries[e];
  }
}
