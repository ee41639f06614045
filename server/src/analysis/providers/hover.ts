/**
 * Hover: on a time, its date (written, or else the incident start's, counting a step past midnight),
 * the instant in UTC when the time is in another zone, in the report's zone, and its offset from the
 * incident start; on a section heading, what a good section of that kind holds.
 */
import type { MetricKind, PostmortemModel } from '../model';
import { addDays, daysBetween, formatMinutes, offsetOn, readingInstant, type TimeMention, type Zone } from '../time';
import { pointInstant } from '../window';
import { entriesNear } from '../query';
import { CANONICAL_TITLES, type SectionKind } from '../titles';

export interface HoverResult {
  start: number;
  end: number;
  markdown: string;
}

export const SECTION_GUIDANCE: Record<SectionKind, string> = {
  summary:
    'What happened, in two or three sentences a reader outside the team understands: the duration with start and end times and their timezone, who and what was affected, and the root cause in one line.',
  impact: 'Who was affected and how much: the share of users or requests, the features that failed, money or data lost, and for how long.',
  timeline:
    'Timestamped entries in order, all in one stated timezone: when the problem started, when it was detected and how, each escalation and decision, the mitigation, and the resolution.',
  rootCause:
    'Why it happened, found by asking "why" until the answer is a cause you can fix: the trigger and the conditions that let it do harm. Blameless: systems and processes, not people.',
  resolution: 'How service was restored: the mitigation that stopped the harm and the fix that removed the cause, with how you verified recovery.',
  measures:
    'Concrete, owned, dated action items that stop a recurrence or shorten the next one: a task list (`- [ ]`) with an owner and a due date on each item.',
  lessonsLearned: 'What went well, what went wrong, and where you got lucky: the learning a reader should take to their own systems.',
};

export function hoverAt(model: PostmortemModel, offset: number): HoverResult | null {
  return timeHover(model, offset) ?? headingHover(model, offset);
}

/**
 * Whether the hover at `offset` may show the metrics (on the Timeline heading's line): the server
 * builds them in slices first, where `hoverAt` would read them in one go (a second on 20 MB).
 */
export function hoverShowsMetrics(model: PostmortemModel, offset: number): boolean {
  const line = model.doc.index.lineAt(offset);
  return model.outline.headings.some((heading) => heading.line === line && heading.kinds.includes('timeline'));
}

function timeHover(model: PostmortemModel, offset: number): HoverResult | null {
  const { window } = model;
  const candidates: Array<{ time: TimeMention; date: string | null; zone: Zone | null; label: string }> = [];
  if (window.start) candidates.push({ time: window.start.mention, date: window.start.date, zone: window.zone?.zone ?? null, label: 'Incident start' });
  if (window.end) candidates.push({ time: window.end.mention, date: window.end.date, zone: window.zone?.zone ?? null, label: 'Incident end' });
  // Only the entries of the chunk under the cursor: a timeline can hold thousands.
  for (const entry of entriesNear(model, model.doc.index.lineAt(offset))) {
    if (entry.time) candidates.push({ time: entry.time, date: entry.date, zone: entry.zone, label: 'Timeline entry' });
    if (entry.endTime) candidates.push({ time: entry.endTime, date: entry.date, zone: entry.zone, label: 'Timeline entry (end of range)' });
  }
  const hit = candidates.find((candidate) => offset >= candidate.time.start && offset <= candidate.time.start + candidate.time.raw.trimEnd().length);
  if (!hit) return null;
  const { time } = hit;
  const end = time.start + time.raw.trimEnd().length;
  const lines = [`**${hit.label}** \`${time.raw.trim()}\``, ''];
  if (time.problem) lines.push(`⚠ ${time.problem}`, '');
  if (time.minutes === null) return { start: time.start, end, markdown: lines.join('\n') };

  const sinceStart = minutesSinceStart(model, hit.date, time.minutes, hit.zone);
  // An entry without a date is on the start's day, or the next when the timeline stepped past midnight.
  const date = hit.date ?? inferredDate(model, time.minutes, hit.zone, sinceStart);
  const dateText = date ? `${date} ` : '';
  const utc = hit.zone !== null && isUtc(hit.zone);
  const zoneText = hit.zone ? (utc && /^UTC$/i.test(hit.zone.text) ? '' : ` ${hit.zone.text}`) : ' (no timezone stated)';
  lines.push(
    `- ${utc ? 'UTC' : 'Local'}: ${dateText}${formatMinutes(time.minutes)}${zoneText}${date && !hit.date ? ' (date counted from the incident start)' : ''}`,
  );
  const offsetMinutes = hit.zone ? offsetOn(hit.zone, date, time.minutes) : null;
  // In UTC already: a second line saying the same would be noise.
  if (offsetMinutes !== null && !utc) lines.push(`- UTC: ${shifted(date, time.minutes - offsetMinutes)}`);
  const reportZone = window.zone?.zone ?? null;
  if (reportZone && hit.zone && reportZone.text !== hit.zone.text && offsetMinutes !== null) {
    const reportOffset = offsetOn(reportZone, date, time.minutes);
    if (reportOffset !== null && reportOffset !== offsetMinutes)
      lines.push(`- In the summary's zone: ${shifted(date, time.minutes - offsetMinutes + reportOffset)} ${reportZone.text}`);
  }
  if (sinceStart !== null && hit.label !== 'Incident start') lines.push(`- ${formatOffset(sinceStart)} from the incident start`);
  return { start: time.start, end, markdown: lines.join('\n') };
}

