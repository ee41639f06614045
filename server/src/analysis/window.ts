/**
 * The incident window: start, end, zone and stated duration, read from the
 * summary (or, with no summary, from the text before the first section).
 */
import type { FrontMatterField, ParsedDocument } from './parse';
import type { Outline } from './outline';
import type { LineIndex } from './text';
import { normalizeTitle } from './titles';
import {
  addDays,
  dateOfMonthDay,
  daysBetween,
  findDates,
  findStatedDuration,
  findTimes,
  findZones,
  zoneAfter,
  zoneFromNote,
  ALL_TIMES_WORDS,
  isReadable,
  type ReadTime,
  type DateMention,
  type DurationMention,
  type TimeMention,
  type Zone,
  type ZoneMention,
} from './time';
import { readingInstant } from './time';
import { isStatusPage, metadataEnd, readFrontMatterWindow } from './windowMetadata';
import { dateAttachedAfter, dateBefore, dateLaterOnLine, endToldLater, firstZone, insideCode, OTHER_MILESTONE_RE, stripDatesAndZones } from './windowMentions';
export { isStatusPage } from './windowMetadata';

export interface WindowPoint {
  /** YYYY-MM-DD, or null when no date is written. */
  date: string | null;
  /** Minutes since midnight. */
  minutes: number;
  mention: TimeMention;
  line: number;
  /** The zone written right after this time ("22:40 PST ... 04:10 PDT"), if any; else the window's zone applies. */
  zone: ZoneMention | null;
}

export interface IncidentWindow {
  start: WindowPoint | null;
  end: WindowPoint | null;
  zone: ZoneMention | null;
  /** The zone comes from a line stating it for all times ("All times in PDT"), not from the window's own text. */
  zoneFromNote?: true;
  duration: DurationMention | null;
  /** Lines [first, last] of the text the window was read from. */
  region: { startLine: number; endLine: number } | null;
}

/** How far past its last region the window's text is read: a zone or duration may run on into the next lines. */
const WINDOW_LOOKAHEAD = 1024;

// Between two times of a range: "to", "-", "till", "and ended at", "and was resolved by"...
const RANGE_JOIN_RE =
  /^[\s,()]*(?:on\s*)?(?:-|\u2013|\u2014|~|to|till|until|through|thru|and(?:\s+(?:was|were|had been|it was|it))?(?:\s+(?:ended|resolved|restored|fixed|recovered|mitigated|back))?)(?:\s+(?:at|by|on))?[\s,()]*(?:(?:about|approximately|around|roughly|\\?~)[\s,()]*)?$/i;
const START_LABEL_RE =
  /^(?:start(?:ed)?(?: time| date| date\/time)?|began|outage start|incident start|start of (?:the )?(?:outage|incident)|date\/time|date and time|time of incident)$/;
const END_LABEL_RE =
  /^(?:end(?:ed)?(?: time| date)?|resolved(?: at)?|outage end|incident end|end of (?:the )?(?:outage|incident)|recovery time|restored(?: at)?)$/;

/**
 * Minutes from the stated start to the stated end. With both dates and zones known, computed on
 * instants: across a daylight-saving change "22:40 PST to 04:10 PDT" is 4 h 30 min, not the clock's
 * 5 h 30 min. Otherwise on the clock, where a window that ends at an earlier clock time ends the
 * next day.
 */
export function windowMinutes(window: IncidentWindow): number | null {
  const { start, end } = window;
  if (!start || !end) return null;
  if (start.date && end.date && pointZone(start, window.zone) && pointZone(end, window.zone)) {
    const from = pointInstant(start, window.zone);
    const to = pointInstant(end, window.zone);
    // A local time the zone skips or shows twice has no one instant: the length is unknown, not a guess.
    return from !== null && to !== null ? to - from : null;
  }
  const days = start.date && end.date ? daysBetween(start.date, end.date) : end.minutes < start.minutes ? 1 : 0;
  return days * 1440 + end.minutes - start.minutes;
}

/** The zone a window point is in: its own, else the window's. */
export function pointZone(point: WindowPoint, windowZone: ZoneMention | null): Zone | null {
  return point.zone?.zone ?? windowZone?.zone ?? null;
}

