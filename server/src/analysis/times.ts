/**
 * Times and dates as people write them in postmortems: finding them in text, and the calendar
 * arithmetic on YYYY-MM-DD dates. Pure functions over strings; offsets are into the string given.
 */
import { getDaysInMonth } from 'date-fns';

export type Meridiem = 'am' | 'pm';

export interface TimeMention {
  start: number;
  end: number;
  raw: string;
  /** Minutes since midnight as the writer most plausibly meant it; null when it cannot be read. */
  minutes: number | null;
  seconds: number | null;
  meridiem: Meridiem | null;
  /** '12h' when written with AM/PM, '24h' otherwise. */
  clock: '12h' | '24h';
  /** Why the time cannot exist as written, if it cannot ("17:59 PM", "25:10", "0710 AM"). */
  problem: string | null;
  /** The correct spelling of the time, when there is one to suggest. */
  suggestion: string | null;
}

/** A time whose clock could be read. */
export type ReadTime = TimeMention & { minutes: number };

/** Whether the time's clock could be read (a type guard: `minutes` is then a number). */
export function isReadable(time: TimeMention): time is ReadTime {
  return time.minutes !== null;
}

export interface DateMention {
  start: number;
  end: number;
  /** YYYY-MM-DD */
  iso: string;
}

const MONTHS: Record<string, number> = {
  january: 1,
  february: 2,
  march: 3,
  april: 4,
  may: 5,
  june: 6,
  july: 7,
  august: 8,
  september: 9,
  october: 10,
  november: 11,
  december: 12,
  jan: 1,
  feb: 2,
  mar: 3,
  apr: 4,
  jun: 6,
  jul: 7,
  aug: 8,
  sep: 9,
  sept: 9,
  oct: 10,
  nov: 11,
  dec: 12,
};
const MONTH_PATTERN = 'january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec';

// H:MM[:SS] (optionally AM/PM or "h"/"hrs"), HHMM followed by AM/PM, HRS or Z, an hour with AM/PM,
// or the French 14h05.
// Every alternative starts with a digit, which lets the engine skip ahead fast; what may stand
// before a time is checked in code (`startsTime`), as a look-behind here would slow every position.
const TIME_SOURCE =
  String.raw`(?:(\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(?!\d|:\d)` +
  String.raw`|(\d{2})(\d{2})(?=[ \t]?(?:hrs?\b|h\b|[ap]\.?m\b)|Z\b)` +
  String.raw`|(\d{1,2})(?=[ \t]?[ap]\.?m\b)` +
  String.raw`|(\d{1,2})h(\d{2})(?![\d:a-z]))` +
  String.raw`(?:[ \t]?([ap])\.?m\.?(?![a-z])|[ \t]?(hrs?|h)(?![a-z]))?`;
const TIME_RE = new RegExp(TIME_SOURCE, 'gi');
const TIME_AT_RE = new RegExp(TIME_SOURCE, 'iy');

const DATE_RE = new RegExp(
  String.raw`(?<![\d\w])(?:(\d{4})-(\d{1,2})-(\d{1,2})(?!\d)` +
    String.raw`|(${MONTH_PATTERN})\.?\s+(\d{1,2})(?:st|nd|rd|th)?(?:\s*,\s*|\s+)(\d{4})(?!\d)` +
    String.raw`|(\d{1,2})(?:st|nd|rd|th)?(?:\s+of)?\s+(${MONTH_PATTERN})\.?,?\s+(\d{4})(?!\d)` +
    String.raw`|(\d{1,2})\/(\d{1,2})\/(\d{4}|\d{2})(?![\d\/])` +
    String.raw`|(\d{1,2})([.\-])(\d{1,2})\14(\d{4})(?![\d.\-]\d))`,
  'gi',
);

