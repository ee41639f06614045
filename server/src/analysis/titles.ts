import { trimEndOf, withoutComments } from './text';

/**
 * Section titles: which kind of section a heading or label names, however it is worded.
 */
export type SectionKind = 'summary' | 'impact' | 'timeline' | 'rootCause' | 'resolution' | 'measures' | 'lessonsLearned';

export const SECTION_KINDS: readonly SectionKind[] = [
  'summary', 'impact', 'timeline', 'rootCause', 'resolution', 'measures', 'lessonsLearned',
];

/** Canonical headings, in the order a postmortem puts them. */
export const CANONICAL_TITLES: Record<SectionKind, string> = {
  summary: 'Issue Summary',
  impact: 'Impact',
  timeline: 'Timeline',
  rootCause: 'Root Cause',
  resolution: 'Resolution',
  measures: 'Corrective and Preventative Measures',
  lessonsLearned: 'Lessons Learned',
};

export interface TitleClass {
  kinds: SectionKind[];
  /** A weaker wording ("Overview"), chosen only when no plain title ("Summary") names the kind. */
  weak: boolean;
}

interface TitlePattern extends TitleClass {
  pattern: RegExp;
}

// Matched against a normalised title (lower case, no accents, no markup, no numbering,
// no trailing punctuation, parenthesised notes removed). Anchored: "Blog Summary" is not a summary.
const PATTERNS: TitlePattern[] = [
  { kinds: ['rootCause', 'resolution'], weak: false, pattern: /^(?:root[ -]?causes?|causes?)(?: analysis)? (?:and|\/) (?:resolutions?|remediation|recovery|fix(?:es)?|solutions?)(?: and recovery)?$/ },
  { kinds: ['summary'], weak: false, pattern: /^(?:(?:issue|incident|executive|outage|event|problem)s? )?summar(?:y|ies)(?: of (?:the )?(?:issues?|incident|outage|events?|problems?))?$/ },
  { kinds: ['summary'], weak: false, pattern: /^(?:tl;? ?dr|resumen(?: del incidente| ejecutivo)?|resume(?: de l'incident)?|zusammenfassung)$/ },
  { kinds: ['summary'], weak: true, pattern: /^(?:(?:issue|incident|outage) )?overview$/ },
  { kinds: ['impact'], weak: false, pattern: /^(?:(?:user|customer|business|service) )?impact(?:ed [a-z ]{1,30}| statement| assessment| analysis| summary| and severity)?$|^impacto$/ },
  { kinds: ['timeline'], weak: false, pattern: /^(?:detailed |incident |event |outage )?time ?line(?: of [a-z .,'-]{1,60})?$|^(?:chronology(?: of events)?|cronologia|chronologie|sequence of events|timeline of events)$/ },
  { kinds: ['rootCause'], weak: false, pattern: /^(?:root[ -]?causes?(?: analysis)?|rca|main cause|primary cause|underlying causes?|contributing factors|causa raiz|cause racine|ursache)$/ },
  { kinds: ['resolution'], weak: false, pattern: /^(?:(?:incident )?resolution(?: and recovery| steps)?|recovery(?: steps)?|mitigation and (?:resolution|recovery)|remediation|mitigations?|the fix|solution|resolucion|how (?:it|we|the issue) (?:was )?(?:fixed|resolved))$/ },
  { kinds: ['measures'], weak: false, pattern: /^(?:corrective (?:and|\/) (?:preventa?tive|preventive|prevention) (?:measures|actions|steps)|corrective measures(?: and prevention)?|corrective actions|preventa?tive (?:measures|actions)|preventive (?:measures|actions)|(?:postmortem |post-mortem )?action items(?: and follow[- ]?ups)?|action plan|follow[- ]?ups?(?: actions| items)?|next steps|looking forward|remediation (?:items|actions)|remediations|prevention|to[ -]?do(?: list)?|recommended mitigations?|mitigacion recomendada(?: [a-z ]{1,40})?|recommended mitigations? (?:for|in) [a-z ]{1,40})$/ },
  { kinds: ['lessonsLearned'], weak: false, pattern: /^(?:lessons? learn(?:ed|t)|learnings|takeaways|key takeaways|what we learned|lecciones aprendidas|lecons apprises)$/ },
];

const LEADING_MARKUP_RE = /^(?:[\s#>*_~`=•◦▪‣·\u2022\uf0a7\uf0b7-]|\d{1,3}[.)]\s|[ivx]{1,4}\.\s|[a-h][.)]\s|[^\p{L}\p{N}(])+/iu;

/**
 * Lower-case, accent-free title with markup, numbering and trailing punctuation gone,
 * and the parenthesised note ("(all times UTC)") split off.
 */
export function normalizeTitle(raw: string): { title: string; note: string | null } {
  // An HTML comment ("## Timeline <!-- fill in -->") is not part of the title. No title is
  // longer than this either, and the regexes below need not see a longer one.
  let title = withoutComments(raw.length > 300 ? raw.slice(0, 300) : raw).replace(LEADING_MARKUP_RE, '');
  let note: string | null = null;
  const paren = /\(([^()]*)\)/.exec(title);
  if (paren) {
    note = paren[1].trim();
    title = title.slice(0, paren.index) + title.slice(paren.index + paren[0].length);
  }
  title = title
    .replace(/[*_`~]+/g, '')
    .replace(/\s#+\s*$/, '')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/&/g, 'and')
    .replace(/\s+/g, ' ');
  title = trimEndOf(title, ' :.;,!?-\u2013\u2014').trim();
  // A trailing emoji or symbol ("Timeline 🕐") is decoration.
  while (title.length > 0 && !/[\p{L}\p{N})]/u.test(title[title.length - 1])) title = title.slice(0, -1).trimEnd();
  return { title, note };
}

export function classifyTitle(normalized: string): TitleClass | null {
  if (normalized.length === 0 || normalized.length > 80) return null;
  for (const entry of PATTERNS) {
    if (entry.pattern.test(normalized)) return { kinds: entry.kinds, weak: entry.weak };
  }
  return null;
}

/** For a heading only: a question about who was affected is an impact section. */
export function classifyHeadingTitle(normalized: string): TitleClass | null {
  return classifyTitle(normalized) ?? (/\baffected\??$/.test(normalized) ? { kinds: ['impact'], weak: true } : null);
}