/** The UTC minute of a window point, when its date and zone are known and the time exists once there. */
export function pointInstant(point: WindowPoint, windowZone: ZoneMention | null): number | null {
  const zone = pointZone(point, windowZone);
  return point.date && zone ? readingInstant(point.date, point.minutes, zone) : null;
}

export function readWindow(doc: ParsedDocument, outline: Outline): IncidentWindow {
  return readWindowKept(doc, outline, null);
}

/**
 * What the window is read from, as the next version compares it: the text from the start to a little
 * past the last region, and what the outline, the line kinds and the front matter say of those lines.
 */
interface WindowInputs {
  prefix: string;
  facts: string;
}

/** The inputs each window was read from (see `readWindowKept`). */
const WINDOW_INPUTS = new WeakMap<IncidentWindow, WindowInputs>();

/**
 * `readWindow`, keeping the window of the version before when everything it is read from is the
 * same: it is read on every keystroke, and an edit below its regions changes none of it.
 */
export function readWindowKept(doc: ParsedDocument, outline: Outline, previous: IncidentWindow | null): IncidentWindow {
  const inputs = windowInputs(doc, outline);
  const kept = previous ? WINDOW_INPUTS.get(previous) : undefined;
  if (previous && inputs && kept && kept.facts === inputs.facts && kept.prefix === inputs.prefix) return previous;
  const window = readWindowFresh(doc, outline);
  if (inputs) WINDOW_INPUTS.set(window, inputs);
  return window;
}

/** The window's inputs; null when it may read further (a labelled duration field below its regions): then it is read again every time. */
function windowInputs(doc: ParsedDocument, outline: Outline): WindowInputs | null {
  const { index } = doc;
  const { summary, impact } = outline.sections;
  const { preambleStart, preambleEnd, lastLine } = windowReach(doc, outline);
  // A labelled duration below the regions is read with all the text before it: not kept.
  for (const field of outline.fields) if (field.line > lastLine && DURATION_FIELD_RE.test(normalizeTitle(field.title).title)) return null;
  // The front matter's lines are read whatever the regions (it may run past them).
  const lines = Math.min(index.lineCount, Math.max(lastLine, preambleStart) + 1);
  let kinds = '';
  for (let line = 0; line < lines; line++) kinds += `${doc.lines.at(line).kind},`;
  const fields = outline.fields.filter((field) => field.line <= lastLine).map((field) => [field.line, field.title, field.valueStart, field.kinds.join('+')]);
  const facts = JSON.stringify([
    index.lineCount <= lines ? index.lineCount : -1,
    lastLine,
    preambleEnd,
    summary ? [summary.line, summary.endLine] : null,
    impact ? [impact.line, impact.endLine] : null,
    fields,
    doc.frontMatter.map((field) => [field.key, field.line, field.valueStart]),
    kinds,
  ]);
  return { prefix: doc.source.slice(0, Math.min(doc.source.length, index.end(Math.max(lastLine, lines - 1)) + WINDOW_LOOKAHEAD)), facts };
}

function readWindowFresh(doc: ParsedDocument, outline: Outline): IncidentWindow {
  const window = readWindowAsWritten(doc, outline);
  if (window.zone || window.start?.zone || window.end?.zone) return window;
  // "All times in PDT (UTC-7)." on a line of its own before the first section is the zone of every
  // time in the report, the window's too.
  const note = preambleZoneNote(doc, outline);
  return note ? { ...window, zone: note, zoneFromNote: true } : window;
}

// A line that states the zone of all the report's times: "All times in PDT (UTC-7).", "Timezone: CET".
const ZONE_NOTE_LINE_RE = new RegExp(String.raw`^[\s(*_>]*${ALL_TIMES_WORDS}`, 'i');

