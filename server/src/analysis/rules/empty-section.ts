import type { PostmortemModel } from '../model';
import type { Section } from '../outline';
import { CANONICAL_TITLES, type SectionKind } from '../titles';
import { isPromptLine } from '../text';
import { DEFAULT_RECOMMENDED, DEFAULT_REQUIRED, type Rule } from './rule';

export const emptySection: Rule = {
  id: 'empty-section',
  description: 'A required section has a heading but nothing under it.',
  defaultSeverity: 'error',
  tags: ['sections'],
  check({ model, options }, report) {
    const kinds = new Set<SectionKind>([...(options.requiredSections ?? DEFAULT_REQUIRED), ...(options.recommendedSections ?? DEFAULT_RECOMMENDED)]);
    const reported = new Set<number>();
    for (const kind of kinds) {
      const section = model.outline.sections[kind];
      // A field ("Root Cause: ...") carries its content on its own line.
      if (!section || section.node.tier === 3 || reported.has(section.line)) continue;
      if (hasContent(model, section)) continue;
      reported.add(section.line);
      report({
        start: section.node.titleStart,
        end: section.node.titleEnd,
        message: `Fill in the "${section.node.title || CANONICAL_TITLES[kind]}" section: it has a heading but no content.`,
        data: { evidence: 'no-content-under-title', section: kind },
      });
    }
  },
};

/**
 * Whether the section, or a subsection under it ("### What went well" under "## Lessons Learned",
 * "**Improvements:**" under "## Corrective Actions"), has a line of content. A sub-heading is not
 * content, nor an HTML comment or a left-over "<describe ...>" prompt.
 */
function hasContent(model: PostmortemModel, section: Section): boolean {
  const { lines, index } = model.doc;
  const { headings } = model.outline;
  // The section with everything nested under it: up to the next heading of its rank or above.
  let end = section.endLine;
  let next = headings.findIndex((node) => node.line > section.line);
  const headingLines = new Set<number>();
  for (; next >= 0 && next < headings.length; next++) {
    const node = headings[next];
    if (node.rank <= section.node.rank) break;
    headingLines.add(node.line);
    end = Math.max(end, model.outline.extentEnd.get(node.line) ?? node.line);
  }
  for (let line = section.line + 1; line <= end; line++) {
    if (headingLines.has(line)) continue;
    const kind = lines.at(line).kind;
    if (kind === 'paragraph' || kind === 'code') return true;
    if (kind === 'html') {
      const text = index.lineText(line);
      if (!/^\s*<!--[\s\S]*-->\s*$/.test(text) && !isPromptLine(text)) return true;
    }
  }
  return false;
}
