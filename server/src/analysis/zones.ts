/**
 * Zones as people write them (abbreviations, offsets, IANA ids, names in a sentence) and the
 * instants a local time names in them, with daylight-saving rules from @date-fns/tz.
 */
import { TZDate } from '@date-fns/tz';
import { trimEndOf } from './text';
import { dayNumber } from './times';

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
  UTC: { offset: 0 },
  GMT: { offset: 0 },
  UT: { offset: 0 },
  Z: { offset: 0 },
  ZULU: { offset: 0 },
  PST: { offset: -480, iana: US_PACIFIC, season: 'standard', counterpart: 'PDT' },
  PDT: { offset: -420, iana: US_PACIFIC, season: 'daylight', counterpart: 'PST' },
  MST: { offset: -420, iana: US_MOUNTAIN, season: 'standard', counterpart: 'MDT' },
  MDT: { offset: -360, iana: US_MOUNTAIN, season: 'daylight', counterpart: 'MST' },
  CST: { offset: -360, iana: US_CENTRAL, season: 'standard', counterpart: 'CDT' },
  CDT: { offset: -300, iana: US_CENTRAL, season: 'daylight', counterpart: 'CST' },
  EST: { offset: -300, iana: US_EASTERN, season: 'standard', counterpart: 'EDT' },
  EDT: { offset: -240, iana: US_EASTERN, season: 'daylight', counterpart: 'EST' },
  PT: { iana: US_PACIFIC },
  MT: { iana: US_MOUNTAIN },
  CT: { iana: US_CENTRAL },
  ET: { iana: US_EASTERN },
  AKST: { offset: -540, iana: 'America/Anchorage', season: 'standard', counterpart: 'AKDT' },
  AKDT: { offset: -480, iana: 'America/Anchorage', season: 'daylight', counterpart: 'AKST' },
  HST: { offset: -600 },
  BST: { offset: 60, iana: 'Europe/London', season: 'daylight', counterpart: 'GMT' },
  WET: { offset: 0, iana: 'Europe/Lisbon', season: 'standard', counterpart: 'WEST' },
  WEST: { offset: 60, iana: 'Europe/Lisbon', season: 'daylight', counterpart: 'WET' },
  CET: { offset: 60, iana: 'Europe/Paris', season: 'standard', counterpart: 'CEST' },
  CEST: { offset: 120, iana: 'Europe/Paris', season: 'daylight', counterpart: 'CET' },
  MET: { offset: 60 },
  MEZ: { offset: 60 },
  MESZ: { offset: 120 },
  EET: { offset: 120, iana: 'Europe/Athens', season: 'standard', counterpart: 'EEST' },
  EEST: { offset: 180, iana: 'Europe/Athens', season: 'daylight', counterpart: 'EET' },
  WAT: { offset: 60 },
  CAT: { offset: 120 },
  EAT: { offset: 180 },
  SAST: { offset: 120 },
  MSK: { offset: 180 },
  TRT: { offset: 180 },
  GST: { offset: 240 },
  PKT: { offset: 300 },
  IST: { offset: 330 },
  NPT: { offset: 345 },
  ICT: { offset: 420 },
  WIB: { offset: 420 },
  SGT: { offset: 480 },
  HKT: { offset: 480 },
  PHT: { offset: 480 },
  AWST: { offset: 480 },
  JST: { offset: 540 },
  KST: { offset: 540 },
  ACST: { offset: 570, iana: 'Australia/Adelaide', season: 'standard', counterpart: 'ACDT' },
  ACDT: { offset: 630, iana: 'Australia/Adelaide', season: 'daylight', counterpart: 'ACST' },
  AEST: { offset: 600, iana: 'Australia/Sydney', season: 'standard', counterpart: 'AEDT' },
  AEDT: { offset: 660, iana: 'Australia/Sydney', season: 'daylight', counterpart: 'AEST' },
  NZST: { offset: 720, iana: 'Pacific/Auckland', season: 'standard', counterpart: 'NZDT' },
  NZDT: { offset: 780, iana: 'Pacific/Auckland', season: 'daylight', counterpart: 'NZST' },
  BRT: { offset: -180 },
  ART: { offset: -180 },
  COT: { offset: -300 },
  PET: { offset: -300 },
};

