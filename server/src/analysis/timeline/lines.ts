/**
 * What one line of a chunk says for the timeline, read once per chunk: its entries (a bullet, a
 * numbered item, a bold time, a heading with a time, a table row, an update stamped at its end),
 * a day it names, a zone it states. Offsets are chunk-relative.
 */
import { defineMemoSlot } from '../incremental/keys';
import { type Chunk } from '../parse';
import { insideCodeSpan } from '../text';
import { BR_RE, headingNodesOf, lineContent } from '../headings';
import { ALL_TIMES_WORDS, monthDayAt, findDates, findTimes, timeAt, zoneAfter, zoneFromNote, type TimeMention, type Zone, type ZoneMention } from '../time';
import { readTableRow, type TableRow } from './tables';
import { pieceEntry, type PieceEntry } from './types';

/** Where each chunk keeps what its lines say for the timeline (see `timelineFacts`). */
export const TIMELINE_SLOT = defineMemoSlot('timeline:lines');

export const ALL_TIMES_RE = new RegExp(String.raw`^[\s(*_]*${ALL_TIMES_WORDS}.*$`, 'i');
export const TABLE_SEPARATOR_RE = /^\|?[\s:|-]*-{2,}[\s:|-]*$/;
export const RANGE_RE = /[\s*_`]*(?:-|\u2013|\u2014|to|until|till)[\s*_`]*/y;
// What may come before an entry's time: markup, "At", "Update:", a weekday ("Mon 14:51").
// What may stand before an entry's time: markup (also a status page's <b>), "at", "~", a weekday, or
// a status update's label ("Update:", "Initial Announcement,", "Incident Report,").
export const PREFIX_RE =
  /(?:[\s*_`~]|\\|<(?:b|strong)>)*(?:(?:at|around|approx\.?|approximately|update:?|~|(?:mon|tue|wed|thu|fri|sat|sun)[a-z]{0,6}\.?,?|(?:initial\s+)?announcement[,:]?|incident\s+report[,:]?|(?:status\s+)?update[,:]?|investigating[,:]?|identified[,:]?|monitoring[,:]?)\s+)?(?:[\s*_`]|\\|<(?:b|strong)>)*/iy;
export const QUOTED_LINE_RE = /^ {0,3}>/;
export const CLOSING_MARKUP_RE = /(?:<\/(?:b|strong)>|<br\s*\/?>|[\s:])*/iy;
/** Where a sentence ends and the next entry starts on the same line: a time followed by an entry's separator. */
export const WRAPPED_ENTRY_RE = /[.;!?](?:\s+)(?=\d{1,2}:\d{2}(?:\s?[AaPp]\.?[Mm]\.?)?\s?(?:[A-Z]{2,4}\s?)?(?:[:\-\u2013\u2014]\s|\s[-\u2013\u2014]\s))/g;

/** `lastTimedDepth` under a heading that carries a time: the lines below it are its body. */
export const UNDER_TIMED_HEADING = -2;
export const INCIDENT_FIGURE_RE =
  /^[*_]*(?:total\s+)?(?:impact\s+|outage\s+|incident\s+|downtime\s+)?(?:duration|delay|detection delay|time to (?:detect|mitigate|resolve|recover)|tt[dmr]|mttr|mttd)[*_]*\s*:/i;
