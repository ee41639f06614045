/**
 * The ordered registry of rules. The order is the order of the reports.
 */
import { dstMismatch } from './dst-mismatch';
import { durationMismatch } from './duration-mismatch';
import { emptySection } from './empty-section';
import { futureDate } from './future-date';
import { headingSpace } from './heading-space';
import { invalidTime } from './invalid-time';
import { missingSection } from './missing-section';
import { missingTimezone } from './missing-timezone';
import { mixedClock } from './mixed-clock';
import { outOfOrder } from './out-of-order';
import { outsideWindow } from './outside-window';
import { placeholder } from './placeholder';
import type { Rule } from './rule';
import { timezoneConflict } from './timezone-conflict';
import { wordBullets } from './word-bullets';

export const RULES: readonly Rule[] = [
  missingSection,
  emptySection,
  headingSpace,
  wordBullets,
  placeholder,
  invalidTime,
  mixedClock,
  outOfOrder,
  outsideWindow,
  durationMismatch,
  missingTimezone,
  timezoneConflict,
  dstMismatch,
  futureDate,
];

export type { AnalysisOptions, Fix, Problem, Rule, RuleContext, Severity, TextEdit } from './rule';
