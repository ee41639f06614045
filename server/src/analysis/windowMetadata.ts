/**
 * The window as a report's metadata states it rather than its prose: a status page's front matter
 * (`date`, `resolvedWhen`) and a metadata table's "Resolved" row.
 */
import type { LineIndex } from './text';
import type { ParsedDocument } from './parse';
import { findDates, findTimes, isReadable, zoneAfter } from './time';
import type { IncidentWindow, WindowPoint } from './window';

/** How much of the text a metadata table is looked for in. */
const METADATA_CHARS = 16 * 1024;

/** The window a status page's front matter states: `date` and a resolution field such as `resolvedWhen`. */
export function readFrontMatterWindow(text: string, doc: ParsedDocument, dateField: ParsedDocument['frontMatter'][number] | undefined): IncidentWindow | null {
  const start = dateField ? frontMatterPoint(text, doc.index, dateField) : null;
  if (!start) return null;
  const endField = doc.frontMatter.find((field) => END_FIELD_RE.test(field.key));
  const end = endField ? frontMatterPoint(text, doc.index, endField) : null;
  return {
    start,
    end,
    zone: end?.zone ?? start.zone,
    duration: null,
    region: { startLine: start.line, endLine: Math.max(start.line, endField?.line ?? 0) },
  };
}

/** Front-matter keys that mark a status-page incident (cState and Hugo status themes). */
const STATUS_PAGE_KEY_RE = /^(?:resolved|resolvedWhen|resolved_?on|resolved_?at|resolvedAt|severity|affected|informational|status)$/i;

/** Whether the report is a status-page incident: its front matter says so. Status pages list their updates newest first. */
export function isStatusPage(doc: ParsedDocument): boolean {
  return doc.frontMatter.some((field) => STATUS_PAGE_KEY_RE.test(field.key));
}

/** Front-matter keys status pages use for when an incident was resolved (cState, Hugo status themes). */
const END_FIELD_RE = /^(?:resolvedWhen|resolved_?on|resolved_?at|resolvedAt|resolved_?date|end|ended|end_?date|endDate)$/i;

/** A front-matter field holding a date and a time ("date: 2022-10-18T19:52:46-04:00"). */
function frontMatterPoint(text: string, index: LineIndex, field: { line: number; valueStart: number }): WindowPoint | null {
  const times = findTimes(text, field.valueStart, index.end(field.line));
  const dates = findDates(text, field.valueStart, index.end(field.line));
  const time = times.find(isReadable);
  if (!time || dates.length === 0) return null;
  return { date: dates[0].iso, minutes: time.minutes, mention: time, line: field.line, zone: zoneAfter(text, time.end) };
}

// A metadata row or field that states when the incident was resolved: "| **Resolved** | `2021-04-17 16:14` |".
const RESOLVED_ROW_RE =
  /^[ \t]*(?:\|[ \t]*)?[*_]*(?:resolved(?: at| on)?|end(?:ed)?(?: time)?|recovered(?: at)?)[*_]*[ \t]*(?:\||:)[ \t]*`?([^|`\r\n]{4,40})`?/gim;

/** The end a metadata table or field states, when the window has none (the Atlassian-style header of a report). */
export function metadataEnd(text: string, doc: ParsedDocument, from: number, to: number): WindowPoint | null {
  RESOLVED_ROW_RE.lastIndex = 0;
  const part = text.slice(from, Math.min(to, from + METADATA_CHARS));
  let match: RegExpExecArray | null;
  while ((match = RESOLVED_ROW_RE.exec(part)) !== null) {
    const valueStart = from + match.index + match[0].length - match[1].length - (match[0].endsWith('`') ? 1 : 0);
    const valueEnd = valueStart + match[1].length + 1;
    const time = findTimes(text, valueStart, valueEnd).find(isReadable);
    const date = findDates(text, valueStart, valueEnd)[0];
    if (time && date) return { date: date.iso, minutes: time.minutes, mention: time, line: doc.index.lineAt(time.start), zone: zoneAfter(text, time.end) };
  }
  return null;
}