export const SEPARATOR_RE = /[\s*_`:|,\-\u2013\u2014)\]]*/y;

/** What one line says for the timeline, whatever its place: read once per chunk. Offsets are chunk-relative. */
export interface TimelineLineFact {
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
  segments: PieceEntry[];
  firstSegmentTimed: boolean;
  /** The line as an entry whose time (if any) is mid-sentence, when the line could be one. */
  midLine: PieceEntry | null;
  endsSentence: boolean;
}

export function timelineFacts(chunk: Chunk): Array<TimelineLineFact | null> {
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
      bullet,
      contentStart,
      end,
      day: null,
      hasTimes,
      zoneNote: null,
      table: null,
      segments: [],
      firstSegmentTimed: false,
      midLine: null,
      endsSentence: /(?:[.!?:]|<br\s*\/?>|\\)\s*$/i.test(content) || content.trim().length === 0,
    };
    facts[line] = fact;
    fact.day = dayOf(text, content, contentStart);
    if (!hasTimes && ALL_TIMES_RE.test(content)) fact.zoneNote = zoneFromNote(content);
    if (content.startsWith('|')) {
      fact.table = readTableRow(text, contentStart, end);
      continue;
    }
    const segments = segmentsOf(text, content, contentStart, end, kind === 'heading');
    for (let s = 0; s < segments.length; s++) {
      const [segmentStart, segmentEnd] = segments[s];
      const entry = readEntryStart(text, segmentStart, segmentEnd, null);
      if (!entry) continue;
      entry.start = s === 0 ? start + indentOf(text, start, contentStart) : segmentStart;
      fact.segments.push(entry);
      if (s === 0) fact.firstSegmentTimed = true;
    }
    // A status update stamped at its end, as the cState status page writes them: "The switch was
    // replaced. {{< track "2019-03-30 20:31:19" >}}".
    if (fact.segments.length === 0) {
      const stamped = trailingStampEntry(text, contentStart, end);
      if (stamped) {
        stamped.start = start + indentOf(text, start, contentStart);
        fact.segments.push(stamped);
        fact.firstSegmentTimed = true;
      }
    }
    // A figure the report states about the whole incident ("**Total impact duration:** 5 hours 26
    // minutes (10:45 - 16:11 UTC)", "Detection delay: 4 hours") is not an event of the timeline.
    if (fact.segments.length === 0 && /\p{L}/u.test(content) && !/^!\[/.test(content) && !/^\{:/.test(content) && !INCIDENT_FIGURE_RE.test(content)) {
      fact.midLine = midLineEntry(text, contentStart, end, start);
    }
    if (kind === 'html') {
      if (fact.segments.length === 0) facts[line] = null;
      else Object.assign(fact, { day: null, zoneNote: null, midLine: null });
    }
  }
  return facts;
}

/** The day a line names and nothing else, with the zone note beside it (offsets chunk-relative). */
function dayOf(text: string, content: string, contentStart: number): TimelineLineFact['day'] {
  const day = dayLine(content);
  if (!day) return null;
  let note: { zone: Zone; start: number; end: number } | null = null;
  if (day.note) {
    const zone = zoneFromNote(day.note);
    const at = text.indexOf(day.note, contentStart);
    if (zone && at >= 0) note = { zone, start: at, end: at + day.note.length };
  }
  return { date: day.date, words: day.words, note };
}

/** How far the line's first entry starts into its line: the indentation before the bullet. */
function indentOf(text: string, start: number, contentStart: number): number {
  const lead = text.slice(start, contentStart);
  return lead.length - lead.trimStart().length;
}

/**
 * The segments of a line that may each start an entry, as [start, end) offsets: the line itself
 * and whatever follows each <br>, and each sentence a reflowed line ran on into the next entry.
 */
function segmentsOf(text: string, content: string, contentStart: number, end: number, heading: boolean): Array<[number, number]> {
  // A heading's time stands after its markers ("### 5:00 PM", "### 2022-04-15 4:35"). A <br> ends a
  // segment, and so does a sentence a reflowed line ran on into the next entry ("10:00 - Alert
  // fired. 10:05 - Rollback started.").
  const segments: Array<[number, number]> = [];
  let segmentFrom = heading ? contentStart + (/^#{1,6}[ \t]+/.exec(content)?.[0].length ?? 0) : contentStart;
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
  return segments;
}

/**
 * A line that names a day of the timeline and nothing else (no time): the date, perhaps bold, with
 * a colon, a weekday or a "(all times UTC)" note. `words` counts what else it says: headings may
 * carry a few more words ("Day 2").
 */
export function dayLine(content: string): { date: string; note: string | null; words: number } | null {
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
export function isStandaloneHeading(chunk: Chunk, line: number): boolean {
  return headingNodesOf(chunk).some((node) => node.line === line && node.tier < 3);
}

/** An entry that begins with its time: "- **10:15 AM PST:** text", "March 20, 2024, 09:05 AM - 17:59 PM: text". */
export function readEntryStart(text: string, from: number, to: number, currentDate: string | null): PieceEntry | null {
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
  const conversion = conversionAt(text, cursor, to);
  if (conversion) cursor = conversion.end;
  // "18:00 PM PST Saturday Oct 30th:": the day after the time and zone.
  if (date === null && monthDay === null) {
    const dayAfter = monthDayAt(text, skipSpaces(text, cursor, to));
    if (dayAfter && dayAfter.end <= to) {
      monthDay = dayAfter;
      cursor = dayAfter.end;
    }
  }
  const range = rangeEndAt(text, cursor, to);
  if (range) {
    cursor = range.end;
    // "01:58–02:00 CET": a zone after the range is the zone of both ends.
    writtenZone ??= range.zone;
  }
  // The time must be followed by a separator or the end of the segment, not run into a word.
  if (cursor < to && !AFTER_TIME.has(text.charCodeAt(cursor))) return null;
  SEPARATOR_RE.lastIndex = cursor;
  SEPARATOR_RE.exec(text);
  // "<b>Update, October 19, 1:15pm:</b><br>": the closing markup is no part of the entry's text.
  CLOSING_MARKUP_RE.lastIndex = SEPARATOR_RE.lastIndex;
  CLOSING_MARKUP_RE.exec(text);
  const textStart = Math.min(CLOSING_MARKUP_RE.lastIndex, to);
  return pieceEntry({
    line: -1,
    time,
    endTime: range?.time ?? null,
    date: date ?? currentDate,
    dateOnEntry: date !== null,
    monthDay: monthDay?.monthDay ?? null,
    conversion: conversion && { time: conversion.time, zone: conversion.zone },
    writtenZone: writtenZone && writtenZone.end <= to ? writtenZone : null,
    zone: null,
    zoneSource: null,
    textStart,
    textEnd: trimEnd(text, textStart, to),
    start: from,
  });
}

// What may follow an entry's time: a space or tab, one of : - * _ ` | , ) ] . or a dash.
const AFTER_TIME = new Set([32, 9, 58, 45, 42, 95, 96, 124, 44, 41, 0x2013, 0x2014, 93, 46]);

