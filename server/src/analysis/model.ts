/**
 * The postmortem model: sections, incident window, timeline and action items,
 * built from the text by pure functions.
 */
import { readActionsSteps, type ActionItem } from './actions';
import { defineLazySteps, settleSteps } from './incremental/lazy';
import { buildOutlineSteps, type Outline } from './outline';
import { parseDocument, type ChunkCache, type ParsedDocument, type TextChange } from './parse';
import { finish } from './incremental/steps';
import type { TextSource } from './text';
import { computeMetricsSteps, EMPTY_METRICS, type Metrics } from './metrics';
import { readTimelineSteps, type Timeline } from './timeline';
export { InstantClock } from './timeline';
export { entryInstants, timedInstants, type MetricKind, type Metrics, type MetricSource } from './metrics';
import { readWindowKept, type IncidentWindow } from './window';

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
  return finish(modelSteps(doc, previous));
}

/** `modelOf` in steps: the outline and the timeline read a large report a few chunks at a step. */
export function* modelSteps(doc: ParsedDocument, previous?: PostmortemModel): Generator<void, PostmortemModel> {
  const outline = yield* buildOutlineSteps(doc);
  const window = readWindowKept(doc, outline, previous?.window ?? null);
  yield;
  const timeline = yield* readTimelineSteps(doc, outline, window, previous?.timeline ?? null);
  const model: PostmortemModel = { doc, outline, window, timeline, actions: [], metrics: EMPTY_METRICS };
  // No rule reads the action list or the metrics: they are built when first read (see lazy.ts), or
  // in steps by a caller that pauses between them (`actionsSteps`, `metricsSteps`).
  defineLazySteps(model, 'actions', () => readActionsSteps(doc, outline));
  defineLazySteps(model, 'metrics', function* () {
    return yield* computeMetricsSteps(model, yield* settleSteps(model, 'actions'));
  });
  return model;
}

/** The model's action items, built in steps if they are not yet: the server builds them in slices. */
export function actionsSteps(model: PostmortemModel): Generator<void, ActionItem[]> {
  return settleSteps(model, 'actions');
}

/** The model's metrics (and action items), built in steps if they are not yet. */
export function metricsSteps(model: PostmortemModel): Generator<void, Metrics> {
  return settleSteps(model, 'metrics');
}
