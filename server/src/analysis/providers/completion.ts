/**
 * Completion: the sections the report lacks at a line start (in canonical order), a timezone
 * after a time, a new timeline entry and one stamped now in the report's own format, an action
 * item. Typing `pm-` at a line start offers all of them, wherever the cursor is.
 *
 * It reads the live text around the cursor (the cursor's line, in slices: the server's text is
 * in pieces, and joining a megabyte on every keystroke is what completion must not wait for) and
 * the last model built, which may be a few keystrokes old: completion never waits for an analysis.
 */
import type { PostmortemModel } from '../model';
import type { TextSource } from '../text';
import { ACTION_ITEM_BODY, CANONICAL_ORDER, SECTION_PREFIXES, sectionLevel, sectionSnippet, snippetToText, ZONE_CHOICES } from '../templates';
import { zonesWrittenInTimeline } from '../query';
import { CANONICAL_TITLES, type SectionKind } from '../titles';
import { entryFormat, entryLine, stampNow } from './entryFormat';
import { SECTION_GUIDANCE } from './hover';

export type CompletionKind = 'section' | 'zone' | 'entry' | 'action';

export interface CompletionEntry {
  label: string;
  kind: CompletionKind;
  detail: string;
  documentation?: string;
  insertText: string;
  isSnippet: boolean;
  /** The text this item replaces: [replaceStart, replaceEnd). */
  replaceStart: number;
  replaceEnd: number;
  sortText: string;
  filterText: string;
}

export interface CompletionRequest {
  /** The live text: a string, or the server's document read in slices. */
  text: TextSource;
  offset: number;
  /** The 0-based line `offset` is on, in `text`. */
  line: number;
  /** The last model built; null before the first analysis. */
  model: PostmortemModel | null;
  /** Whether the client accepts snippet syntax. */
  snippets: boolean;
  /** The current time, for "Timeline entry now"; without it that item is not offered. */
  now?: Date;
}

const AFTER_TIME_RE = /\d{1,2}:\d{2}(?::\d{2})?(?:\s?[AaPp]\.?[Mm]\.?)?\s([A-Za-z]{0,4})$/;
const HEADING_PREFIX_RE = /^(\s{0,3})(#{0,6})(\s*)([\p{L} ]{0,40})$/u;
const ITEM_PREFIX_RE = /^(\s*)(?:[-*+]\s*|\d{1,3}[.)]\s*)?$/;
/** "pm-", "pm-now", "- pm-root" typed at a line start (a bullet before it is replaced too). */
const PM_PREFIX_RE = /^(\s{0,3})((?:[-*+] +|\d{1,3}[.)] +)?)pm(?:-[a-z-]*)?$/;
/** What the items that are not sections answer to after "pm-". */
export const ENTRY_PREFIX = 'pm-entry';
export const ENTRY_NOW_PREFIX = 'pm-now';
export const ACTION_PREFIX = 'pm-action';

export function completionsAt(request: CompletionRequest): CompletionEntry[] {
  const { text, offset } = request;
  const lineStart = lineStartBefore(text, offset);
  const prefix = text.slice(lineStart, offset);
  const zoneMatch = AFTER_TIME_RE.exec(prefix);
  if (zoneMatch) return zoneItems(request, offset - zoneMatch[1].length);
  const items: CompletionEntry[] = [];
  const pm = PM_PREFIX_RE.exec(prefix);
  if (pm) {
    const start = lineStart + pm[1].length;
    items.push(...entryItems(request, start, pm[2]), actionItem(request, start, pm[2]), ...sectionItems(request, start, '', pm[2]));
    return items;
  }
  const kind = sectionAt(request.model, request.line);
  const itemPrefix = ITEM_PREFIX_RE.exec(prefix);
  if (itemPrefix && kind === 'timeline') items.push(...entryItems(request, lineStart + itemPrefix[1].length, null));
  if (itemPrefix && kind === 'measures') items.push(actionItem(request, lineStart + itemPrefix[1].length, null));
  const heading = HEADING_PREFIX_RE.exec(prefix);
  if (heading && !(itemPrefix && /[-*+\d]/.test(prefix))) items.push(...sectionItems(request, lineStart + heading[1].length, heading[2], null));
  return items;
}

/** Where the line holding `offset` starts: the text is read backwards from `offset`, a slice at a time. */
function lineStartBefore(text: TextSource, offset: number): number {
  let end = offset;
  while (end > 0) {
    const from = Math.max(0, end - LINE_START_SLICE);
    const slice = text.slice(from, end);
    const at = Math.max(slice.lastIndexOf('\n'), slice.lastIndexOf('\r'));
    if (at >= 0) return from + at + 1;
    end = from;
  }
  return 0;
}

/** How much text `lineStartBefore` reads at a time: most lines are shorter. */
const LINE_START_SLICE = 256;

/** The section kind holding `line`, read from the (possibly older) model. */
function sectionAt(model: PostmortemModel | null, line: number): SectionKind | null {
  if (!model) return null;
  let found: SectionKind | null = null;
  let foundLine = -1;
  for (const section of Object.values(model.outline.sections)) {
    if (section && section.line < line && line <= section.endLine + 1 && section.line > foundLine) {
      found = section.kind === 'rootCause' && section.kinds.includes('resolution') ? 'rootCause' : section.kind;
      foundLine = section.line;
    }
  }
  return found;
}