/** The zone a line before the first section states for all times, with where it is written. */
function preambleZoneNote(doc: ParsedDocument, outline: Outline): ZoneMention | null {
  const { index } = doc;
  const last = preambleEndOf(index, outline);
  for (let line = 0; line <= last; line++) {
    if (doc.lines.at(line).kind !== 'paragraph') continue;
    const start = index.start(line);
    const lineText = doc.source.slice(start, Math.min(index.end(line), start + 200));
    if (!ZONE_NOTE_LINE_RE.test(lineText)) continue;
    const zone = zoneFromNote(lineText);
    if (!zone) continue;
    const written = findZones(lineText)[0];
    const at = written ? written.start : Math.max(0, lineText.indexOf(zone.text));
    return { start: start + at, end: start + at + zone.text.length, text: zone.text, zone };
  }
  return null;
}

/** Where the window is read: the preamble (after the front matter, before the first section), and the lines up to its last region. */
interface WindowReach {
  preambleStart: number;
  preambleEnd: number;
  /** A status page's front-matter date, the incident's start. */
  dateField: FrontMatterField | undefined;
  lastLine: number;
}

function windowReach(doc: ParsedDocument, outline: Outline): WindowReach {
  const { index } = doc;
  const { summary, impact } = outline.sections;
  const preambleEnd = preambleEndOf(index, outline);
  // The preamble starts after the front matter: its fields (and commented-out template lines) are not prose.
  let preambleStart = 0;
  while (preambleStart < index.lineCount && preambleStart <= 200 && doc.lines.at(preambleStart).kind === 'frontMatter') preambleStart++;
  // A front-matter date is the incident's start only on a status page (cState and its kin), not the
  // publication date of a blog post.
  const dateField = isStatusPage(doc) ? doc.frontMatter.find((field) => field.key === 'date') : undefined;
  // The window is read from the start of the text to a little past its last region (a zone or a
  // duration may run on into the next line), never from the whole: every keystroke reads it again,
  // and the server's text is in pieces that a whole read would join (see `TextSource`).
  const lastLine = Math.min(index.lineCount - 1, Math.max(preambleEnd, summary?.endLine ?? 0, impact?.endLine ?? 0, dateField?.line ?? 0));
  return { preambleStart, preambleEnd, dateField, lastLine };
}

function readWindowAsWritten(doc: ParsedDocument, outline: Outline): IncidentWindow {
  const { index } = doc;
  const { preambleStart, preambleEnd, dateField, lastLine } = windowReach(doc, outline);
  const regions: Array<[number, number]> = [];
  const summary = outline.sections.summary;
  if (summary) regions.push([summary.line, summary.endLine]);
  // The SRE book's template states the window in its Impact section ("between 23:04 and 08:12").
  const impact = outline.sections.impact;
  if (preambleEnd >= preambleStart && (!summary || summary.line > preambleStart))
    regions.push([preambleStart, Math.min(preambleEnd, summary ? summary.line - 1 : preambleEnd)]);
  if (impact && impact.line !== summary?.line) regions.push([impact.line, impact.endLine]);
  const text = doc.source.slice(0, Math.min(doc.source.length, index.end(lastLine) + WINDOW_LOOKAHEAD));
  const contextDate = firstDate(text, index, preambleEnd);
  // Labelled "Start:"/"End:" fields win over a time mentioned in prose, wherever they stand.
  /** The first duration any region states, for a window whose own region states none. */
  const statedDurationIn = (): DurationMention | null =>
    regions.map(([a, b]) => (b < a ? null : findStatedDuration(text, index.start(a), index.end(b)))).find((found) => found) ?? null;
  // A status page states its start, and its resolution, in front matter: that wins over its prose.
  const frontMatterWindow = readFrontMatterWindow(text, doc, dateField);
  if (frontMatterWindow) {
    const duration = statedDurationIn();
    return { ...frontMatterWindow, duration };
  }
  // A region that states only a duration ("down for just under 7 hours") is kept while the others
  // are read for a start and an end.
  let durationOnly: IncidentWindow | null = null;
  for (const fieldsOnly of [true, false]) {
    for (const [first, last] of regions) {
      if (last < first) continue;
      const window = readRegion(doc, text, outline, index.start(first), Math.min(index.end(last), index.start(first) + REGION_CHARS), contextDate, fieldsOnly);
      if (!window.start) {
        if (!fieldsOnly && window.duration && !durationOnly) durationOnly = { ...window, region: { startLine: first, endLine: last } };
        continue;
      }
      // From the Impact section only a stated range counts: a lone time there may be anything.
      if (first === impact?.line && !window.end) continue;
      if (!window.end && preambleEnd >= preambleStart) {
        const end = metadataEnd(text, doc, index.start(preambleStart), index.end(preambleEnd));
        if (end && window.start.date && end.date && end.date >= window.start.date) window.end = end;
      }
      const duration = window.duration ?? statedDurationIn();
      return { ...window, duration, region: { startLine: first, endLine: last } };
    }
  }
  // "**Total impact duration:** 5 hours 26 minutes (10:45 - 16:11 UTC)": a labelled duration that
  // states its range, wherever it stands (here under the timeline).
  for (const field of outline.fields) {
    if (!DURATION_FIELD_RE.test(normalizeTitle(field.title).title) || field.line > index.lineCount - 1) continue;
    const lineEnd = index.end(field.line);
    const fieldText = doc.source.slice(0, Math.min(doc.source.length, lineEnd + WINDOW_LOOKAHEAD));
    const window = readRegion(doc, fieldText, outline, index.start(field.line), Math.min(lineEnd, index.start(field.line) + REGION_CHARS), contextDate, false);
    if (window.start && window.end) return { ...window, region: { startLine: field.line, endLine: field.line } };
  }
  // Only an end, in the report's metadata: "| **Resolved** | `2021-04-17 16:14` |".
  const endOnly = preambleEnd >= preambleStart ? metadataEnd(text, doc, index.start(preambleStart), index.end(preambleEnd)) : null;
  if (endOnly)
    return {
      start: null,
      end: endOnly,
      zone: endOnly.zone,
      duration: durationOnly?.duration ?? null,
      region: { startLine: endOnly.line, endLine: endOnly.line },
    };
  return durationOnly ?? { start: null, end: null, zone: null, duration: null, region: null };
}

