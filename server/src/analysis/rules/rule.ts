/**
 * A rule is data plus one function (markdownlint's shape): it reads the model and
 * reports problems as offsets; the registry in `index.ts` lists rules in order.
 */
import type { PostmortemModel } from '../model';
import type { TextSource } from '../text';
import type { SectionKind } from '../titles';

export type Severity = 'error' | 'warning' | 'information' | 'hint';

export interface TextEdit {
  start: number;
  end: number;
  newText: string;
}

export interface AnalysisOptions {
  /** The current time, for rules that compare against it. Absent: those checks are skipped. */
  now?: Date;
  /** Sections a postmortem must have. */
  requiredSections?: SectionKind[];
  /** Sections a postmortem should have (reported as warnings). */
  recommendedSections?: SectionKind[];
  /** Per-rule severity or 'off'. */
  rules?: Record<string, Severity | 'off'>;
  /** The zone the missing-timezone fix writes into the Timeline heading (default UTC). */
  defaultTimezone?: string;
}

export const DEFAULT_REQUIRED: SectionKind[] = ['summary', 'timeline', 'rootCause', 'measures'];
export const DEFAULT_RECOMMENDED: SectionKind[] = ['resolution'];

export interface Problem {
  start: number;
  end: number;
  message: string;
  /** Overrides the rule's default severity for this problem. */
  severity?: Severity;
  data?: Record<string, unknown>;
  /** A mechanical fix: applying these edits removes the problem and changes nothing else. */
  fix?: Fix;
}

export interface Fix {
  title: string;
  edits: TextEdit[];
  /** Safe to apply with every other such fix, without looking ("Fix all"). */
  fixAll?: boolean;
}

export interface RuleContext {
  model: PostmortemModel;
  /** The document's text: read it in slices (see `TextSource`). */
  text: TextSource;
  options: AnalysisOptions;
}

export interface Rule {
  /** Stable id, also the name of the rule's page under docs/rules/. */
  id: string;
  description: string;
  defaultSeverity: Severity;
  tags: string[];
  /**
   * Reports the problems of `context.model`. A rule that reads every chunk of a cold report may be a
   * generator (`*check`) that yields between a few chunks (see steps.ts), so that the server can
   * pause it; it reports the same problems either way.
   */
  check(context: RuleContext, report: (problem: Problem) => void): void | Generator<void, void>;
}
