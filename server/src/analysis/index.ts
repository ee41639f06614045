/**
 * The analysis core's entry point: text in, model and diagnostics out.
 * No editor or LSP imports here or below.
 */
import { lint, type Diagnostic, type LintResult } from './lint';
import { buildModel, type PostmortemModel } from './model';
import type { AnalysisOptions, Severity } from './rules/index';

export interface Analysis extends LintResult {
  model: PostmortemModel;
}

export function analyze(text: string, options: AnalysisOptions = {}): Analysis {
  const model = buildModel(text);
  return { model, ...lint(model, options) };
}

export { buildModel, lint };
export type { AnalysisOptions, Diagnostic, PostmortemModel, Severity };
export { RULES } from './rules/index';
export { toInspectJson } from './inspect';
