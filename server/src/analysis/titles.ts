import { trimEndOf, withoutComments } from './text';

/**
 * Section titles: which kind of section a heading or label names, however it is worded.
 */
export type SectionKind = 'summary' | 'impact' | 'timeline' | 'rootCause' | 'resolution' | 'measures' | 'lessonsLearned';

export const SECTION_KINDS: readonly SectionKind[] = ['summary', 'impact', 'timeline', 'rootCause', 'resolution', 'measures', 'lessonsLearned'];

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
// Weak wordings name a kind only where no plain title does: "Overview" or "What happened?" is the
// summary of a report without a "Summary", "Five whys" or "Fault" its root cause without a "Root Cause".
const PATTERNS: TitlePattern[] = [
  {
    kinds: ['rootCause', 'resolution'],
    weak: false,
    pattern:
      /^(?:root[ -]?causes?|causes?)(?: analysis)? (?:and|\/) (?:resolutions?|remediation|recovery|mitigations?|fix(?:es)?|solutions?)(?: and recovery)?$/,
  },
  { kinds: ['summary'], weak: false, pattern: /^(?:(?:issue|incident|executive|outage|event|problem)s? )?summar(?:y|ies)(?: of [a-z0-9 ,'-]{1,60})?$/ },
  { kinds: ['summary'], weak: false, pattern: /^(?:tl;? ?dr|resumen(?: del incidente| ejecutivo)?|resume(?: de l'incident)?|zusammenfassung)$/ },
  {
    kinds: ['summary'],
    weak: true,
    pattern:
      /^(?:(?:issue|incident|outage) )?overview$|^(?:incident|outage|issue|problem) description$|^what happened$|^(?:the )?(?:issue|problem|incident|outage)$/,
  },
  {
    kinds: ['impact'],
    weak: false,
    pattern:
      /^(?:(?:end[ -]user|user|customer|business|service|infrastructure|productivity) )?impact(?:ed [a-z ]{1,30}| statement| assessment| analysis| summary| and severity)?$|^impacto$|^affected (?:users|customers|services|systems)$|^what was the impact$/,
  },
  { kinds: ['impact'], weak: true, pattern: /^(?:the )?effects?(?: on [a-z ]{1,30})?$/ },
  {
    kinds: ['timeline'],
    weak: false,
    pattern:
      /^(?:detailed |incident |event |outage )?time ?line(?: of [a-z .,'-]{1,60})?$|^(?:chronology(?: of events)?|cronologia|chronologie|sequence of events|timeline of events)$/,
  },
  // A status page's log of updates, newest first ("Updates", "Aktualisierungen und Informationen aus dem ... Team").
  {
    kinds: ['timeline'],
    weak: true,
    pattern: /^(?:status )?updates(?: and [a-z .,'-]{1,60})?$|^aktualisierungen(?: und [a-zäöüß .,'-]{1,60})?$|^mises à jour$|^actualizaciones$/,
  },
  {
    kinds: ['rootCause'],
    weak: false,
    pattern:
      /^(?:root[ -]?causes?(?: analysis)?|rca|main cause|primary cause|underlying causes?|contributing (?:factors|conditions)(?: analysis)?|causa raiz|cause racine|ursache)$|^what (?:was|were) the (?:root )?causes?$|^what caused (?:the|this) (?:incident|outage|issue|problem|failure)$|^why (?:did )?it happen(?:ed)?$/,
  },
  { kinds: ['rootCause'], weak: true, pattern: /^(?:(?:the )?(?:five|5) whys|whys|fault|technical cause|what went wrong and why|(?:the )?vulnerability)$/ },
  {
    kinds: ['resolution'],
    weak: false,
    pattern:
      /^(?:(?:incident )?resolution(?: and recovery| steps)?|recovery(?: steps)?|mitigations? and (?:resolution|recovery)|remediation|mitigations?|the fix|solution|resolucion|steps to (?:resolution|resolve)|how (?:it|we|the (?:issue|incident|outage|problem)) (?:was )?(?:fixed|resolved)|how did we (?:fix|resolve|mitigate) (?:it|this|the (?:issue|incident|outage|problem))|how (?:was|were) (?:it|the (?:issue|incident|outage|problem)) (?:fixed|resolved))$/,
  },
  { kinds: ['resolution'], weak: true, pattern: /^(?:response|how did we respond)$/ },
  {
    kinds: ['measures'],
    weak: false,
    pattern:
      /^(?:corrective (?:and|\/) (?:preventa?tive|preventive|prevention) (?:measures|actions|steps)|corrective measures(?: and prevention)?|corrective actions|preventa?tive (?:measures|actions)|preventive (?:measures|actions)|(?:postmortem |post-mortem )?action items(?: and follow[- ]?ups)?|action plan|follow[- ]?ups?(?: actions| items| tasks)?|next steps|(?:looking|moving) forward|remediation (?:items|actions)|remediations|prevention|to[ -]?do(?: list)?|recommended mitigations?|mitigacion recomendada(?: [a-z ]{1,40})?|recommended mitigations? (?:for|in) [a-z ]{1,40})$/,
  },
  {
    kinds: ['measures'],
    weak: false,
    pattern:
      /^(?:recommendations|resulting actions?|(?:future )?improvements|(?:short|medium|long)[- ]term (?:improvements|actions|fixes|measures|remediations?|items)|what (?:are|will) we (?:doing|do) to prevent (?:it|this)(?: from happening again)?|how (?:will|can|do) we prevent (?:it|this)(?: from happening again)?)$/,
  },
  {
    kinds: ['lessonsLearned'],
    weak: false,
    pattern:
      /^(?:lessons? learn(?:ed|t)|learnings|takeaways|key takeaways|what we learned|lecciones aprendidas|lecons apprises|insights|how'?d we do|how did we do)$/,
  },
  {
    kinds: ['lessonsLearned'],
    weak: true,
    pattern:
      /^(?:what went (?:well|wrong|badly|poorly|not so well)|what didn'?t go (?:so )?well|what could have gone better|what (?:can|could) (?:be|have been) (?:improved|done better)|where (?:we got|did we get) lucky|things that went (?:well|wrong|badly|poorly))$/,
  },
];

const LEADING_MARKUP_RE = /^(?:[\s#>*_~`=•◦▪‣·\u2022\uf0a7\uf0b7-]|\d{1,3}[.)]\s|[ivx]{1,4}\.\s|[a-h][.)]\s|[^\p{L}\p{N}(])+/iu;

// Titles that name no section kind but are a report's own parts (the Google SRE book's "Trigger"
// and "Detection", Atlassian's "Leadup", an appendix): a line that is only such a title ends the
// section above it, as a heading would, and stands for no section.
const OTHER_PART_RE =
  /^(?:triggers?|detection|lead ?-?up|background|responders|messaging|supporting (?:information|documents)|appendix|appendices|open questions|references|conclusions?|participants|attendees|postmortem attendees|process breakdowns?|backlog check|recurrence|names of people involved|workarounds?)$/;

/**
 * Lower-case, accent-free title with markup, numbering and trailing punctuation gone,
 * and the parenthesised note ("(all times UTC)") split off. `head` is the title's words before the
 * note when more words follow it ("Timeline (all times PST) Saturday ..." -> "timeline"), else null.
 */
export function normalizeTitle(raw: string): { title: string; note: string | null; head: string | null } {
  // An HTML comment ("## Timeline <!-- fill in -->") is not part of the title. No title is
  // longer than this either, and the regexes below need not see a longer one.
  let title = withoutComments(raw.length > 300 ? raw.slice(0, 300) : raw).replace(LEADING_MARKUP_RE, '');
  let note: string | null = null;
  const separator = title.indexOf('(');
  const head = separator > 0 ? cleanTitle(title.slice(0, separator)) : null;
  const paren = /\(([^()]*)\)/.exec(title);
  if (paren) {
    note = paren[1].trim();
    title = title.slice(0, paren.index) + title.slice(paren.index + paren[0].length);
  }
  title = cleanTitle(title);
  return { title, note, head: head && head !== title ? head : null };
}

function cleanTitle(raw: string): string {
  let title = raw
    .replace(/[*_`~]+/g, '')
    .replace(/\s#+\s*$/, '')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[\u2018\u2019]/g, "'")
    .replace(/&/g, 'and')
    .replace(/\s+/g, ' ');
  title = trimEndOf(title, ' :.;,!?-\u2013\u2014').trim();
  // A trailing emoji or symbol ("Timeline 🕐", "The Impact: 💥") is decoration.
  while (title.length > 0 && !/[\p{L}\p{N})]/u.test(title[title.length - 1])) title = trimEndOf(title.slice(0, -1), ' :.;,!?-\u2013\u2014').trimEnd();
  return title;
}

/** The kind a title's own wording names, as the patterns above say (the grammar mirrors these). */
export function classifyTitle(normalized: string): TitleClass | null {
  if (normalized.length === 0 || normalized.length > 80) return null;
  for (const entry of PATTERNS) {
    if (entry.pattern.test(normalized)) return { kinds: entry.kinds, weak: entry.weak };
  }
  return null;
}

// "The Impact", "Our lessons learned"; "Details of the fix", "Vulnerability details"; an assignment's
// prompt left in the title ("Timeline must contain").
const ARTICLE_RE = /^(?:the|our) /;
const DETAILS_RE = /^(?:details (?:of|on|about)|more on) (?:the )?| details$/g;
const PROMPT_TAIL_RE = / (?:must|should|will|to) (?:contain|include|cover|answer|describe)$/;
// Parts of a combined title: "Prevention & Next Steps", "Schedule or Timeline", "Aktualisierungen und ...".
const JOIN_RE = /\s*(?:,|\/|\+)\s*|\s(?:and|und|et|y|or|oder|ou)\s/;

/** A title's kind, the wording trimmed of what does not name it (an article, "details of"). */
function classifyWording(title: string): TitleClass | null {
  const bare = title.replace(ARTICLE_RE, '');
  const detail = bare.replace(DETAILS_RE, '');
  for (const candidate of detail === bare ? [title, bare] : [title, bare, `the ${detail}`, detail]) {
    const cls = classifyTitle(candidate);
    if (cls) return cls;
  }
  return null;
}

/**
 * The kind a section title names, however it is worded. A title joined from parts ("Lessons
 * Learned and Future Improvements") names every kind its parts name; only a Markdown heading
 * (`heading`) may join a known part to an unknown one ("Impact & Metrics"), and then names it
 * weakly. `head` (from `normalizeTitle`) is tried for a heading whose title runs on.
 */
export function classifySectionTitle(normalized: string, heading: boolean, head: string | null = null): TitleClass | null {
  if (normalized.length === 0 || normalized.length > 120) return null;
  const title = normalized.replace(PROMPT_TAIL_RE, '');
  const whole = classifyWording(title);
  if (whole) return whole;
  const parts = title
    .split(JOIN_RE)
    .map((part) => part.trim())
    .filter((part) => part.length > 0);
  if (parts.length >= 2 && parts.length <= 4) {
    const kinds: SectionKind[] = [];
    let known = 0;
    let weak = false;
    for (const part of parts) {
      const cls = classifyWording(part);
      if (cls) {
        for (const kind of cls.kinds) if (!kinds.includes(kind)) kinds.push(kind);
        weak ||= cls.weak;
        known++;
      } else if (isOtherPartTitle(part)) known++;
      else weak = true;
    }
    if (kinds.length > 0 && (known === parts.length || heading)) return { kinds: SECTION_KINDS.filter((kind) => kinds.includes(kind)), weak };
  }
  if (heading && head) return classifySectionTitle(head, false);
  return classifyMisspelt(title);
}

// Titles as people write them, for recognising one typed in a hurry ("Moving Foward", "Root Casue").
const COMMON_TITLES = [
  'issue summary',
  'incident summary',
  'executive summary',
  'timeline',
  'incident timeline',
  'chronology',
  'root cause',
  'root causes',
  'root cause analysis',
  'contributing factors',
  'resolution',
  'mitigation',
  'remediation',
  'recovery',
  'corrective actions',
  'corrective measures',
  'corrective and preventative measures',
  'preventive measures',
  'preventative measures',
  'action items',
  'next steps',
  'moving forward',
  'looking forward',
  'follow-ups',
  'recommendations',
  'lessons learned',
  'lessons learnt',
  'what went well',
  'what went wrong',
];
const MISSPELT_MIN_LENGTH = 8;

/**
 * A title one slip away from a common one (a letter left out, added, changed, or two swapped),
 * named weakly. A plural is no slip: "Resolutions" is not a misspelt "Resolution" (see the rule page).
 */
function classifyMisspelt(title: string): TitleClass | null {
  if (title.length < MISSPELT_MIN_LENGTH) return null;
  for (const common of COMMON_TITLES) {
    if (Math.abs(common.length - title.length) > 1 || !oneSlipApart(title, common)) continue;
    if (title === `${common}s` || `${title}s` === common) continue;
    const cls = classifyTitle(common);
    if (cls) return { kinds: cls.kinds, weak: true };
  }
  return null;
}

/** Whether two different strings are one insertion, deletion, substitution or swap of neighbours apart. */
function oneSlipApart(a: string, b: string): boolean {
  if (a === b) return false;
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
  }
  const restA = a.slice(start, endA);
  const restB = b.slice(start, endB);
  if (restA.length + restB.length === 1) return true;
  if (restA.length === 1 && restB.length === 1) return true;
  return restA.length === 2 && restB.length === 2 && restA[0] === restB[1] && restA[1] === restB[0];
}

/** A title that names one of a report's other parts ("Trigger", "Detection", "Appendix"). */
export function isOtherPartTitle(normalized: string): boolean {
  return OTHER_PART_RE.test(normalized.replace(ARTICLE_RE, ''));
}

/** For a heading only: a question about who was affected is an impact section. */
export function classifyHeadingTitle(normalized: string, head: string | null = null): TitleClass | null {
  return classifySectionTitle(normalized, true, head) ?? (/\baffected\??$/.test(normalized) ? { kinds: ['impact'], weak: true } : null);
}
