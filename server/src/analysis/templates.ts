/**
 * Section templates, shared by completion (as snippets) and the missing-section fix (as text).
 * Snippet syntax: ${1:placeholder}, ${1|choice,choice|}, $0.
 */
import type { PostmortemModel } from './model';
import { CANONICAL_TITLES, SECTION_KINDS, type SectionKind } from './titles';

export const ZONE_CHOICES = ['UTC', 'PST', 'PDT', 'EST', 'EDT', 'CET', 'CEST', 'GMT', 'IST', 'JST'];

const BODIES: Record<SectionKind, string> = {
  summary: '- Duration: ${1:30 minutes} (${2:10:15} - ${3:10:45} ${4|UTC,PST,PDT,EST,EDT,CET|})\n- Impact: ${5:<describe who and what was affected>}\n- Root Cause: ${6:<describe the cause in one line>}',
  impact: '${1:<describe who and what was affected, and how much>}',
  timeline: '- ${1:10:15} ${2|UTC,PST,PDT,EST,EDT,CET|}: ${3:<describe what happened>}',
  rootCause: '${1:<describe why it happened>}',
  resolution: '${1:<describe how service was restored>}',
  measures: '- [ ] ${1:<describe the action>} (owner: @${2:name}, due ${3:YYYY-MM-DD})',
  lessonsLearned: '- ${1:<describe what went well, what went wrong, where you got lucky>}',
};

// What the missing-section fix writes under a new heading: a prompt, which the placeholder
// rule keeps reminding about, and no times that other rules would then check.
const PROMPTS: Record<SectionKind, string> = {
  summary: '<describe what happened, when it started and ended (with the timezone), and who was affected>',
  impact: '<describe who and what was affected, and how much>',
  timeline: '- <describe each event with its time and timezone, in order>',
  rootCause: '<describe why it happened>',
  resolution: '<describe how service was restored>',
  measures: '- [ ] <describe an action> (owner: @name, due YYYY-MM-DD)',
  lessonsLearned: '- <describe what went well, what went wrong, where you got lucky>',
};

/** A new section as plain text: the heading and a prompt, with the document's line break. */
export function sectionText(kind: SectionKind, level: number, lineBreak: string): string {
  return `${'#'.repeat(level)} ${CANONICAL_TITLES[kind]}${lineBreak}${lineBreak}${PROMPTS[kind]}${lineBreak}`;
}

/** The canonical order in which sections appear. */
export const CANONICAL_ORDER: readonly SectionKind[] = SECTION_KINDS;

export function sectionSnippet(kind: SectionKind, level: number): string {
  return `${'#'.repeat(level)} ${CANONICAL_TITLES[kind]}\n\n${BODIES[kind]}\n$0`;
}

/** The snippet with its tab stops replaced by their placeholder text (first choice for a choice). */
export function snippetToText(snippet: string): string {
  return snippet
    .replace(/\$\{\d+\|([^,|}]*)[^}]*\}/g, '$1')
    .replace(/\$\{\d+:([^}]*)\}/g, '$1')
    .replace(/\$\d+/g, '');
}

/** The heading level the report's sections use (2 when it has no Markdown section headings). */
export function sectionLevel(model: PostmortemModel): number {
  const counts = new Map<number, number>();
  for (const section of Object.values(model.outline.sections)) {
    if (section?.node.tier === 1) counts.set(section.node.rank, (counts.get(section.node.rank) ?? 0) + 1);
  }
  if (counts.size === 0) return 2;
  return [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0] - b[0])[0][0];
}