// "Oct 30th", "Saturday Oct 30th", "Jan 14,", "October 19", "14 Jan": a day of the year without the
// year, which the reader of the timeline takes from the report.
const MONTH_DAY_AT_RE = new RegExp(
  String.raw`(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\s+|(?:mon|tue|wed|thu|fri|sat|sun)\.?,?\s+)?` +
    String.raw`(?:(${MONTH_PATTERN})\.?\s+(\d{1,2})(?:st|nd|rd|th)?|(\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?(${MONTH_PATTERN})\.?)(?!\w|\s*,?\s*\d{4}\b)`,
  'iy',
);

export interface MonthDayMention {
  start: number;
  end: number;
  /** month * 100 + day */
  monthDay: number;
}

/** A day of the year written at `offset` without its year ("Oct 30th", "Jan 14"), if there is one. */
export function monthDayAt(text: string, offset: number): MonthDayMention | null {
  MONTH_DAY_AT_RE.lastIndex = offset;
  const match = MONTH_DAY_AT_RE.exec(text);
  if (!match) return null;
  const month = MONTHS[(match[1] ?? match[4]).toLowerCase()];
  const day = Number(match[2] ?? match[3]);
  if (!(day >= 1 && day <= 31)) return null;
  return { start: offset, end: offset + match[0].length, monthDay: month * 100 + day };
}

/**
 * The date of a day of the year written without its year, in the report's year: the year of the
 * date in hand (the day heading's, the window's), or the one either side when that puts it more
 * than half a year from that date (a timeline from 30 December to 2 January; a cause introduced
 * "12-05" in a report of March).
 */
export function dateOfMonthDay(monthDay: number, context: string | null, year: number | null): string | null {
  const contextYear = context ? Number(context.slice(0, 4)) : year;
  if (contextYear === null) return null;
  const month = Math.floor(monthDay / 100);
  const day = monthDay % 100;
  const candidate = isoDate(contextYear, month, day);
  if (candidate === null || context === null) return candidate;
  const distance = daysBetween(candidate, context);
  if (distance > 183) return isoDate(contextYear + 1, month, day);
  if (distance < -183) return isoDate(contextYear - 1, month, day);
  return candidate;
}

/**
 * Whether a time may start at `index`: not inside a number, version, path, URL or word, and
 * not a zone offset ("UTC-5:30", "T17:36:00-05:00"). A "T" after a date is ISO 8601, and
 * "14:30-16:00" is a range whose both ends are times.
 */
function startsTime(text: string, index: number): boolean {
  if (index === 0) return true;
  const previous = text.charCodeAt(index - 1);
  // digits : . / = # _ + and the minus sign
  if (
    (previous >= 48 && previous <= 57) ||
    previous === 58 ||
    previous === 46 ||
    previous === 47 ||
    previous === 61 ||
    previous === 35 ||
    previous === 95 ||
    previous === 43 ||
    previous === 0x2212
  )
    return false;
  const letter = (previous | 32) >= 97 && (previous | 32) <= 122;
  if (letter) {
    if ((previous | 32) !== 116 /* t */) return false;
    const beforeT = text.charCodeAt(index - 2);
    return beforeT >= 48 && beforeT <= 57;
  }
  if (previous === 45 /* - */) {
    const before = text.slice(Math.max(0, index - 7), index - 1);
    if (/(?:UTC|GMT|UT)\s?$/i.test(before) || /[:T]\d\d:\d\d$/.test(text.slice(Math.max(0, index - 7), index - 1))) return false;
  }
  return true;
}

/** Every time written in `text[from, to)`, in order. */
export function findTimes(text: string, from = 0, to = text.length): TimeMention[] {
  const found: TimeMention[] = [];
  // Search a slice: a global search from `from` would otherwise run on past `to` looking for a match.
  const part = from === 0 && to === text.length ? text : text.slice(from, to);
  TIME_RE.lastIndex = 0;
  let match: RegExpExecArray | null;
  while ((match = TIME_RE.exec(part)) !== null) {
    if (!startsTime(text, from + match.index)) {
      TIME_RE.lastIndex = match.index + 1;
      continue;
    }
    found.push(readTime(match, from));
  }
  return found;
}