/** "12:48 (6:48 PDT):": the same moment in another zone, in brackets right after the time; `end` is past the bracket. */
function conversionAt(text: string, cursor: number, to: number): { time: TimeMention; zone: ZoneMention; end: number } | null {
  const open = skipSpaces(text, cursor, to);
  if (text.charCodeAt(open) !== 40 /* ( */) return null;
  const again = timeAt(text, open + 1);
  const againZone = again ? zoneAfter(text, again.end) : null;
  if (!again || !againZone || againZone.end >= to || text.charCodeAt(skipSpaces(text, againZone.end, to)) !== 41 /* ) */) return null;
  return { time: again, zone: againZone, end: skipSpaces(text, againZone.end, to) + 1 };
}

/** "14:30-16:00", "09:05 AM - March 21, 17:59 PM": the end of a range after the time, with a zone after it; `end` is past both. */
function rangeEndAt(text: string, cursor: number, to: number): { time: TimeMention; zone: ZoneMention | null; end: number } | null {
  RANGE_RE.lastIndex = cursor;
  if (!RANGE_RE.exec(text)) return null;
  let position = RANGE_RE.lastIndex;
  const endDates = findDates(text, position, Math.min(to, position + 40));
  if (endDates.length > 0 && endDates[0].start === position) position = endDates[0].end + (text.slice(endDates[0].end).match(/^[\s,]*/)?.[0].length ?? 0);
  const time = timeAt(text, position);
  if (!time || time.end > to) return null;
  const zone = zoneAfter(text, time.end);
  if (zone && zone.end <= to) return { time, zone, end: skipParen(text, zone.end) };
  return { time, zone: null, end: time.end };
}

export function skipParen(text: string, offset: number): number {
  return text.charCodeAt(offset) === 41 /* ) */ ? offset + 1 : offset;
}

export function trimEnd(text: string, from: number, to: number): number {
  let end = to;
  while (end > from && /[\s*_\\]/.test(text[end - 1])) end--;
  return end;
}

// cState's shortcode for the moment of an update: `{{< track "2019-03-30 20:31:19" >}}`, ending the update.
export const TRACK_STAMP_RE = /\{\{<\s*track\s+"(?=\d{4}-\d{2}-\d{2}[ T]\d{1,2}:\d{2})([^"]{10,30})"\s*>\}\}[\s*_]*$/;

/** An update whose date and time are a stamp at its end (see TRACK_STAMP_RE): its text is what comes before. */
export function trailingStampEntry(text: string, from: number, to: number): PieceEntry | null {
  const line = text.slice(from, to);
  const stamp = TRACK_STAMP_RE.exec(line);
  if (!stamp) return null;
  const stampFrom = from + stamp.index + stamp[0].indexOf('"') + 1;
  const entry = readEntryStart(text, stampFrom, stampFrom + stamp[1].length, null);
  if (!entry || !entry.dateOnEntry) return null;
  return { ...entry, textStart: from, textEnd: trimEnd(text, from, from + stamp.index), start: from };
}

/** An entry whose time is written in its sentence: "The issue was detected at 10:00 AM (UTC) when ...". */
export function midLineEntry(text: string, from: number, to: number, lineStart: number): PieceEntry {
  const time = findTimes(text, from, to).find((mention) => mention.minutes !== null && !insideCodeSpan(text, from, mention.start)) ?? null;
  const writtenZone = time ? zoneAfter(text, time.end) : null;
  const dates = time ? findDates(text, from, time.start) : [];
  return pieceEntry({
    line: -1,
    time,
    endTime: null,
    // An undated entry takes its date where it is placed in its chunk (see placeInChunk).
    date: dates.length > 0 ? dates[dates.length - 1].iso : null,
    dateOnEntry: dates.length > 0,
    monthDay: null,
    conversion: null,
    writtenZone: writtenZone && writtenZone.end <= to ? writtenZone : null,
    zone: null,
    zoneSource: null,
    textStart: from,
    textEnd: trimEnd(text, from, to),
    start: lineStart,
  });
}

export function skipSpaces(text: string, from: number, to: number): number {
  let position = from;
  while (position < to && /\s/.test(text[position])) position++;
  return position;
}
