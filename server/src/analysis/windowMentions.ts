/**
 * How the window's text says things around a time: an end told later in the start's sentence, a date
 * written next to a time, the zone of a region, a milestone other than the start, a time set in code.
 * window.ts reads the window with these; each reads only the text it is given.
 */
import type { ParsedDocument } from './parse';
import { lineContent } from './headings';
import { insideCodeSpan } from './text';
import { findDates, findZones, monthDayAt, resolveZone, type DateMention, type ReadTime, type ZoneMention } from './time';

// What tells that the time after it is the end: "lasted until", "was restored at", "stayed down until".
const END_TOLD_RE =
  /\b(?:(?:lasted|continued|persisted|went on|stayed down|remained down|(?:was|were) down)\s+(?:until|till)|(?:was|were|had been)\s+(?:fully\s+)?(?:restored|resolved|recovered|back(?:\s+(?:up|online))?)\s+(?:at|by))\s+/gi;
/** At most this far from the start to the end's time, in one sentence. */
const END_TOLD_REACH = 200;

/**
 * A time later in the start's sentence that an end phrase introduces (see END_TOLD_RE), with at
 * most a weekday and a day between them ("Friday, November 18th, at"). The day, when written
 * without its year, is returned for the caller to date; a written date is in `dates` already.
 */
export function endToldLater(text: string, times: ReadTime[], start: ReadTime): { time: ReadTime; monthDay: number | null } | null {
  const next = times[times.indexOf(start) + 1];
  if (!next || next.start - start.end > END_TOLD_REACH) return null;
  const between = text.slice(start.end, next.start);
  // One sentence: no full stop followed by a new sentence, no line break between paragraphs.
  if (/[.!?]\s+[A-Z]|\n\s*\n/.test(between)) return null;
  for (const phrase of between.matchAll(END_TOLD_RE)) {
    let rest = between.slice(phrase.index + phrase[0].length);
    let monthDay: number | null = null;
    const day = monthDayAt(rest, 0);
    if (day) {
      monthDay = day.monthDay;
      rest = rest.slice(day.end);
    } else {
      const dated = findDates(rest)[0];
      if (dated && dated.start === 0) rest = rest.slice(dated.end);
    }
    if (/^[\s,]*(?:at\s+)?(?:about\s+|approximately\s+|around\s+|~)?$/i.test(rest)) return { time: next, monthDay };
  }
  return null;
}

export function stripDatesAndZones(between: string): string {
  let stripped = between;
  for (const date of findDates(between).reverse()) stripped = stripped.slice(0, date.start) + stripped.slice(date.end);
  for (const zone of findZones(stripped).reverse()) stripped = stripped.slice(0, zone.start) + stripped.slice(zone.end);
  return stripped;
}

/** A date written right after a time ("00:20 UTC on 2024-05-02"). */
export function dateAttachedAfter(text: string, dates: DateMention[], offset: number): DateMention | null {
  for (const date of dates) {
    if (date.start < offset) continue;
    const between = text.slice(offset, date.start);
    return between.length <= 20 && /^[\s,]*(?:\(?[A-Z]{2,5}(?:[+-]\d{1,2}(?::?\d{2})?)?\)?\s*)?,?\s*(?:on\s+)?$/.test(between) ? date : null;
  }
  return null;
}

export function dateLaterOnLine(dates: DateMention[], offset: number, lineEnd: number): DateMention | null {
  return dates.find((date) => date.start >= offset && date.end <= lineEnd) ?? null;
}

/** The date nearest before `offset` within the region, if one is written there. */
export function dateBefore(dates: DateMention[], offset: number, from: number): DateMention | null {
  let found: DateMention | null = null;
  for (const date of dates) if (date.end <= offset && date.start >= from) found = date;
  return found;
}

export function firstZone(text: string, from: number, to: number): ZoneMention | null {
  const zones = findZones(text.slice(from, to));
  if (zones.length === 0) return null;
  const first = zones[0];
  return { ...first, start: first.start + from, end: first.end + from, zone: resolveZone(first.text) ?? first.zone };
}

export function insideCode(doc: ParsedDocument, text: string, offset: number): boolean {
  const line = doc.index.lineAt(offset);
  if (doc.lines.at(line).kind === 'code') return true;
  const lineStart = doc.index.start(line);
  return insideCodeSpan(text, lineContent(text, lineStart).contentStart, offset) && !BARE_TIME_IN_CODE_RE.test(codeSpanAround(text, offset));
}

// A code span that holds a date and time and nothing else is a time set in code font, as some
// templates write them ("`2022-04-20 19:48`"), not code.
const BARE_TIME_IN_CODE_RE = /^`\s*(?:\d{4}-\d{2}-\d{2}[ T]?)?\d{1,2}:\d{2}(?::\d{2})?(?:\s*(?:UTC|Z))?\s*`$/;

/** The code span around `offset` on its line, backticks included (bounded: a long span is no bare time). */
function codeSpanAround(text: string, offset: number): string {
  const open = text.lastIndexOf('`', offset);
  const close = text.indexOf('`', offset);
  if (open < 0 || close < 0 || close - open > 40) return '';
  return text.slice(open, close + 1);
}

/** The text before a time on its line names a milestone other than the start. */
export const OTHER_MILESTONE_RE =
  /^[ \t|*_>-]*(?:detected|detection(?: time)?|reported|acknowledged|mitigated|mitigation(?: time)?|resolved|resolution(?: time)?|recovered|ended|end(?: time)?)[*_ \t]*[|:]/i;
