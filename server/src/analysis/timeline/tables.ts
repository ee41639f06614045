/**
 * Timeline tables: a row is an entry when one of its first two cells starts with a time, with
 * separate Date and Time columns and four-digit times read.
 */
import { tableCells } from '../text';
import { findDates, type TimeMention } from '../time';
import { TABLE_SEPARATOR_RE, readEntryStart, skipSpaces, trimEnd } from './lines';
import { pieceEntry, type PieceEntry } from './types';

export type TableRow =
  | { kind: 'entry'; entry: PieceEntry }
  /** The header or separator row; a header such as "Time (UTC)" states the zone. */
  | { kind: 'header'; zoneNote: string | null }
  | { kind: 'other' };

/** A table row: an entry when one of its first two cells starts with a time. */
export function readTableRow(text: string, from: number, to: number): TableRow {
  const row = text.slice(from, to);
  if (TABLE_SEPARATOR_RE.test(row)) return { kind: 'header', zoneNote: null };
  const cells = tableCells(text, from, to);
  for (let c = 0; c < Math.min(cells.length, 2); c++) {
    const [cellFrom, cellTo] = cells[c];
    let entry = readEntryStart(text, cellFrom, cellTo, null) ?? fourDigitTime(text, cellFrom, cellTo, null);
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
export function dateOnlyCell(text: string, from: number, to: number): string | null {
  const dates = findDates(text, from, to);
  if (dates.length !== 1) return null;
  const rest = (text.slice(from, dates[0].start) + text.slice(dates[0].end, to)).replace(/[\s*_`]/g, '');
  return rest === '' ? dates[0].iso : null;
}

/** A table cell holding only a four-digit 24-hour time, as military-style tables write it ("0730", "1450"). */
export function fourDigitTime(text: string, from: number, to: number, currentDate: string | null): PieceEntry | null {
  const match = /^([\s*_`]*)([01]\d|2[0-3])([0-5]\d)[\s*_`]*$/.exec(text.slice(from, to));
  if (!match) return null;
  const start = from + match[1].length;
  const time: TimeMention = {
    start,
    end: start + 4,
    raw: text.slice(start, start + 4),
    minutes: Number(match[2]) * 60 + Number(match[3]),
    seconds: null,
    meridiem: null,
    clock: '24h',
    problem: null,
    suggestion: null,
  };
  return pieceEntry({
    line: -1,
    time,
    endTime: null,
    date: currentDate,
    dateOnEntry: false,
    monthDay: null,
    conversion: null,
    writtenZone: null,
    zone: null,
    zoneSource: null,
    textStart: to,
    textEnd: to,
    start: from,
  });
}