/** The title of a field that states the incident's length: "Duration", "Total impact duration", "Outage duration". */
const DURATION_FIELD_RE = /^(?:(?:total\s+)?(?:impact|outage|incident|downtime)\s+)?duration$/;

/** How many opening lines hold the window of a report with no section. */
const NO_SECTION_PREAMBLE = 60;
/**
 * How much of a region is read for the window: it is stated near the region's start, and a region
 * of megabytes (a summary that runs on, one line of ten megabytes) must cost no more than this.
 */
const REGION_CHARS = 16 * 1024;

/**
 * The last line before the report's first section. With no section at all (a blog post, a status
 * page), the window is read from the report's opening lines.
 */
function preambleEndOf(index: LineIndex, outline: Outline): number {
  const anySection = Object.values(outline.sections).some((section) => section);
  return anySection ? firstSectionLine(outline) - 1 : Math.min(index.lineCount - 1, NO_SECTION_PREAMBLE - 1);
}

function firstSectionLine(outline: Outline): number {
  let first = Number.MAX_SAFE_INTEGER;
  for (const node of outline.headings)
    if (node.kinds.length > 0) {
      first = node.line;
      break;
    }
  for (const node of outline.fields)
    if (node.kinds.length > 0 && node.line < first) {
      first = node.line;
      break;
    }
  return first === Number.MAX_SAFE_INTEGER ? 0 : first;
}

/** The first date written before the first section (title, intro, "Date of Incident:"), if any. */
function firstDate(text: string, index: LineIndex, preambleEnd: number): DateMention | null {
  if (preambleEnd < 0) return null;
  const dates = findDates(text, 0, index.end(Math.min(preambleEnd, index.lineCount - 1)));
  return dates[0] ?? null;
}

