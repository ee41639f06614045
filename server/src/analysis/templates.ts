/**
 * Section templates, shared by completion (as snippets) and the missing-section fix (as text).
 * Snippet syntax: ${1:placeholder}, ${1|choice,choice|}, $0.
 */
import type { PostmortemModel } from './model';
import { CANONICAL_TITLES, SECTION_KINDS, type SectionKind } from './titles';

/** An open action item, as every template and completion writes one. */
export const ACTION_ITEM_BODY = '- [ ] ${1:<describe the action>} (owner: @${2:name}, due ${3:YYYY-MM-DD})';

export const ZONE_CHOICES = ['UTC', 'PST', 'PDT', 'EST', 'EDT', 'CET', 'CEST', 'GMT', 'IST', 'JST'];

// No value here is a fact about an incident: every time, date, zone and amount is a placeholder
// the placeholder rule reports until it is filled in ("HH:MM", "YYYY-MM-DD", "<enter ...>").
const BODIES: Record<SectionKind, string> = {
  summary:
    '- Duration: ${1:<enter how long it lasted>}\n- Start: ${2:YYYY-MM-DD} ${3:HH:MM} ${4:<enter the timezone>}\n- End: ${5:YYYY-MM-DD} ${6:HH:MM} $4\n- Impact: ${7:<describe who and what was affected>}\n- Root Cause: ${8:<describe the cause in one line>}',
  impact: '${1:<describe who and what was affected, and how much>}',
  timeline: '- ${1:HH:MM}: ${2:<describe what happened>}',
  rootCause: '${1:<describe why it happened>}',
  resolution: '${1:<describe how service was restored>}',
  measures: ACTION_ITEM_BODY,
  lessonsLearned: '- ${1:<describe what went well, what went wrong, where you got lucky>}',
};

/** What typing `prefix` at a line start offers: each section, a timeline entry, an action item. */
export const SECTION_PREFIXES: Record<SectionKind, string> = {
  summary: 'pm-summary',
  impact: 'pm-impact',
  timeline: 'pm-timeline',
  rootCause: 'pm-root-cause',
  resolution: 'pm-resolution',
  measures: 'pm-measures',
  lessonsLearned: 'pm-lessons',
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

/** The snippet with its tab stops replaced by their placeholder text (first choice for a choice), mirrors included. */
export function snippetToText(snippet: string): string {
  const defaults = new Map<string, string>();
  const text = snippet
    .replace(/\$\{(\d+)\|([^,|}]*)[^}]*\}/g, (_, index: string, first: string) => remember(defaults, index, first))
    .replace(/\$\{(\d+):([^}]*)\}/g, (_, index: string, value: string) => remember(defaults, index, value));
  return text.replace(/\$\{(\d+)\}|\$(\d+)/g, (_, braced?: string, bare?: string) => defaults.get(braced ?? bare ?? '') ?? '');
}

function remember(defaults: Map<string, string>, index: string, value: string): string {
  defaults.set(index, value);
  return value;
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