function finish(request: CompletionRequest, snippet: string): { insertText: string; isSnippet: boolean } {
  return request.snippets ? { insertText: snippet, isSnippet: true } : { insertText: snippetToText(snippet), isSnippet: false };
}

/**
 * The sections the report does not have yet, in canonical order: one it has is not offered again.
 * `pmLead` is what was typed before "pm" (a bullet, or ""), when "pm..." was typed: items then
 * answer to their "pm-" prefix. Null otherwise.
 */
function sectionItems(request: CompletionRequest, replaceStart: number, hashes: string, pmLead: string | null): CompletionEntry[] {
  const { model } = request;
  const present = new Set(model ? Object.values(model.outline.sections).flatMap((section) => section?.kinds ?? []) : []);
  const level = hashes.length > 0 ? hashes.length : model ? sectionLevel(model) : 2;
  return CANONICAL_ORDER.filter((kind) => !present.has(kind)).map((kind, position) => ({
    label: CANONICAL_TITLES[kind],
    kind: 'section' as const,
    detail: `Missing section: insert with a template (${SECTION_PREFIXES[kind]})`,
    documentation: SECTION_GUIDANCE[kind],
    ...finish(request, sectionSnippet(kind, level)),
    replaceStart,
    replaceEnd: request.offset,
    sortText: `1${position}`,
    filterText:
      pmLead !== null ? `${pmLead}${SECTION_PREFIXES[kind]}` : `${hashes.length > 0 ? `${hashes} ` : ''}${CANONICAL_TITLES[kind]} ${SECTION_PREFIXES[kind]}`,
  }));
}

function zoneItems(request: CompletionRequest, replaceStart: number): CompletionEntry[] {
  const { model } = request;
  const documentZones = model ? zonesOf(model) : [];
  const zones = [...new Set([...documentZones, ...ZONE_CHOICES])];
  return zones.map((zone, position) => ({
    label: zone,
    kind: 'zone' as const,
    detail: position < documentZones.length ? "This report's timezone" : 'Timezone',
    insertText: zone,
    isSnippet: false,
    replaceStart,
    replaceEnd: request.offset,
    sortText: String(position).padStart(3, '0'),
    filterText: zone,
  }));
}

/** The zones a report writes, each once, in order: read once per model (a timeline can have thousands of entries). */
const ZONES_OF = new WeakMap<PostmortemModel, string[]>();

function zonesOf(model: PostmortemModel): string[] {
  let zones = ZONES_OF.get(model);
  if (!zones) {
    const written = new Set<string | undefined>([model.timeline.zone?.text, model.window.zone?.text]);
    for (const zone of zonesWrittenInTimeline(model)) written.add(zone);
    zones = [...written].filter((zone): zone is string => typeof zone === 'string' && zone.length <= 12);
    ZONES_OF.set(model, zones);
  }
  return zones;
}

/**
 * A new timeline entry (its time to fill in) and, when the request knows the time, one stamped
 * now: both written as the report writes its entries, in its zone, as Insert Timeline Entry Now does.
 */
function entryItems(request: CompletionRequest, replaceStart: number, pmLead: string | null): CompletionEntry[] {
  const format = entryFormat(request.model);
  const typed = request.text.slice(replaceStart, request.offset);
  const item = (label: string, detail: string, prefix: string, time: string, sortText: string): CompletionEntry => ({
    label,
    kind: 'entry',
    detail,
    ...finish(request, `${entryLine(format, time, '', '${3:<describe what happened>}')}$0`),
    replaceStart,
    replaceEnd: request.offset,
    sortText,
    filterText: pmLead !== null ? `${pmLead}${prefix}` : typed || prefix,
  });
  const zone = (text: string): string => (text ? ` \${2:${text}}` : '');
  // A report that states no zone anywhere gets one to fill in, not a guess.
  const zoneToFill = format.zone ? format.zoneText : '<enter the timezone>';
  const items = [
    item(
      'New timeline entry',
      `A timeline entry in this report's format (${ENTRY_PREFIX})`,
      ENTRY_PREFIX,
      `\${1:${format.clock === '12h' ? 'HH:MM AM' : 'HH:MM'}}${zone(zoneToFill)}`,
      '01',
    ),
  ];
  if (request.now) {
    const stamp = stampNow(format, request.now);
    const date = stamp.date ? `${stamp.date} ` : '';
    items.unshift(
      item(
        'Timeline entry now',
        `A timeline entry stamped ${date}${stamp.time}${stamp.zoneText ? ` ${stamp.zoneText}` : ''} (${ENTRY_NOW_PREFIX})`,
        ENTRY_NOW_PREFIX,
        `\${1:${date}${stamp.time}}${zone(stamp.zoneText)}`,
        '00',
      ),
    );
  }
  return items;
}

function actionItem(request: CompletionRequest, replaceStart: number, pmLead: string | null): CompletionEntry {
  const typed = request.text.slice(replaceStart, request.offset);
  return {
    label: 'New action item',
    kind: 'action',
    detail: `A task with an owner and a due date (${ACTION_PREFIX})`,
    ...finish(request, `${ACTION_ITEM_BODY}$0`),
    replaceStart,
    replaceEnd: request.offset,
    sortText: '02',
    filterText: pmLead !== null ? `${pmLead}${ACTION_PREFIX}` : typed || ACTION_PREFIX,
  };
}