/** `text` is the document's text from its start to at least `to`. */
function readRegion(
  doc: ParsedDocument,
  text: string,
  outline: Outline,
  from: number,
  to: number,
  contextDate: DateMention | null,
  fieldsOnly: boolean,
): Omit<IncidentWindow, 'region'> {
  const { index } = doc;
  const times = findTimes(text, from, to).filter((mention): mention is ReadTime => isReadable(mention) && !insideCode(doc, text, mention.start));
  const dates = findDates(text, from, to);
  const duration = findStatedDuration(text, from, to);

  let start: ReadTime | null = null;
  let end: ReadTime | null = null;

  // 1. Labelled fields: "Start Time: ...", "End: ...".
  for (const field of outline.fields) {
    const fieldOffset = index.start(field.line);
    if (fieldOffset < from || fieldOffset > to || field.valueStart < 0) continue;
    const { title } = normalizeTitle(field.title);
    const fieldEnd = index.end(field.line);
    const value = times.find((mention) => mention.start >= field.valueStart && mention.start < fieldEnd);
    if (!value) continue;
    if (!start && START_LABEL_RE.test(title)) {
      start = value;
      // "Date and Time: August 14, 2024, 14:30 - 16:00 UTC" states both ends in one field.
      const next = times[times.indexOf(value) + 1];
      if (!end && next && next.start < fieldEnd && RANGE_JOIN_RE.test(stripDatesAndZones(text.slice(value.end, next.start)))) end = next;
    } else if (!end && END_LABEL_RE.test(title)) end = value;
  }
  if (fieldsOnly && !start) return { start: null, end: null, zone: null, duration };
  // 2. A range: "from 10:15 AM to 11:45 AM PST", "14:30 - 16:00 UTC", "between 13:00:00 and 17:35:08".
  if (!start) {
    for (let i = 0; i + 1 < times.length; i++) {
      const between = text.slice(times[i].end, times[i + 1].start);
      if (between.length > 80) continue;
      if (RANGE_JOIN_RE.test(stripDatesAndZones(between))) {
        start = times[i];
        end = times[i + 1];
        break;
      }
    }
  }
  // 3. Only a start: "At approximately 5:45 pm (CST)", "Date/time: 2023-08-26 21:14 PDT".
  // A time labelled as another milestone ("| **Detected** | 10:44 |", "Resolved: ...") is not the start.
  if (!start) start = times.find((mention) => !OTHER_MILESTONE_RE.test(text.slice(index.start(index.lineAt(mention.start)), mention.start))) ?? null;
  if (!start) return { start: null, end: null, zone: null, duration };
  // 4. The end told later in the start's sentence: "went down at 12:05pm and lasted until Friday,
  // November 18th, at 3:01pm", "started at 14:05; service was restored at 14:50".
  let endDayOfYear: number | null = null;
  if (!end) {
    const told = endToldLater(text, times, start);
    if (told) {
      end = told.time;
      endDayOfYear = told.monthDay;
    }
  }

  // "from 2:10 PM to 3:05 PM PST on 2025-07-22": a date after the times on the same line.
  // "From 23:40 on 2024-05-01 to 00:20 UTC on 2024-05-02": a date can follow its time.
  const startAttached = dateAttachedAfter(text, dates, start.end);
  const startDate =
    dateBefore(dates, start.start, from) ?? startAttached ?? dateLaterOnLine(dates, (end ?? start).end, index.end(index.lineAt(start.start))) ?? contextDate;
  const startZone = zoneAfter(text, start.end);
  const startPoint: WindowPoint = { date: startDate?.iso ?? null, minutes: start.minutes, mention: start, line: index.lineAt(start.start), zone: startZone };
  let endPoint: WindowPoint | null = null;
  if (end) {
    const [from, to] = [start.end, end.start];
    const written = dateAttachedAfter(text, dates, end.end) ?? dates.filter((date) => date.start > from && date.end <= to && date !== startAttached).pop();
    let date = written?.iso ?? (endDayOfYear !== null ? dateOfMonthDay(endDayOfYear, startPoint.date, null) : startPoint.date);
    // A day named without a year and no year to put it in: the end's date is unknown, and so is the window's end.
    if (endDayOfYear !== null && date === null) return { start: startPoint, end: null, zone: startZone ?? firstZone(text, from, to), duration };
    if (!written && date && end.minutes < start.minutes) date = addDays(date, 1);
    endPoint = { date, minutes: end.minutes, mention: end, line: index.lineAt(end.start), zone: zoneAfter(text, end.end) };
  }
  const zone = endPoint?.zone ?? startZone ?? firstZone(text, from, to);
  return { start: startPoint, end: endPoint, zone, duration };
}
