/**
 * What a timeline entry says happened, as a reviewer would read it: lead-up, impact, response,
 * recovery or follow-up. The window rule uses it to tell an entry that contradicts the stated
 * window from the lead-up and follow-up that a report rightly writes outside it. Each field holds
 * the words that matched (the evidence a diagnostic's `data` reports), or null.
 *
 * Status pages are written in many languages; the few words for "down" and "working again" of the
 * languages seen on public status pages (German, French, Spanish) are read beside the English.
 */
import type { TextSource } from './text';
import type { TimeMention } from './time';
import type { TimelineEntry } from './timeline';

export interface EntryEvidence {
  leadUp: string | null;
  impact: string | null;
  /** Detection or declaration: the incident was already under way. */
  detection: string | null;
  /** Mitigation: someone acted on the incident (a rollback, a restart, a failover). */
  mitigation: string | null;
  recovery: string | null;
  followUp: string | null;
  /** A status-page update label ("Update", "Initial announcement"): a report to users about the incident. */
  statusUpdate: string | null;
}

const LEAD_UP_RE =
  /\b(?:deploy(?:s|ed|ing|ment)?|push(?:es|ed)?|merge[sd]?|merging|release[sd]?|roll(?:s|ed|ing)? ?out|rollout|commit(?:s|ted)?|config(?:uration)? (?:change|update|push)|upgrade[sd]?|migrat\w*|maintenance|scheduled|cron|pull request|running normally|healthy)\b/i;
const IMPACT_RE =
  /\b(?:outage|down(?:time)?|unavailable|unreachable|inaccessible|errors?|5\d\d|latency|time-?outs?|degraded|degradation|broken|crash(?:ed|es|ing)?|not (?:available|working|responding|accessible|loading)|problems?|impact(?:ed)?|affected|failing|nicht (?:verfügbar|erreichbar|möglich)|störung|panne|indisponible|ca[íi]da|no disponible)\b/i;
const DETECTION_RE =
  /\b(?:alert(?:s|ed|ing)?|pag(?:e[sd]?|ing)|pagerduty|on-?call|detect(?:s|ed|ion)?|notic(?:e[sd]?|ing)|investigat\w*|escalat\w*|triag\w*|fail(?:s|ed|ure|ing)?|incident (?:declared|opened|created|started)|outage (?:begins|began|starts|started)|(?:users?|customers?|clients?) (?:report\w*|complain\w*))\b/i;
const MITIGATION_RE =
  /\b(?:roll(?:s|ed|ing)?[ -]?back|rollback|revert(?:s|ed|ing)?|mitigat\w*|restart(?:s|ed|ing)?|fail(?:s|ed|ing)? ?over|failover|hot-?fix(?:es|ed)?)\b/i;
const RECOVERY_RE =
  /\b(?:resolved|recover(?:s|ed|y)|back (?:up|online|to normal)|working (?:again|normally)|fully operational|all clear|outage ends|incident ends|(?:service|services|site|access|connectivity|traffic) (?:(?:is|was|were|are|has been|have been) )?restored|restored (?:service|access|connectivity)|funktioniert wieder|wieder (?:verfügbar|erreichbar|online)|behoben|rétabli[es]?|résolu[es]?|resuelto|restablecid[oa]s?)\b/i;
const FOLLOW_UP_RE =
  /\b(?:clean(?:ed|ing|s)?[ -]?up|post-?mortem|retro(?:spective)?|review(?:ed|ing)?|backfill\w*|message[sd]?|e-?mail(?:s|ed)?|communicat\w*|notif(?:y|ied|ication)|(?:incident|ticket|issue) (?:is |was )?closed|clos(?:e[sd]?|ing) (?:the )?(?:incident|ticket|issue)|ticket|document(?:ed|ation)?|write-?up|blog|apolog\w*|follow[ -]?ups?|data (?:was |were )?restored|restored (?:from )?(?:a )?backups?)\b/i;
const STATUS_UPDATE_RE = /^(?:status\s+)?(?:update|initial announcement|announcement|investigating|identified)\b/i;

