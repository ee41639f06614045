import { CANONICAL_TITLES, type SectionKind } from '../titles';
import { isPromptLine } from './shared';
import { DEFAULT_RECOMMENDED, DEFAULT_REQUIRED, type Rule } from './rule';

export const emptySection: Rule = {
  id: 'empty-section',
  description: 'A required section has a heading but nothing under it.',
  defaultSeverity: 'error',
  tags: ['sections'],
  check({ model, options }, report) {
    const { lines } = model.doc;
    const kinds = new Set<SectionKind>([...(options.requiredSections ?? DEFAULT_REQUIRED), ...(options.recommendedSections ?? DEFAULT_RECOMMENDED)]);
    const reported = new Set<number>();
    for (const kind of kinds) {
      const section = model.outline.sections[kind];
      // A field ("Root Cause: ...") carries its content on its own line.
      if (!section || section.node.tier === 3 || reported.has(section.line)) continue;
      let hasContent = false;
      for (let line = section.line + 1; line <= section.endLine && !hasContent; line++) {
        const lineKind = lines.at(line).kind;
        const lineText = model.doc.index.lineText(line);
        // An HTML comment or a left-over "<describe ...>" prompt is not content.
        hasContent = lineKind === 'paragraph' || lineKind === 'code' || (lineKind === 'html' && !/^\s*<!--[\s\S]*-->\s*$/.test(lineText) && !isPromptLine(lineText));
      }
      if (hasContent) continue;
      reported.add(section.line);
      report({
        start: section.node.titleStart,
        end: section.node.titleEnd,
        message: `Fill in the "${section.node.title || CANONICAL_TITLES[kind]}" section: it has a heading but no content.`,
        data: { section: kind },
      });
    }
  },
};
