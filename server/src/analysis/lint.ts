/**
 * Runs the rules over a model and returns diagnostics as offsets.
 */
import type { PostmortemModel } from './model';
import { finish } from './incremental/steps';
import { RULES, type AnalysisOptions, type Fix, type Problem, type Rule, type Severity } from './rules/index';

export interface Diagnostic {
  rule: string;
  severity: Severity;
  message: string;
  start: number;
  end: number;
  data?: Record<string, unknown>;
  fix?: Fix;
}

export interface LintResult {
  diagnostics: Diagnostic[];
  /** Rules that threw: the rest still ran. Reported, never fatal. */
  failures: Array<{ rule: string; error: string }>;
}

export function lint(model: PostmortemModel, options: AnalysisOptions = {}, rules: readonly Rule[] = RULES): LintResult {
  return finish(lintSteps(model, options, rules));
}

/** `lint` in steps: a rule, or a few chunks of a rule that checks in steps (see `Rule.check`), a step. */
export function* lintSteps(model: PostmortemModel, options: AnalysisOptions = {}, rules: readonly Rule[] = RULES): Generator<void, LintResult> {
  const diagnostics: Diagnostic[] = [];
  const failures: LintResult['failures'] = [];
  const text = model.doc.source;
  for (const rule of rules) {
    const setting = options.rules?.[rule.id];
    if (setting === 'off') continue;
    const report = (problem: Problem): void => {
      const start = Math.max(0, Math.min(problem.start, text.length));
      const end = Math.max(start, Math.min(problem.end, text.length));
      diagnostics.push({
        rule: rule.id,
        severity: setting ?? problem.severity ?? rule.defaultSeverity,
        message: problem.message,
        start,
        end,
        ...(problem.data ? { data: problem.data } : {}),
        ...(problem.fix ? { fix: problem.fix } : {}),
      });
    };
    try {
      const steps = rule.check({ model, text, options }, report);
      if (steps) yield* steps;
    } catch (error) {
      failures.push({ rule: rule.id, error: error instanceof Error ? error.message : String(error) });
    }
    yield;
  }
  return { diagnostics, failures };
}