/** How far the reading goes past the entry's own line when that line says little (a heading or a bold label over a paragraph). */
const FOLLOWING_LINES = 2;
const MIN_WORDS = 3;
/** A line that starts something else: a heading, a list item, a table row or a time. */
const ANOTHER_ENTRY_RE = /^\s*(?:#|[-*+\u2022]\s|\d+[.)]\s|\||[*_`[]*\d{1,2}[:.h]\d{2})/;

/**
 * The evidence in a placed entry (its offsets the document's): its line, and when the
 * line carries fewer than three words after the time, the next lines (a status update's heading
 * over its paragraph).
 */
export function entryEvidence(text: TextSource, entry: TimelineEntry & { time: TimeMention }): EntryEvidence {
  const at = entry.time.start;
  const line = entryLineAt(text, at);
  const reading = lineReading(line, entry.time.raw.length);
  return evidenceIn(reading.enough ? reading.words : withFollowingLines(reading.words, text.slice(at, Math.min(text.length, at + READ_AFTER))));
}

/**
 * The evidence an entry's own line gives (see `entryLineAt`), or null when the line says too
 * little and the lines after it are read too: then only `entryEvidence` can tell, from the text.
 */
export function lineEvidence(line: EntryLine, timeLength: number): EntryEvidence | null {
  const reading = lineReading(line, timeLength);
  return reading.enough ? evidenceIn(reading.words) : null;
}

/** The line of a time, around it: what is before it on its line and what follows it, each bounded. */
export interface EntryLine {
  before: string;
  from: string;
}

/** How far the reading goes before and after the time: never the whole text. */
const READ_BEFORE = 200;
const READ_AFTER = 600;

/**
 * The line of the time at `at` in `text`, a bounded slice either side: the same for a placed
 * entry in the document and for the entry of a piece in its chunk (a chunk holds whole lines).
 */
export function entryLineAt(text: Pick<TextSource, 'slice' | 'length'>, at: number): EntryLine {
  const before = text.slice(Math.max(0, at - READ_BEFORE), at);
  const lineStart = Math.max(before.lastIndexOf('\n'), before.lastIndexOf('\r')) + 1;
  const after = text.slice(at, Math.min(text.length, at + READ_AFTER));
  return { before: before.slice(lineStart), from: /^[^\r\n]*/.exec(after)?.[0] ?? '' };
}

function evidenceIn(words: string): EntryEvidence {
  const label = words.replace(/^[\s#>*_|`[\]-]+/, '');
  return {
    leadUp: matched(LEAD_UP_RE, words),
    impact: matched(IMPACT_RE, words),
    detection: matched(DETECTION_RE, words),
    mitigation: matched(MITIGATION_RE, words),
    recovery: matched(RECOVERY_RE, words),
    followUp: matched(FOLLOW_UP_RE, words),
    statusUpdate: matched(STATUS_UPDATE_RE, label),
  };
}

function matched(pattern: RegExp, text: string): string | null {
  const match = pattern.exec(text);
  return match ? match[0] : null;
}

/** The entry's line without markup; `enough` when it carries enough words after the time to be read alone. */
function lineReading({ before, from }: EntryLine, timeLength: number): { words: string; enough: boolean } {
  const rest = from.slice(timeLength);
  return { words: plain(`${before} ${rest}`), enough: wordCount(plain(rest)) >= MIN_WORDS };
}

/** The reading with the next lines (`after`: the text from the time on, bounded) that continue the entry. */
function withFollowingLines(reading: string, after: string): string {
  const lines = after.split(/\r\n|\r|\n/);
  for (let i = 1, taken = 0; i < lines.length && taken < FOLLOWING_LINES; i++) {
    const line = plain(lines[i]);
    if (line === '') continue;
    if (ANOTHER_ENTRY_RE.test(lines[i])) break;
    reading += ` ${line}`;
    taken++;
  }
  return reading;
}

function plain(line: string): string {
  return line
    .replace(/<[^<>]{0,80}>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

function wordCount(text: string): number {
  return text.split(/\s+/).filter((word) => /[\p{L}]/u.test(word)).length;
}
