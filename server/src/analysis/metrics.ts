/**
 * The incident's metrics: duration, and the times to detect, mitigate and resolve, each with the
 * entry or field it came from. Milestones the report states win over guesses from an entry's words,
 * a guess respects negation, and what nothing establishes is unknown.
 */
import type { ActionItem } from './actions';
import type { PostmortemModel } from './model';
import { entryCountSteps, timedEntriesSteps } from './query';
import type { TextSource } from './text';
import { findDates, findTimes, readingInstant, zoneAfter } from './time';
import { InstantClock, type TimedEntry, type TimelineEntry } from './timeline';
import { pointInstant, windowMinutes, type IncidentWindow } from './window';

export interface Metrics {
  /** From the stated start and end, or else the stated duration. */
  durationMinutes: number | null;
  timedEntries: number;
  untimedEntries: number;
  actionItems: number;
  openActionItems: number;
  /** Minutes from the incident start to the first detection, mitigation and resolution entries. */
  timeToDetectMinutes: number | null;
  timeToMitigateMinutes: number | null;
  timeToResolveMinutes: number | null;
  /**
   * Which entry each of the three times came from, and how it was known: `marked` where the report
   * states the milestone ("OUTAGE BEGINS", "**Detected**", "OUTAGE MITIGATED", "Incident ends"),
   * `guessed` where an entry's words suggest it. Null where nothing establishes it: unknown, not a guess.
   */
  sources: Record<MetricKind, MetricSource | null>;
}

export type MetricKind = 'detect' | 'mitigate' | 'resolve';

export interface MetricSource {
  /** 0-based line of the entry. */
  line: number;
  /** The entry's time as written. */
  time: string;
  how: 'marked' | 'guessed';
  /** The words that showed it. */
  words: string;
}

export const EMPTY_METRICS: Metrics = {
  durationMinutes: null,
  timedEntries: 0,
  untimedEntries: 0,
  actionItems: 0,
  openActionItems: 0,
  timeToDetectMinutes: null,
  timeToMitigateMinutes: null,
  timeToResolveMinutes: null,
  sources: { detect: null, mitigate: null, resolve: null },
};

/**
 * Minutes of each timed entry from the first one, reading dates where written and
 * otherwise assuming a backwards step from evening to early morning crosses midnight.
 */
export function entryInstants(entries: TimelineEntry[]): Array<number | null> {
  const clock = new InstantClock();
  return entries.map((entry) => clock.next(entry));
}

/** `entryInstants` of timed entries only: each has an instant. */
export function timedInstants(entries: TimedEntry[]): number[] {
  const clock = new InstantClock();
  return entries.map((entry) => clock.step(entry));
}

const DETECT_RE =
  /\b(?:detect(?:ed|s|ion)?|alert(?:ed|s|ing)?\b|paged|pager|paging|noticed|flagged|(?:users?|customers?|clients?) (?:reported|complained)|reported by|monitoring (?:alert|fired|detected|flagged))/i;
const MITIGATE_RE = /\b(?:mitigat|roll(?:ed)?[ -]?back|revert|workaround|temporar|rate[- ]limit|scal(?:ed|ing) up|failover|restart|disabled?|shut ?down)/i;
const RESOLVE_RE = /\b(?:resolv|restor|recover|back (?:online|to normal|up|above|below|under|within)|normal|operational|fixed|closed|end of outage|stabili)/i;

/**
 * Milestones a report states outright: the SRE book's "OUTAGE BEGINS"/"OUTAGE MITIGATED"/"OUTAGE
 * ENDS" markers, a bold or capitalised "Detected", "Incident ends". They win over any guess.
 */
const MARKED: Record<MetricKind, RegExp> = {
  detect: /\*\*\s*[Dd]etected\b|\bDETECTED\b|\b(?:OUTAGE|INCIDENT) DETECTED\b/,
  mitigate: /\b(?:OUTAGE|INCIDENT) MITIGATED\b|\*\*\s*[Mm]itigated\b/,
  resolve: /\b(?:OUTAGE|INCIDENT) (?:ENDS|ENDED|RESOLVED)\b|\b(?:outage|incident) (?:ends|ended)\b|\*\*\s*resolved\b/i,
};
const GUESSED: Record<MetricKind, RegExp> = { detect: DETECT_RE, mitigate: MITIGATE_RE, resolve: RESOLVE_RE };

