/**
 * Timestamps, dates, zones and durations as people write them in postmortems.
 * Pure functions over strings; offsets are into the string given.
 */
import { TZDate } from '@date-fns/tz';
import { getDaysInMonth } from 'date-fns';
import { trimEndOf } from './text';

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

export interface ZoneMention {
  start: number;
  end: number;
  /** The zone as written, without brackets. */
  text: string;
  zone: Zone;
}

export interface Zone {
  /** The zone as written. */
  text: string;
  /** A fixed UTC offset in minutes, when the zone has one. */
  fixedOffset: number | null;
  /** An IANA zone whose offset depends on the date ("Pacific Time"). */
  iana: string | null;
  /** For a standard/daylight abbreviation: which of the pair it is. */
  season: 'standard' | 'daylight' | null;
  /** The abbreviation of the other season ("PDT" for "PST"). */
  counterpart: string | null;
}

const MONTHS: Record<string, number> = {
  january: 1, february: 2, march: 3, april: 4, may: 5, june: 6, july: 7, august: 8,
  september: 9, october: 10, november: 11, december: 12,
  jan: 1, feb: 2, mar: 3, apr: 4, jun: 6, jul: 7, aug: 8, sep: 9, sept: 9, oct: 10, nov: 11, dec: 12,
};
const MONTH_PATTERN =
  'january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec';

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
 * date in hand (the day heading's, the window's), or the next one when that puts it more than
 * half a year before that date (a timeline from 30 December to 2 January).
 */
