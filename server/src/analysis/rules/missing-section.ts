import { CANONICAL_TITLES } from '../titles';
import { insertSectionFix } from '../edits';
import { titleLine } from '../query';
import type { PostmortemModel } from '../model';
import { timedEntriesSteps } from '../query';
import { DEFAULT_RECOMMENDED, DEFAULT_REQUIRED, type Rule } from './rule';

/** Timed lines, one after another, enough to be a timeline. */
const TIMELINE_RUN = 3;
// A line that introduces what follows: short, ending in a colon once decoration is gone
// ("The Investigation:", "📉 What happened: 📉", "**Chain of events:**").
const INTRODUCING_LABEL_RE = /^[^\p{L}\p{N}]*[\p{L}][^:]{0,58}:[^\p{L}\p{N}]*$/u;

/**
 * A run of timed lines introduced by a label we cannot name ("The Investigation:" then
 * "3:15 PM UTC: ...", one per line) is the report's timeline under a title of its own: asking
 * for a Timeline section there would be a false alarm. Status updates strewn through the text
 * ("**Update: 18:52** ...") are no such run, and still get the problem.
 */
function* hasTitledTimelineRun(model: PostmortemModel): Generator<void, boolean> {
  const { index } = model.doc;
  let runStart = -1;
  let runLength = 0;
  let previousLine = -2;
  for (const entry of yield* timedEntriesSteps(model)) {
    if (entry.line === previousLine) continue;
    if (entry.line === previousLine + 1) runLength++;
    else {
      runStart = entry.line;
      runLength = 1;
    }
    previousLine = entry.line;
    if (runLength >= TIMELINE_RUN && runStart > 0 && introducesRun(index.lineText(runStart - 1))) return true;
  }
  return false;
}

function introducesRun(line: string): boolean {
  const text = line.trim().replace(/[*_]+/g, '');
  return INTRODUCING_LABEL_RE.test(text) && !/\d{1,2}:\d{2}/.test(text);
}

// The writer naming the root cause in so many words: "This leads me to the root cause of this
// problem", "The root cause was ...". Not "root cause analysis is pending" or "no root cause yet".
const STATES_ROOT_CAUSE_RE =
  /\b(?:the|this|its|our)\s+root[ -]cause\s+(?:of\s+[^.\n]{1,60}?\s+)?(?:was|is|were|turned out|lies|lay)\b|\bleads?\s+(?:me|us)\s+to\s+the\s+root[ -]cause\b|\broot[ -]cause\s*:\s*\p{L}/iu;
const UNNAMED_SECTIONS_READ = 8;
const UNNAMED_SECTION_BYTES = 16 * 1024;

/**
 * A section under a title of the writer's own ("The Smoking Gun") that states the root cause in so
 * many words is the root cause analysis: asking for a Root Cause section there would be a false
 * alarm. Only the first few such sections are read, each only so far, so a long report costs little.
 */
function namedRootCauseSection(model: PostmortemModel): number | null {
  const { outline, doc } = model;
  const { index } = doc;
  let read = 0;
  for (const heading of outline.headings) {
    if (heading.tier !== 1 || heading.kinds.length > 0) continue;
    if (++read > UNNAMED_SECTIONS_READ) break;
    const endLine = outline.extentEnd.get(heading.line) ?? heading.line;
    if (endLine <= heading.line) continue;
    const from = index.start(heading.line + 1);
    const body = doc.source.slice(from, Math.min(index.end(endLine), from + UNNAMED_SECTION_BYTES));
    if (STATES_ROOT_CAUSE_RE.test(body)) return heading.line;
  }
  return null;
}

export const missingSection: Rule = {
  id: 'missing-section',
  description: 'A required section (summary, timeline, root cause, corrective measures; resolution recommended) is missing.',
  defaultSeverity: 'error',
  tags: ['sections'],
  *check({ model, options }, report) {
    const { index } = model.doc;
    // Point at the title: the place a reader looks for the report's structure.
    const line = titleLine(model);
    const start = index.start(line);
    const end = index.end(line);
    const required = options.requiredSections ?? DEFAULT_REQUIRED;
    const recommended = (options.recommendedSections ?? DEFAULT_RECOMMENDED).filter((kind) => !required.includes(kind));
    for (const kind of [...required, ...recommended]) {
      if (model.outline.sections[kind]) continue;
      if (kind === 'timeline' && (yield* hasTitledTimelineRun(model))) continue;
      if (kind === 'rootCause' && namedRootCauseSection(model) !== null) continue;
      const title = CANONICAL_TITLES[kind];
      const isRequired = required.includes(kind);
      report({
        start,
        end,
        message: isRequired
          ? `Add ${/^[AEIOU]/.test(title) ? 'an' : 'a'} "${title}" section: no heading or label in this report names one.`
          : `Consider a "${title}" section: say how service was restored.`,
        severity: isRequired ? undefined : 'warning',
        data: { evidence: 'no-title-names-it', section: kind },
        fix: insertSectionFix(model, kind),
      });
    }
  },
};