/**
 * Words that undo a guess: "Restarted web servers, but issue persisted", "Rollback attempted;
 * freshness does not recover", "a misleading path". A negated sentence is never a milestone.
 */
const NEGATED_RE =
  /\b(?:but|however|still|persist\w*|not|n't|unsuccessful\w*|attempt(?:s|ed|ing)?|tried|trying|fail(?:s|ed|ing)?|misleading|without (?:effect|success)|no (?:effect|change|improvement|luck))\b|n't\b/i;

/** Entries read between two steps: a 20 MB report has hundreds of thousands. */
const ENTRIES_PER_STEP = 1024;

/**
 * Minutes of each timed entry from the incident start: on instants where the window's start and
 * the entry's date and zone are known, else on the clock from the first entry's day.
 */
function* offsetsFromStartSteps(window: IncidentWindow, timed: TimedEntry[]): Generator<void, Array<number | null>> {
  const { start } = window;
  const startInstant = start ? pointInstant(start, window.zone) : null;
  const clock = new InstantClock();
  const instants: Array<number | null> = [];
  for (let i = 0; i < timed.length; i++) {
    if (i % ENTRIES_PER_STEP === ENTRIES_PER_STEP - 1) yield;
    instants.push(clock.next(timed[i]));
  }
  const origin = start ? start.minutes : (instants[0] ?? null);
  const offsets: Array<number | null> = [];
  for (let i = 0; i < timed.length; i++) {
    if (i % ENTRIES_PER_STEP === ENTRIES_PER_STEP - 1) yield;
    const entry = timed[i];
    const zone = entry.zone ?? window.zone?.zone ?? null;
    const instant = startInstant !== null && entry.date && zone ? readingInstant(entry.date, entry.time.minutes, zone) : null;
    if (startInstant !== null && instant !== null) offsets.push(instant - startInstant);
    else {
      const onClock = instants[i];
      offsets.push(onClock === null || origin === null ? null : onClock - origin);
    }
  }
  return offsets;
}

/** How much of the report's start is searched for timing fields: they stand in its header. */
const TIMING_LOOKAHEAD = 32 * 1024;

// A field or a table row that states a milestone's time: "| Detection Time | 20:19 UTC |" (the
// incident-timing table), "**Detected** | `2021-04-16 10:44`", "Resolved: 2024-05-01 11:05 UTC".
const TIMING_FIELD_RE =
  /^[ \t>|*_-]*(detect(?:ed|ion)(?: time| at)?|time (?:of )?detection|mitigat(?:ed|ion)(?: time| at)?|resolved(?: at| time)?|resolution time)[*_ \t]*(?:\||:)[*_` \t]*([^|\r\n]*)/gim;

/**
 * The milestones the report states in fields or an incident-timing table, measured from the
 * window's start: on instants where dates and zones are known, else on the clock of one day.
 */
function timingFields(text: TextSource, window: IncidentWindow): Record<MetricKind, { minutes: number; source: MetricSource } | null> {
  const found: Record<MetricKind, { minutes: number; source: MetricSource } | null> = { detect: null, mitigate: null, resolve: null };
  const { start } = window;
  if (!start) return found;
  const startInstant = pointInstant(start, window.zone);
  const head = text.slice(0, Math.min(text.length, TIMING_LOOKAHEAD));
  TIMING_FIELD_RE.lastIndex = 0;
  let match: RegExpExecArray | null;
  while ((match = TIMING_FIELD_RE.exec(head)) !== null) {
    const label = match[1].toLowerCase();
    const kind: MetricKind = label.startsWith('detect') || label.includes('detection') ? 'detect' : label.startsWith('mitigat') ? 'mitigate' : 'resolve';
    if (found[kind]) continue;
    const valueStart = match.index + match[0].length - match[2].length;
    const valueEnd = match.index + match[0].length;
    const time = findTimes(head, valueStart, valueEnd).find((mention) => mention.minutes !== null);
    const clock = time?.minutes ?? null;
    if (!time || clock === null) continue;
    const date = findDates(head, valueStart, valueEnd)[0]?.iso ?? start.date;
    const zone = zoneAfter(head, time.end)?.zone ?? window.zone?.zone ?? null;
    let minutes: number | null = null;
    if (startInstant !== null && date && zone) {
      const instant = readingInstant(date, clock, zone);
      if (instant !== null) minutes = instant - startInstant;
    } else if (!start.date || date === start.date) {
      minutes = clock - start.minutes;
    }
    if (minutes === null || minutes < 0) continue;
    const line = head.slice(0, match.index).split(/\r\n|\r|\n/).length - 1;
    found[kind] = { minutes, source: { line, time: time.raw.trim(), how: 'marked', words: match[1] } };
  }
  return found;
}

/** The match run on to the end of its word: "restor" in "Service restored" is shown as "restored". */
function wholeWord(text: string, match: RegExpExecArray): string {
  const rest = /^\w*/.exec(text.slice(match.index + match[0].length))?.[0] ?? '';
  return match[0] + rest;
}

/**
 * The metrics of a model, in steps (see steps.ts): on a 20 MB report they read hundreds of
 * thousands of entries, 1.5 s in one go. The model builds them when first read (model.ts).
 */
export function* computeMetricsSteps(model: PostmortemModel, actions: ActionItem[]): Generator<void, Metrics> {
  const { window } = model;
  const text = model.doc.source;
  const durationMinutes = windowMinutes(window) ?? window.duration?.minutes ?? null;
  const timed = yield* timedEntriesSteps(model);
  const entryCount = yield* entryCountSteps(model);
  const offsets = yield* offsetsFromStartSteps(window, timed);
  // From where the entry starts, so that a marker before its text ("10:12 **Detected**:") is read.
  const read: Array<string | undefined> = [];
  const words = (i: number): string => (read[i] ??= text.slice(timed[i].start, timed[i].textEnd));
  const found = (i: number, minutes: number, how: MetricSource['how'], matched: string): { minutes: number; source: MetricSource } => ({
    minutes,
    source: { line: timed[i].line, time: timed[i].time.raw.trim(), how, words: matched },
  });
  /** The first (or for resolution, the last) entry that marks the milestone, else that suggests it in a sentence not negated. */
  function* milestone(kind: MetricKind, last: boolean): Generator<void, { minutes: number; source: MetricSource } | null> {
    const at = (n: number): number => (last ? timed.length - 1 - n : n);
    for (let n = 0; n < timed.length; n++) {
      if (n % ENTRIES_PER_STEP === ENTRIES_PER_STEP - 1) yield;
      const i = at(n);
      const offset = offsets[i];
      if (offset === null || offset < 0) continue;
      const marked = MARKED[kind].exec(words(i));
      if (marked) return found(i, offset, 'marked', marked[0]);
    }
    for (let n = 0; n < timed.length; n++) {
      if (n % ENTRIES_PER_STEP === ENTRIES_PER_STEP - 1) yield;
      const i = at(n);
      const offset = offsets[i];
      if (offset === null || offset < 0) continue;
      const guessed = GUESSED[kind].exec(words(i));
      if (guessed && !NEGATED_RE.test(words(i))) return found(i, offset, 'guessed', wholeWord(words(i), guessed));
    }
    return null;
  }
  const fields = timingFields(text, window);
  const detect = fields.detect ?? (yield* milestone('detect', false));
  const resolve = fields.resolve ?? (yield* milestone('resolve', true));
  let mitigate = fields.mitigate ?? (yield* milestone('mitigate', false));
  // Mitigation cannot come after resolution: a fix that resolved it also mitigated it.
  if (mitigate && resolve && mitigate.minutes > resolve.minutes) mitigate = resolve;
  return {
    durationMinutes,
    timedEntries: timed.length,
    untimedEntries: entryCount - timed.length,
    actionItems: actions.length,
    openActionItems: actions.filter((item) => item.checked !== true).length,
    timeToDetectMinutes: detect?.minutes ?? null,
    timeToMitigateMinutes: mitigate?.minutes ?? null,
    timeToResolveMinutes: resolve?.minutes ?? null,
    sources: { detect: detect?.source ?? null, mitigate: mitigate?.source ?? null, resolve: resolve?.source ?? null },
  };
}
