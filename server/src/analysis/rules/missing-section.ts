import { CANONICAL_TITLES } from '../titles';
import { insertSectionFix } from './fixes';
import { titleLine } from './shared';
import { DEFAULT_RECOMMENDED, DEFAULT_REQUIRED, type Rule } from './rule';

export const missingSection: Rule = {
  id: 'missing-section',
  description: 'A required section (summary, timeline, root cause, corrective measures; resolution recommended) is missing.',
  defaultSeverity: 'error',
  tags: ['sections'],
  check({ model, options }, report) {
    const { index } = model.doc;
    // Point at the title: the place a reader looks for the report's structure.
    const line = titleLine(model);
    const start = index.start(line);
    const end = index.end(line);
    const required = options.requiredSections ?? DEFAULT_REQUIRED;
    const recommended = (options.recommendedSections ?? DEFAULT_RECOMMENDED).filter((kind) => !required.includes(kind));
    for (const kind of [...required, ...recommended]) {
      if (model.outline.sections[kind]) continue;
      const title = CANONICAL_TITLES[kind];
      const isRequired = required.includes(kind);
      report({
        start,
        end,
        message: isRequired
          ? `Add ${/^[AEIOU]/.test(title) ? 'an' : 'a'} "${title}" section: no heading or label in this report names one.`
          : `Consider a "${title}" section: say how service was restored.`,
        severity: isRequired ? undefined : 'warning',
        data: { section: kind },
        fix: insertSectionFix(model, kind),
      });
    }
  },
};