/** The time starting exactly at `offset`, if one does. */
export function timeAt(text: string, offset: number): TimeMention | null {
  TIME_AT_RE.lastIndex = offset;
  const match = TIME_AT_RE.exec(text);
  return match !== null && startsTime(text, offset) ? readTime(match, 0) : null;
}

function readTime(match: RegExpExecArray, base: number): TimeMention {
  const raw = match[0];
  const start = base + match.index;
  const meridiem = match[9] ? (match[9].toLowerCase() === 'a' ? 'am' : 'pm') : null;
  let hour: number;
  let minute: number;
  let seconds: number | null = null;
  let problem: string | null = null;
  let suggestion: string | null = null;
  if (match[1] !== undefined) {
    hour = Number(match[1]);
    minute = Number(match[2]);
    seconds = match[3] !== undefined ? Number(match[3]) : null;
  } else if (match[4] !== undefined) {
    hour = Number(match[4]);
    minute = Number(match[5]);
    if (meridiem) {
      const fixed = `${match[4]}:${match[5]} ${meridiem.toUpperCase()}`;
      problem = `"${raw.trim()}" has no colon between hours and minutes`;
      suggestion = fixed;
    }
  } else if (match[6] !== undefined) {
    hour = Number(match[6]);
    minute = 0;
  } else {
    hour = Number(match[7]);
    minute = Number(match[8]);
  }
  let minutes: number | null = null;
  if (minute > 59 || (seconds !== null && seconds > 59)) {
    problem = `"${raw.trim()}" is not a time: minutes and seconds run from 00 to 59`;
  } else if (meridiem) {
    if (hour === 0) {
      problem = `"${raw.trim()}" mixes a 24-hour hour with ${meridiem.toUpperCase()}`;
      suggestion = `12:${pad(minute)} ${meridiem.toUpperCase()}`;
      minutes = minute + (meridiem === 'pm' ? 12 * 60 : 0);
    } else if (hour > 12) {
      problem = `"${raw.trim()}" mixes a 24-hour hour with ${meridiem.toUpperCase()}`;
      suggestion = hour <= 23 ? `${pad(hour)}:${pad(minute)}` : null;
      minutes = hour <= 23 ? hour * 60 + minute : null;
    } else {
      minutes = (hour % 12) * 60 + minute + (meridiem === 'pm' ? 12 * 60 : 0);
    }
  } else if (hour > 23) {
    problem = `"${raw.trim()}" is not a time: hours run from 00 to 23`;
  } else {
    minutes = hour * 60 + minute;
  }
  return {
    start,
    end: start + raw.length,
    raw,
    minutes,
    seconds,
    meridiem,
    clock: meridiem ? '12h' : '24h',
    problem,
    suggestion,
  };
}

/** Every date written in `text[from, to)`, in order. Impossible dates are left out. */
export function findDates(text: string, from = 0, to = text.length): DateMention[] {
  const found: DateMention[] = [];
  const part = from === 0 && to === text.length ? text : text.slice(from, to);
  DATE_RE.lastIndex = 0;
  let match: RegExpExecArray | null;
  while ((match = DATE_RE.exec(part)) !== null) {
    // The look-behind sees only the slice: check the character before it in the whole text.
    if (match.index === 0 && from > 0 && /[\d\w]/.test(text[from - 1])) continue;
    const iso = readDate(match);
    if (iso) found.push({ start: from + match.index, end: from + match.index + match[0].length, iso });
  }
  return found;
}

