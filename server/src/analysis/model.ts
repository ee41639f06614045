/**
 * The postmortem model: sections, incident window, timeline and action items,
 * built from the text by pure functions.
 */
import { readActions, type ActionItem } from './actions';
import { defineLazy } from './lazy';
import { buildOutline, type Outline } from './outline';
import { parseDocument, type ChunkCache, type ParsedDocument, type TextChange } from './parse';
import type { TextSource } from './text';
import { InstantClock, readTimeline, timedEntries, type Timeline, type TimelineEntry } from './timeline';
export { InstantClock } from './timeline';
import { readWindow, windowMinutes, type IncidentWindow } from './window';

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
}

export interface PostmortemModel {
  doc: ParsedDocument;
  outline: Outline;
  window: IncidentWindow;
  timeline: Timeline;
  actions: ActionItem[];
  metrics: Metrics;
}

/**
 * Builds the model. With a cache of chunks and the model of the previous version of the text,
 * only what the edit changed is parsed and read again.
 */
export function buildModel(text: TextSource, cache?: ChunkCache, previous?: PostmortemModel, change?: TextChange): PostmortemModel {
  return modelOf(parseDocument(text, cache, previous?.doc, change), previous);
}

/** The model of a parsed document; `previous`, the model of the version `doc` was parsed from. */
export function modelOf(doc: ParsedDocument, previous?: PostmortemModel): PostmortemModel {
  const outline = buildOutline(doc);
  const window = readWindow(doc, outline);
  const timeline = readTimeline(doc, outline, window, previous?.timeline ?? null);
  const model: PostmortemModel = { doc, outline, window, timeline, actions: [], metrics: EMPTY_METRICS };
  // No rule reads the action list or the metrics: they are built when first read (see lazy.ts).
  defineLazy(model, 'actions', () => readActions(doc, outline));
  defineLazy(model, 'metrics', () => computeMetrics(doc.text, window, timeline, model.actions));
  return model;
}

const EMPTY_METRICS: Metrics = {
  durationMinutes: null, timedEntries: 0, untimedEntries: 0, actionItems: 0, openActionItems: 0, timeToDetectMinutes: null, timeToMitigateMinutes: null, timeToResolveMinutes: null,
};

/**
 * Minutes of each timed entry from the first one, reading dates where written and
 * otherwise assuming a backwards step from evening to early morning crosses midnight.
 */
export function entryInstants(entries: TimelineEntry[]): Array<number | null> {
  const clock = new InstantClock();
  return entries.map((entry) => clock.next(entry));
}

const DETECT_RE = /\b(?:detect(?:ed|s|ion)?|alert(?:ed|s|ing)?\b|paged|pager|paging|noticed|flagged|(?:users?|customers?|clients?) (?:reported|complained)|reported by|monitoring (?:alert|fired|detected|flagged))/i;
const MITIGATE_RE = /\b(?:mitigat|roll(?:ed)?[ -]?back|revert|workaround|temporar|rate[- ]limit|scal(?:ed|ing) up|failover|restart|disabled?|shut ?down)/i;
const RESOLVE_RE = /\b(?:resolv|restor|recover|back (?:online|to normal|up)|normal|operational|fixed|closed|end of outage|stabili)/i;

/** Mitigation cannot come after resolution: a fix that resolved it also mitigated it. */
function mitigatedAndResolved(mitigate: number | null, resolve: number | null): Pick<Metrics, 'timeToMitigateMinutes' | 'timeToResolveMinutes'> {
  if (mitigate !== null && resolve !== null && mitigate > resolve) mitigate = resolve;
  return { timeToMitigateMinutes: mitigate, timeToResolveMinutes: resolve };
}

function computeMetrics(text: string, window: IncidentWindow, timeline: Timeline, actions: ActionItem[]): Metrics {
  const { start } = window;
  const durationMinutes = windowMinutes(window) ?? window.duration?.minutes ?? null;
  const timed = timedEntries(timeline.entries);
  const instants = entryInstants(timed);
  const origin = start ? start.minutes : (instants[0] ?? null);
  const offsets = instants.map((instant) => (instant === null || origin === null ? null : instant - origin));
  const matching = timed.map((entry) => text.slice(entry.textStart, entry.textEnd));
  const first = (pattern: RegExp): number | null => {
    for (let i = 0; i < timed.length; i++) if (pattern.test(matching[i]) && offsets[i] !== null && offsets[i]! >= 0) return offsets[i];
    return null;
  };
  const last = (pattern: RegExp): number | null => {
    for (let i = timed.length - 1; i >= 0; i--) if (pattern.test(matching[i]) && offsets[i] !== null && offsets[i]! >= 0) return offsets[i];
    return null;
  };
  return {
    durationMinutes,
    timedEntries: timed.length,
    untimedEntries: timeline.entries.length - timed.length,
    actionItems: actions.length,
    openActionItems: actions.filter((item) => item.checked !== true).length,
    timeToDetectMinutes: first(DETECT_RE),
    ...mitigatedAndResolved(first(MITIGATE_RE), last(RESOLVE_RE)),
  };
}