export function dateOfMonthDay(monthDay: number, context: string | null, year: number | null): string | null {
  const contextYear = context ? Number(context.slice(0, 4)) : year;
  if (contextYear === null) return null;
  const candidate = isoDate(contextYear, Math.floor(monthDay / 100), monthDay % 100);
  if (candidate === null || context === null) return candidate;
  return daysBetween(candidate, context) > 183 ? isoDate(contextYear + 1, Math.floor(monthDay / 100), monthDay % 100) : candidate;
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
  if ((previous >= 48 && previous <= 57) || previous === 58 || previous === 46 || previous === 47 || previous === 61 || previous === 35 || previous === 95 || previous === 43 || previous === 0x2212) return false;
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

// ---------------------------------------------------------------------------
// Zones

interface ZoneInfo {
  offset?: number;
  iana?: string;
  season?: 'standard' | 'daylight';
  counterpart?: string;
}

const US_PACIFIC = 'America/Los_Angeles';
const US_MOUNTAIN = 'America/Denver';
const US_CENTRAL = 'America/Chicago';
const US_EASTERN = 'America/New_York';

/** Abbreviations written in upper case; the pairs carry the zone whose season they name. */
const ABBREVIATIONS: Record<string, ZoneInfo> = {
  UTC: { offset: 0 }, GMT: { offset: 0 }, UT: { offset: 0 }, Z: { offset: 0 }, ZULU: { offset: 0 },
  PST: { offset: -480, iana: US_PACIFIC, season: 'standard', counterpart: 'PDT' },
  PDT: { offset: -420, iana: US_PACIFIC, season: 'daylight', counterpart: 'PST' },
  MST: { offset: -420, iana: US_MOUNTAIN, season: 'standard', counterpart: 'MDT' },
  MDT: { offset: -360, iana: US_MOUNTAIN, season: 'daylight', counterpart: 'MST' },
  CST: { offset: -360, iana: US_CENTRAL, season: 'standard', counterpart: 'CDT' },
  CDT: { offset: -300, iana: US_CENTRAL, season: 'daylight', counterpart: 'CST' },
  EST: { offset: -300, iana: US_EASTERN, season: 'standard', counterpart: 'EDT' },
  EDT: { offset: -240, iana: US_EASTERN, season: 'daylight', counterpart: 'EST' },
  PT: { iana: US_PACIFIC }, MT: { iana: US_MOUNTAIN }, CT: { iana: US_CENTRAL }, ET: { iana: US_EASTERN },
  AKST: { offset: -540, iana: 'America/Anchorage', season: 'standard', counterpart: 'AKDT' },
  AKDT: { offset: -480, iana: 'America/Anchorage', season: 'daylight', counterpart: 'AKST' },
  HST: { offset: -600 },
  BST: { offset: 60, iana: 'Europe/London', season: 'daylight', counterpart: 'GMT' },
  WET: { offset: 0, iana: 'Europe/Lisbon', season: 'standard', counterpart: 'WEST' },
  WEST: { offset: 60, iana: 'Europe/Lisbon', season: 'daylight', counterpart: 'WET' },
  CET: { offset: 60, iana: 'Europe/Paris', season: 'standard', counterpart: 'CEST' },
  CEST: { offset: 120, iana: 'Europe/Paris', season: 'daylight', counterpart: 'CET' },
  MET: { offset: 60 }, MEZ: { offset: 60 }, MESZ: { offset: 120 },
  EET: { offset: 120, iana: 'Europe/Athens', season: 'standard', counterpart: 'EEST' },
  EEST: { offset: 180, iana: 'Europe/Athens', season: 'daylight', counterpart: 'EET' },
  WAT: { offset: 60 }, CAT: { offset: 120 }, EAT: { offset: 180 }, SAST: { offset: 120 },
  MSK: { offset: 180 }, TRT: { offset: 180 }, GST: { offset: 240 }, PKT: { offset: 300 },
  IST: { offset: 330 }, NPT: { offset: 345 }, ICT: { offset: 420 }, WIB: { offset: 420 },
  SGT: { offset: 480 }, HKT: { offset: 480 }, PHT: { offset: 480 }, AWST: { offset: 480 },
  JST: { offset: 540 }, KST: { offset: 540 },
  ACST: { offset: 570, iana: 'Australia/Adelaide', season: 'standard', counterpart: 'ACDT' },
  ACDT: { offset: 630, iana: 'Australia/Adelaide', season: 'daylight', counterpart: 'ACST' },
  AEST: { offset: 600, iana: 'Australia/Sydney', season: 'standard', counterpart: 'AEDT' },
  AEDT: { offset: 660, iana: 'Australia/Sydney', season: 'daylight', counterpart: 'AEST' },
  NZST: { offset: 720, iana: 'Pacific/Auckland', season: 'standard', counterpart: 'NZDT' },
  NZDT: { offset: 780, iana: 'Pacific/Auckland', season: 'daylight', counterpart: 'NZST' },
  BRT: { offset: -180 }, ART: { offset: -180 }, COT: { offset: -300 }, PET: { offset: -300 },
};

/** Zone names, matched in lower case after "standard"/"daylight" are read. */
const NAMES: Record<string, ZoneInfo> = {
  'pacific time': { iana: US_PACIFIC }, 'pacific standard time': ABBREVIATIONS.PST, 'pacific daylight time': ABBREVIATIONS.PDT,
  'mountain time': { iana: US_MOUNTAIN }, 'mountain standard time': ABBREVIATIONS.MST, 'mountain daylight time': ABBREVIATIONS.MDT,
  'central time': { iana: US_CENTRAL }, 'central standard time': ABBREVIATIONS.CST, 'central daylight time': ABBREVIATIONS.CDT,
  'eastern time': { iana: US_EASTERN }, 'eastern standard time': ABBREVIATIONS.EST, 'eastern daylight time': ABBREVIATIONS.EDT,
  'coordinated universal time': { offset: 0 }, 'universal time': { offset: 0 }, 'greenwich mean time': { offset: 0 },
  'greenwich time': { offset: 0 }, 'zulu time': { offset: 0 },
  'british summer time': ABBREVIATIONS.BST, 'uk time': { iana: 'Europe/London' }, 'london time': { iana: 'Europe/London' },
  'central european time': { iana: 'Europe/Paris' }, 'central european summer time': ABBREVIATIONS.CEST,
  'eastern european time': { iana: 'Europe/Athens' }, 'western european time': { iana: 'Europe/Lisbon' },
  'west africa time': { offset: 60 }, 'west african time': { offset: 60 },
  'central africa time': { offset: 120 }, 'central african time': { offset: 120 },
  'east africa time': { offset: 180 }, 'east african time': { offset: 180 },
  'south africa standard time': { offset: 120 }, 'india standard time': { offset: 330 },
  'indian standard time': { offset: 330 }, 'arabia standard time': { offset: 180 },
  'japan standard time': { offset: 540 }, 'korea standard time': { offset: 540 }, 'china standard time': { offset: 480 },
  'singapore time': { offset: 480 }, 'moscow time': { offset: 180 },
  'australian eastern time': { iana: 'Australia/Sydney' }, 'new zealand time': { iana: 'Pacific/Auckland' },
};

/** A zone name we know written in a sentence, only its first word capitalised: "between 5pm and 6:35pm Pacific time". */
const SENTENCE_NAME_PATTERN = Object.keys(NAMES)
  .filter((name) => name.endsWith(' time'))
  .map((name) => name[0].toUpperCase() + name.slice(1))
  .sort((a, b) => b.length - a.length)
  .join('|');

/** An IANA zone id as people write it: "America/Los_Angeles", "US/Pacific", "Europe/Berlin". */
const IANA_PATTERN = String.raw`(?:Africa|America|Antarctica|Asia|Atlantic|Australia|Europe|Indian|Pacific|US|Canada|Brazil|Mexico|Etc)\/[A-Z][A-Za-z_]+(?:\/[A-Z][A-Za-z_]+)?(?![A-Za-z_\/])`;
const IANA_RE = new RegExp(`^${IANA_PATTERN}$`);

const ABBREVIATION_PATTERN = Object.keys(ABBREVIATIONS)
  .filter((name) => name !== 'Z')
  .sort((a, b) => b.length - a.length)
  .join('|');

// A zone right after a time: "UTC", "(UTC)", "UTC+5:30", "GMT-5", "+00:00", "PST/PDT", "Pacific Time",
// "West saudi arabia Time". Matched case-sensitively: "at" or "pt" in prose are not zones. The zone
// may start on the next line (a wrapped "21:14\nPDT"), but never spans one: "10:15 UTC" ending a
// line and "- 2024-03-05" starting the next are not UTC-20:24.
const ZONE_AFTER_RE = new RegExp(
  String.raw`\s{0,2}\(?\s?(` +
    String.raw`(?:UTC|GMT|UT)[ \t]?[+\-\u2212][ \t]?\d{1,2}(?::?\d{2})?(?![\d])` +
    String.raw`|[+\-\u2212]\d{2}:?\d{2}(?![\d])` +
    String.raw`|(?:${ABBREVIATION_PATTERN})(?:[ \t]?\/[ \t]?(?:${ABBREVIATION_PATTERN}))?(?![A-Za-z])` +
    String.raw`|[A-Z][a-z]+(?: [A-Za-z][a-z]+){0,3} Time(?![A-Za-z])` +
    String.raw`|${IANA_PATTERN}` +
    String.raw`|(?:${SENTENCE_NAME_PATTERN})(?![A-Za-z])` +
    String.raw`)\)?`,
  'y',
);
const Z_SUFFIX_RE = /Z(?![A-Za-z])/y;
const ISO_TIME_BEFORE_RE = /(?:\d{4}-\d{2}-\d{2}[T ]\d{1,2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?|\d{1,2}:\d{2}:\d{2}(?:[.,]\d+)?)$/;

/** A zone written right after `offset` (the end of a time), if there is one. */
export function zoneAfter(text: string, offset: number): ZoneMention | null {
  Z_SUFFIX_RE.lastIndex = offset;
  if (Z_SUFFIX_RE.test(text)) return { start: offset, end: offset + 1, text: 'Z', zone: resolveZone('Z')! };
  ZONE_AFTER_RE.lastIndex = offset;
  const match = ZONE_AFTER_RE.exec(text);
  if (!match) return null;
  // "10:02-10:29" and "14:30-16:00" are ranges: a bare offset counts only after an ISO date-time
  // ("2024-03-10T03:20-07:00") or a time with seconds ("03:20:00-07:00").
  if (/^[+\-\u2212]/.test(match[1]) && !ISO_TIME_BEFORE_RE.test(text.slice(Math.max(0, offset - 30), offset))) return null;
  const { written, zone } = readZone(match[1]);
  const start = offset + match[0].indexOf(written);
  return { start, end: start + written.length, text: written, zone: zone ?? unknownZone(written) };
}

/**
 * "UTC - 2024-03-05" reads as UTC followed by a dash, not as UTC-20:24: an offset past ±14:00 (or
 * with minutes past 59) is no offset, so only the zone's name is kept.
 */
function readZone(matched: string): { written: string; zone: Zone | null } {
  const zone = resolveZone(matched);
  const named = zone ? null : /^(?:UTC|GMT|UT)(?=[ \t]?[+\-\u2212])/.exec(matched);
  return named ? { written: named[0], zone: resolveZone(named[0]) } : { written: matched, zone };
}

/** Every zone written anywhere in `text` as a standalone token (abbreviations, offsets and names). */
export function findZones(text: string): ZoneMention[] {
  const found: ZoneMention[] = [];
  const re = new RegExp(
    String.raw`(?<![A-Za-z\d])((?:UTC|GMT)(?:[ \t]?[+\-\u2212][ \t]?\d{1,2}(?::?\d{2})?)?` +
      String.raw`|(?:${ABBREVIATION_PATTERN})(?:[ \t]?\/[ \t]?(?:${ABBREVIATION_PATTERN}))?` +
      String.raw`|(?:[A-Z][a-z]+ ){1,3}(?:Standard |Daylight )?Time|${IANA_PATTERN}|${SENTENCE_NAME_PATTERN})(?![A-Za-z])`,
    'g',
  );
  let match: RegExpExecArray | null;
  while ((match = re.exec(text)) !== null) {
    const { written, zone } = readZone(match[1]);
    if (zone) found.push({ start: match.index, end: match.index + written.length, text: written, zone });
  }
  return found;
}

function unknownZone(text: string): Zone {
  return { text, fixedOffset: null, iana: null, season: null, counterpart: null };
}

/**
 * Reads a zone as written. Returns null when the text names no zone we know; a
 * free-text name ending in "Time" is still a zone, with no offset.
 */
export function resolveZone(written: string): Zone | null {
  const text = written.trim().replace(/\u2212/g, '-');
  const offsetMatch = /^(?:(?:UTC|GMT|UT)\s?)?([+-])\s?(\d{1,2})(?::?(\d{2}))?$/i.exec(text);
  if (offsetMatch && (/^(UTC|GMT|UT)/i.test(text) || offsetMatch[3] !== undefined)) {
    const sign = offsetMatch[1] === '-' ? -1 : 1;
    const hours = Number(offsetMatch[2]);
    const minutes = Number(offsetMatch[3] ?? 0);
    if (hours > 14 || minutes > 59) return null;
    return { text, fixedOffset: sign * (hours * 60 + minutes), iana: null, season: null, counterpart: null };
  }
  const pair = /^([A-Z]{1,5})\s?\/\s?([A-Z]{1,5})$/.exec(text);
  if (pair && ABBREVIATIONS[pair[1]] && ABBREVIATIONS[pair[2]]) {
    const first = ABBREVIATIONS[pair[1]];
    const second = ABBREVIATIONS[pair[2]];
    const iana = first.iana ?? second.iana ?? null;
    if (iana && first.iana === second.iana) return { text, fixedOffset: null, iana, season: null, counterpart: null };
    return fromInfo(text, first);
  }
  if (IANA_RE.test(text)) return knownIana(text) ? { text, fixedOffset: null, iana: text, season: null, counterpart: null } : null;
  const info = ABBREVIATIONS[text.toUpperCase() === text ? text : ''] ?? NAMES[text.toLowerCase()];
  if (info) return fromInfo(text, info);
  if (/time$/i.test(text) && /^[A-Z]/.test(text)) return unknownZone(text);
  return null;
}

const IANA_KNOWN = new Map<string, boolean>();

/** Whether the runtime's zone database knows the id (the same database `@date-fns/tz` reads). */
function knownIana(id: string): boolean {
  let known = IANA_KNOWN.get(id);
  if (known === undefined) {
    try {
      new Intl.DateTimeFormat('en-US', { timeZone: id });
      known = true;
    } catch {
      known = false;
    }
    IANA_KNOWN.set(id, known);
  }
  return known;
}

function fromInfo(text: string, info: ZoneInfo): Zone {
  return {
    text,
    fixedOffset: info.offset ?? null,
    iana: info.iana ?? null,
    season: info.season ?? null,
    counterpart: info.counterpart ?? null,
  };
}

/** The zone's UTC offset in minutes on `dateIso` (or its usual offset when no date is known). */
export function offsetOn(zone: Zone, dateIso: string | null, minutes = 12 * 60): number | null {
  if (zone.fixedOffset !== null) return zone.fixedOffset;
  if (zone.iana === null) return null;
  const day = dateIso ?? '2024-01-15';
  const [year, month, date] = day.split('-').map(Number);
  const local = new TZDate(year, month - 1, date, Math.floor(minutes / 60), minutes % 60, zone.iana);
  return -local.getTimezoneOffset();
}

/**
 * A local time read as instants: every UTC minute (since the epoch) at which the clock in `zone`
 * shows `minutes` on `dateIso`. One for an ordinary time; none for a time the zone skips (02:30 on
 * the day clocks go forward); two for a time it shows twice (01:30 on the day they go back), the
 * earlier first. An abbreviation or an offset names its own offset, so it always gives one. Null
 * when the zone's offset is unknown. Zone rules come from `@date-fns/tz`.
 */
export function instantsOf(dateIso: string, minutes: number, zone: Zone): number[] | null {
  const local = dayNumber(dateIso) * 1440 + minutes;
  if (zone.fixedOffset !== null) return [local - zone.fixedOffset];
  if (zone.iana === null) return null;
  const candidates = new Set<number>();
  // The offsets the zone uses around that day; a local time is one of them applied to an instant that has it.
  for (const day of [-1, 0, 1]) candidates.add(offsetAtInstant(zone.iana, local + day * 1440));
  const found: number[] = [];
  for (const offset of candidates) {
    const instant = local - offset;
    if (offsetAtInstant(zone.iana, instant) === offset && !found.includes(instant)) found.push(instant);
  }
  return found.sort((a, b) => a - b);
}

/** The single instant of a local time, or null when it is unknown, skipped or shown twice (see `instantsOf`). */
export function instantOf(dateIso: string, minutes: number, zone: Zone): number | null {
  const found = instantsOf(dateIso, minutes, zone);
  return found && found.length === 1 ? found[0] : null;
}

/**
 * The instant a writer meant by a local time with a zone. A standard/daylight abbreviation in the
 * wrong season ("10:00 PST" in July) is read as the local clock of its zone, as the dst-mismatch
 * fix rewrites it; everything else as `instantOf` reads it.
 */
export function readingInstant(dateIso: string, minutes: number, zone: Zone): number | null {
  if (zone.season !== null && zone.iana !== null && zone.fixedOffset !== null) {
    const labelled = dayNumber(dateIso) * 1440 + minutes - zone.fixedOffset;
    if (offsetAtInstant(zone.iana, labelled) !== zone.fixedOffset) return instantOf(dateIso, minutes, { ...zone, fixedOffset: null });
    return labelled;
  }
  return instantOf(dateIso, minutes, zone);
}

/** The UTC offset, in minutes, of the IANA zone at the UTC minute `instant`. */
export function offsetAtInstant(iana: string, instant: number): number {
  return -new TZDate(instant * 60_000, iana).getTimezoneOffset();
}

/**
 * Whether a standard/daylight abbreviation names the wrong season at the instant it labels: on
 * 2024-03-10 in Los Angeles "00:48 PST" is right and "03:20 PST" is not (clocks went forward at 02:00).
 */
export function wrongSeasonAt(zone: Zone, dateIso: string, minutes: number): boolean {
  if (zone.iana === null || zone.season === null || zone.fixedOffset === null) return false;
  return offsetAtInstant(zone.iana, dayNumber(dateIso) * 1440 + minutes - zone.fixedOffset) !== zone.fixedOffset;
}

/** Whether two zones name the same clock (UTC and GMT; PST and "Pacific Time"), ignoring season. */
export function sameZoneFamily(a: Zone, b: Zone): boolean {
  if (a.iana !== null && a.iana === b.iana) return true;
  if (a.fixedOffset !== null && a.fixedOffset === b.fixedOffset && a.iana === null && b.iana === null) return true;
  return false;
}

/** Reads a zone from a "(all times UTC)"-style note: the heading's parenthesis or an "All times in CET." line. */
export function zoneFromNote(note: string): Zone | null {
  if (note.length > 200) return null;
  const rest = trimEndOf(
    note
      .replace(/^[\s(*_]*(?:all\s+)?times?\b\s*(?:are\s+|is\s+)?(?:shown\s+|given\s+|listed\s+)?(?:in\s+)?/i, '')
      .replace(/^(?:time\s*zone|timezone|zone)\s*:?\s*/i, '')
      .trim(),
    ' \t).*_',
  );
  if (rest === '' || rest.length > 60) return null;
  const direct = resolveZone(rest);
  if (direct) return direct;
  const mentions = findZones(rest);
  if (mentions.length > 0) return mentions[0].zone;
  // A place or a zone name we do not know ("Greenwitch, United Kingdom"): a zone all the same.
  if (/^[A-Z]/.test(rest) && rest.split(/\s+/).length <= 5) return unknownZone(rest);
  return null;
}

// ---------------------------------------------------------------------------
// Durations

const NUMBER_WORDS: Record<string, number> = {
  one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10,
  eleven: 11, twelve: 12, thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16, seventeen: 17, eighteen: 18,
  nineteen: 19, twenty: 20, thirty: 30, forty: 40, 'forty-five': 45, fifty: 50, sixty: 60, ninety: 90,
};
const NUMBER = String.raw`(\d+(?:\.\d+)?|${Object.keys(NUMBER_WORDS).sort((a, b) => b.length - a.length).join('|')})`;
// "1 hour and 30 minutes", "2 hours, 30 minutes", "ten minutes", "an hour", "half an hour", "1h30m".
const DURATION_RE = new RegExp(
  String.raw`(?<![\w:.])(?:(half an hour)|(an? hour)|(\d+)h\s?(\d+)m\b|${NUMBER}\s*(hours?|hrs?|minutes?|mins?|weeks?|days?|(?<=\d)h|(?<=\d)m)\b(?:[\s,]*(?:and\s+)?${NUMBER}\s*(minutes?|mins?|(?<=\d)m)\b)?)`,
  'gi',
);
// A duration is a stated duration only with a cue: "Duration: 30 minutes", "down for 66 minutes",
// "lasted 1 hour", "45 minutes of downtime", "(2 hours, 30 minutes)", "47 minutes from ...".
const DURATION_BEFORE_RE = /(?:duration[^:\n]{0,30}:[*_]*\s*(?:of\s+)?(?:about|approximately|around|roughly|~)?|\b(?:down|offline|inactive|unavailable|unreachable|degraded|disrupted|impacted|affected|inaccessible|failing|failed|broken|interrupted|out|outage|incident)\s+(?:for\s+)?(?:(?:just\s+)?(?:about|approximately|around|roughly|nearly|almost|over|under)|~)?\s*|\blast(?:ed|ing)\s+(?:for\s+)?(?:about|approximately|around|roughly)?|\btook\s+(?:about|approximately)?|\(|\boutage\s+of\s+)\s*$/i;
const DURATION_AFTER_RE = /^\s*(?:of\s+(?:downtime|outage|disruption|degradation|impact)|long\b|outage\b|(?:(?!(?:the|a|an|of|after|before|later|into|in)\b)[a-z]+\s+)?(?:failure|outage|downtime|disruption|incident)\b|from\b|\(|\)|,\s*from\b)/i;

export interface DurationMention {
  start: number;
  end: number;
  minutes: number;
  /** Written as approximate ("about", "just over", "nearly", "~"): a few minutes either way agree with it. */
  approximate: boolean;
}

const APPROXIMATE_BEFORE_RE = /(?:\b(?:about|approximately|approx\.?|around|roughly|nearly|almost|over|under|some|circa|ca\.)|~|\\~)\s*$/i;

function numberValue(word: string): number {
  const lower = word.toLowerCase();
  return NUMBER_WORDS[lower] ?? Number(lower);
}

/** The first stated duration of the incident in `text[from, to)`, read only where a cue says it is one. */
export function findStatedDuration(text: string, from = 0, to = text.length): DurationMention | null {
  DURATION_RE.lastIndex = from;
  let match: RegExpExecArray | null;
  while ((match = DURATION_RE.exec(text)) !== null) {
    if (match.index >= to) break;
    const end = match.index + match[0].length;
    const before = text.slice(Math.max(from, match.index - 60), match.index);
    const after = text.slice(end, Math.min(to, end + 20));
    if (!DURATION_BEFORE_RE.test(before) && !DURATION_AFTER_RE.test(after) && !opensWindowSentence(text, from, to, match.index, end)) continue;
    // "2 days later", "3 weeks ago": a distance in time, not a length.
    if (/^\s*(?:ago|later|earlier|before|after|prior|since)\b/i.test(after)) continue;
    let minutes: number;
    if (match[1]) {
      minutes = 30;
    } else if (match[2]) {
      minutes = 60;
    } else if (match[3]) {
      minutes = Number(match[3]) * 60 + Number(match[4]);
    } else {
      const value = numberValue(match[5]);
      minutes = /^h/i.test(match[6]) ? value * 60 : /^w/i.test(match[6]) ? value * 10_080 : /^d/i.test(match[6]) ? value * 1440 : value;
      if (match[7]) minutes += numberValue(match[7]);
    }
    if (!Number.isFinite(minutes) || minutes <= 0) continue;
    return { start: match.index, end, minutes: Math.round(minutes), approximate: APPROXIMATE_BEFORE_RE.test(text.slice(Math.max(from, match.index - 20), match.index)) };
  }
  return null;
}

// "For 1 hour and 30 minutes on 2024-05-01, between 14:03 and 15:15, ...": the SRE book's impact
// sentence opens with the length and goes on to the times it runs between.
const SENTENCE_OPENING_FOR_RE = /(?:^|[.!?:]\s+|\n[\s>*_-]*)(?:impact:\s*)?for\s+(?:about\s+|approximately\s+|around\s+|roughly\s+|nearly\s+|almost\s+|over\s+|~)?$/i;
const WINDOW_FOLLOWS_RE = /^(?:\s+on\s+[^,.!?\n]{1,40})?,?\s+(?:between|from|starting(?:\s+at)?|beginning(?:\s+at)?)\s+(?:about\s+|approximately\s+|around\s+)?\d{1,2}:\d{2}/i;

function opensWindowSentence(text: string, from: number, to: number, start: number, end: number): boolean {
  return SENTENCE_OPENING_FOR_RE.test(text.slice(Math.max(from, start - 40), start)) && WINDOW_FOLLOWS_RE.test(text.slice(end, Math.min(to, end + 160)));
}

export function describeMinutes(total: number): string {
  const hours = Math.floor(total / 60);
  const minutes = total % 60;
  const parts: string[] = [];
  if (hours > 0) parts.push(`${hours} hour${hours === 1 ? '' : 's'}`);
  if (minutes > 0 || hours === 0) parts.push(`${minutes} minute${minutes === 1 ? '' : 's'}`);
  return parts.join(' ');
}