function readDate(match: RegExpExecArray): string | null {
  let year: number;
  let month: number;
  let day: number;
  if (match[1] !== undefined) {
    year = Number(match[1]);
    month = Number(match[2]);
    day = Number(match[3]);
  } else if (match[4] !== undefined) {
    month = MONTHS[match[4].toLowerCase()];
    day = Number(match[5]);
    year = Number(match[6]);
  } else if (match[7] !== undefined) {
    day = Number(match[7]);
    month = MONTHS[match[8].toLowerCase()];
    year = Number(match[9]);
  } else if (match[13] !== undefined) {
    // "27.08.2022" and "29-09-2021": day first, as Europe writes them (a dash with the month first
    // only when the second number cannot be a month).
    const first = Number(match[13]);
    const second = Number(match[15]);
    year = Number(match[16]);
    if (match[14] === '-' && second > 12) {
      month = first;
      day = second;
    } else {
      day = first;
      month = second;
    }
  } else {
    // Slashed dates: month first as in the US, unless the first number cannot be a month.
    const first = Number(match[10]);
    const second = Number(match[11]);
    year = Number(match[12]);
    if (match[12].length === 2) year += 2000;
    if (first > 12) {
      day = first;
      month = second;
    } else {
      month = first;
      day = second;
    }
  }
  return isoDate(year, month, day);
}

export function isoDate(year: number, month: number, day: number): string | null {
  if (!(year >= 1970 && year <= 2200) || !(month >= 1 && month <= 12) || day < 1) return null;
  if (day > getDaysInMonth(new Date(year, month - 1, 1))) return null;
  return `${year}-${pad(month)}-${pad(day)}`;
}

export function pad(value: number): string {
  return value < 10 ? `0${value}` : String(value);
}

export function formatMinutes(minutes: number): string {
  const wrapped = ((minutes % 1440) + 1440) % 1440;
  return `${pad(Math.floor(wrapped / 60))}:${pad(wrapped % 60)}`;
}

/** A time of day as the report writes it: "14:05", or "2:05 PM" on a 12-hour report (wrapped into one day). */
export function formatClock(minutes: number, clock: '12h' | '24h'): string {
  const wrapped = ((Math.round(minutes) % 1440) + 1440) % 1440;
  if (clock === '24h') return formatMinutes(wrapped);
  const hour = Math.floor(wrapped / 60);
  return `${hour % 12 || 12}:${pad(wrapped % 60)} ${hour < 12 ? 'AM' : 'PM'}`;
}

/** 23:50 -> 00:10 is the next day; 12:00 -> 00:15 is a mistake, not a night. */
export function crossesMidnight(previousMinutes: number, minutes: number): boolean {
  return minutes < previousMinutes && previousMinutes >= 18 * 60 && minutes < 6 * 60 && minutes + 1440 - previousMinutes <= 8 * 60;
}

/** Adds `days` to a YYYY-MM-DD date. */
export function addDays(iso: string, days: number): string {
  const [year, month, day] = iso.split('-').map(Number);
  const date = new Date(Date.UTC(year, month - 1, day + days));
  return date.toISOString().slice(0, 10);
}

/** Days from `a` to `b`, both YYYY-MM-DD. */
export function daysBetween(a: string, b: string): number {
  return a === b ? 0 : dayNumber(b) - dayNumber(a);
}

/**
 * Days since 1970-01-01 of a YYYY-MM-DD date, read digit by digit: the timeline rules call this
 * for every pair of entries, and splitting strings and building Dates there was most of their cost.
 */
export function dayNumber(iso: string): number {
  let year = (iso.charCodeAt(0) - 48) * 1000 + (iso.charCodeAt(1) - 48) * 100 + (iso.charCodeAt(2) - 48) * 10 + (iso.charCodeAt(3) - 48);
  const month = (iso.charCodeAt(5) - 48) * 10 + (iso.charCodeAt(6) - 48);
  const day = (iso.charCodeAt(8) - 48) * 10 + (iso.charCodeAt(9) - 48);
  // Days from civil, after Howard Hinnant's algorithm.
  year -= month <= 2 ? 1 : 0;
  const era = Math.floor(year / 400);
  const yearOfEra = year - era * 400;
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}
