/**
 * The analysis core's entry point: text in, model and diagnostics out.
 * No editor or LSP imports here or below.
 */
import { lint, lintSteps, type Diagnostic, type LintResult } from './lint';
import { buildModel, modelSteps, type PostmortemModel } from './model';
import { ChunkCache, finish, parseSteps, type TextChange } from './parse';
import type { AnalysisOptions, Severity } from './rules/index';
import type { TextSource } from './text';

export interface Analysis extends LintResult {
  model: PostmortemModel;
}

export function analyze(text: TextSource, options: AnalysisOptions = {}): Analysis {
  const model = buildModel(text);
  return { model, ...lint(model, options) };
}

/**
 * Analyses successive versions of one document, reusing what an edit did not touch.
 * Its result for a text is always the same as `analyze` of that text.
 */
export class Analyzer {
  private readonly cache: ChunkCache;
  private previous: PostmortemModel | undefined;

  /** `blockSize` is for tests: see `BlockList`. */
  constructor(options: { blockSize?: number } = {}) {
    this.cache = new ChunkCache(options.blockSize);
  }

  /** `change`, when known, says where the text differs from the last one analysed. */
  analyze(text: TextSource, options: AnalysisOptions = {}, change?: TextChange): Analysis {
    return finish(this.analyzeSteps(text, options, change));
  }

  /**
   * `analyze` in steps (a chunk parsed, a few chunks of the outline or the timeline read, a few
   * chunks checked by a rule), for a caller that pauses between them. Only
   * the last step makes this version the one the next builds on: a caller may stop at any step
   * (`return()`, or no longer calling `next`) and analyse another text.
   */
  *analyzeSteps(text: TextSource, options: AnalysisOptions = {}, change?: TextChange): Generator<void, Analysis> {
    const doc = yield* parseSteps(text, this.cache, this.previous?.doc, change);
    const model = yield* modelSteps(doc, this.previous);
    const result = yield* lintSteps(model, options);
    this.previous = model;
    return { model, ...result };
  }
}

export { buildModel, finish, lint };
export type { AnalysisOptions, Diagnostic, PostmortemModel, Severity, TextChange, TextSource };
export { RULES } from './rules/index';
export { toInspectJson } from './inspect';
export { applyEdits, describeFixed, fixAllEdits, fixAllPlan, sortTimelineFix } from './edits';

// The one door: everything the server, the CLI and the preview use of the core is exported here
// (docs/architecture.md; ESLint's no-restricted-imports keeps it so).
export { actionsSteps, metricsSteps, modelOf } from './model';
export { entryInstants, type MetricKind, type Metrics, type MetricSource } from './model';
export { isTimed, timedEntries, type TimedEntry, type TimelineEntry } from './timeline';
export { buildOutline, type Outline } from './outline';
export { parseDocument, ChunkCache } from './parse';
export { lastAtMost } from './incremental/blocks';
export { LineIndex, type Position } from './text';
export { CONFIG_RULE_ID, parseConfig, type ConfigError } from './config';
export type { SectionKind } from './titles';
export type { Fix, TextEdit } from './rules/rule';
export { placeholder } from './rules/placeholder';
export { addDays, daysBetween, describeMinutes, formatClock } from './time';
export { codeLenses, type Lens } from './providers/codelens';
export { completionsAt, type CompletionEntry, type CompletionKind, type CompletionRequest } from './providers/completion';
export { entryNow, type EntryInsertion } from './providers/entryFormat';
export { foldingRegions, type FoldingRegion } from './providers/folding';
export { hoverAt, hoverShowsMetrics, type HoverResult } from './providers/hover';
export { readStart } from './providers/startTime';
export { documentSymbols, documentSymbolsSteps, type OutlineSymbol } from './providers/symbols';