/** UTC by name ("UTC", "Z", "GMT", "+00:00"), not a zone that happens to sit at UTC+0 today. */
function isUtc(zone: Zone): boolean {
  return zone.fixedOffset === 0 && zone.iana === null;
}

function inferredDate(model: PostmortemModel, minutes: number, zone: Zone | null, sinceStart: number | null): string | null {
  const start = model.window.start;
  if (!start?.date || sinceStart === null) return null;
  // The start's clock plus the offset, read back in the entry's zone: the day it lands on.
  return addDays(start.date, Math.floor((start.minutes + sinceStart - zoneShift(model, zone, start.date, minutes)) / 1440));
}

/** Minutes to add to a clock time in `zone` to read it in the incident start's zone (0 when either is unknown). */
function zoneShift(model: PostmortemModel, zone: Zone | null, date: string | null, minutes: number): number {
  const start = model.window.start;
  const startZone = model.window.zone?.zone ?? null;
  if (!start || !zone || !startZone) return 0;
  const a = offsetOn(zone, date, minutes);
  const b = offsetOn(startZone, start.date, start.minutes);
  return a !== null && b !== null ? b - a : 0;
}

function shifted(date: string | null, minutes: number): string {
  const days = Math.floor(minutes / 1440);
  const clock = formatMinutes(minutes);
  if (date) {
    const [year, month, day] = date.split('-').map(Number);
    return `${new Date(Date.UTC(year, month - 1, day + days)).toISOString().slice(0, 10)} ${clock}`;
  }
  return days === 0 ? clock : `${clock} (${days > 0 ? 'next' : 'previous'} day)`;
}

function minutesSinceStart(model: PostmortemModel, date: string | null, minutes: number, zone: Zone | null): number | null {
  const start = model.window.start;
  if (!start) return null;
  // On instants where the start's and the time's dates and zones are known (across a daylight-saving change too).
  const startInstant = pointInstant(start, model.window.zone);
  const zoneOrReport = zone ?? model.window.zone?.zone ?? null;
  if (startInstant !== null && date && zoneOrReport) {
    const instant = readingInstant(date, minutes, zoneOrReport);
    if (instant !== null) return instant - startInstant;
  }
  const shift = zoneShift(model, zone, date, minutes);
  if (date && start.date) return daysBetween(start.date, date) * 1440 + minutes + shift - start.minutes;
  let difference = minutes + shift - start.minutes;
  if (difference < -720) difference += 1440; // the entry is after midnight
  return difference;
}

/** "T+15 min", "T+2 h 5 min", "T−10 min". */
export function formatOffset(minutes: number): string {
  const sign = minutes < 0 ? '\u2212' : '+';
  const absolute = Math.abs(minutes);
  const hours = Math.floor(absolute / 60);
  const rest = absolute % 60;
  const body = hours > 0 ? `${hours} h${rest > 0 ? ` ${rest} min` : ''}` : `${rest} min`;
  return `T${sign}${body}`;
}

function headingHover(model: PostmortemModel, offset: number): HoverResult | null {
  const { index } = model.doc;
  const line = index.lineAt(offset);
  const node = model.outline.headings.find((heading) => heading.line === line && heading.kinds.length > 0);
  if (!node) return null;
  const parts = node.kinds.map((kind) => `**${CANONICAL_TITLES[kind]}**: ${SECTION_GUIDANCE[kind]}`);
  if (node.kinds.includes('timeline')) parts.push(metricsMarkdown(model));
  return { start: node.titleStart, end: Math.max(node.titleStart, node.titleEnd), markdown: parts.join('\n\n') };
}

const METRIC_LABELS: Array<[MetricKind, string, 'timeToDetectMinutes' | 'timeToMitigateMinutes' | 'timeToResolveMinutes']> = [
  ['detect', 'Detected', 'timeToDetectMinutes'],
  ['mitigate', 'Mitigated', 'timeToMitigateMinutes'],
  ['resolve', 'Resolved', 'timeToResolveMinutes'],
];

/** Each metric with the line it came from and how it is known, or "unknown": the hover on the Timeline heading. */
function metricsMarkdown(model: PostmortemModel): string {
  const { metrics } = model;
  const lines = METRIC_LABELS.map(([kind, label, field]) => {
    const source = metrics.sources[kind];
    const minutes = metrics[field];
    if (source === null || minutes === null) return `- ${label}: unknown (no entry marks it or says it)`;
    const how = source.how === 'marked' ? `marked "${source.words}"` : `guessed from "${source.words}"`;
    return `- ${label}: ${formatOffset(minutes)}, line ${source.line + 1} (${source.time}, ${how})`;
  });
  return ['**Metrics** (from the incident start):', ...lines].join('\n');
}