/** Zone names, matched in lower case after "standard"/"daylight" are read. */
const NAMES: Record<string, ZoneInfo> = {
  'pacific time': { iana: US_PACIFIC },
  'pacific standard time': ABBREVIATIONS.PST,
  'pacific daylight time': ABBREVIATIONS.PDT,
  'mountain time': { iana: US_MOUNTAIN },
  'mountain standard time': ABBREVIATIONS.MST,
  'mountain daylight time': ABBREVIATIONS.MDT,
  'central time': { iana: US_CENTRAL },
  'central standard time': ABBREVIATIONS.CST,
  'central daylight time': ABBREVIATIONS.CDT,
  'eastern time': { iana: US_EASTERN },
  'eastern standard time': ABBREVIATIONS.EST,
  'eastern daylight time': ABBREVIATIONS.EDT,
  'coordinated universal time': { offset: 0 },
  'universal time': { offset: 0 },
  'greenwich mean time': { offset: 0 },
  'greenwich time': { offset: 0 },
  'zulu time': { offset: 0 },
  'british summer time': ABBREVIATIONS.BST,
  'uk time': { iana: 'Europe/London' },
  'london time': { iana: 'Europe/London' },
  'central european time': { iana: 'Europe/Paris' },
  'central european summer time': ABBREVIATIONS.CEST,
  'eastern european time': { iana: 'Europe/Athens' },
  'western european time': { iana: 'Europe/Lisbon' },
  'west africa time': { offset: 60 },
  'west african time': { offset: 60 },
  'central africa time': { offset: 120 },
  'central african time': { offset: 120 },
  'east africa time': { offset: 180 },
  'east african time': { offset: 180 },
  'south africa standard time': { offset: 120 },
  'india standard time': { offset: 330 },
  'indian standard time': { offset: 330 },
  'arabia standard time': { offset: 180 },
  'japan standard time': { offset: 540 },
  'korea standard time': { offset: 540 },
  'china standard time': { offset: 480 },
  'singapore time': { offset: 480 },
  'moscow time': { offset: 180 },
  'australian eastern time': { iana: 'Australia/Sydney' },
  'new zealand time': { iana: 'Pacific/Auckland' },
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
/** The zone a "Z" suffix writes ("2024-05-02T14:03Z"): UTC. */
const Z_ZONE: Zone = { text: 'Z', fixedOffset: 0, iana: null, season: null, counterpart: null };
const ISO_TIME_BEFORE_RE = /(?:\d{4}-\d{2}-\d{2}[T ]\d{1,2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?|\d{1,2}:\d{2}:\d{2}(?:[.,]\d+)?)$/;

/** A zone written right after `offset` (the end of a time), if there is one. */
export function zoneAfter(text: string, offset: number): ZoneMention | null {
  Z_SUFFIX_RE.lastIndex = offset;
  if (Z_SUFFIX_RE.test(text)) return { start: offset, end: offset + 1, text: 'Z', zone: Z_ZONE };
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

/**
 * One compiled expression for every call: built afresh per call, it was compiled again whenever it
 * had aged out of V8's cache (full collections age it), 4 ms on a keystroke that re-reads the window.
 * findZones calls nothing that uses it, so its `lastIndex` is only ever this call's.
 */
const ZONE_MENTION_RE = new RegExp(
  String.raw`(?<![A-Za-z\d])((?:UTC|GMT)(?:[ \t]?[+\-\u2212][ \t]?\d{1,2}(?::?\d{2})?)?` +
    String.raw`|(?:${ABBREVIATION_PATTERN})(?:[ \t]?\/[ \t]?(?:${ABBREVIATION_PATTERN}))?` +
    String.raw`|(?:[A-Z][a-z]+ ){1,3}(?:Standard |Daylight )?Time|${IANA_PATTERN}|${SENTENCE_NAME_PATTERN})(?![A-Za-z])`,
  'g',
);

/** Every zone written anywhere in `text` as a standalone token (abbreviations, offsets and names). */
export function findZones(text: string): ZoneMention[] {
  const found: ZoneMention[] = [];
  const re = ZONE_MENTION_RE;
  re.lastIndex = 0;
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
  // Every entry of a timeline writes one of a few zones: one shared, frozen Zone each, where each
  // entry kept its own (a tenth of the objects a large report's timeline keeps).
  const known = RESOLVED.get(written);
  if (known !== undefined) return known;
  const zone = resolveZoneAfresh(written);
  const shared = zone && Object.freeze(zone);
  if (RESOLVED.size < 4096) RESOLVED.set(written, shared);
  return shared;
}

const RESOLVED = new Map<string, Zone | null>();

function resolveZoneAfresh(written: string): Zone | null {
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

/** The words that open a note stating the zone of all times: "All times in CET", "Times are UTC", "Timezone: PST". */
export const ALL_TIMES_WORDS = String.raw`(?:all\s+times?|times?\s+(?:are|is|shown|given|listed)|time\s*zone|timezone)\b`;

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
