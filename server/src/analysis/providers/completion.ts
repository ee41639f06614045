/**
 * Completion: section headings at a line start (missing sections first, in canonical order),
 * a timezone after a time, a new timeline entry in the report's own format, an action item.
 *
 * It reads the live text around the cursor and the last model built, which may be a few
 * keystrokes old: completion never waits for an analysis.
 */
import type { PostmortemModel } from '../model';
import { CANONICAL_ORDER, sectionLevel, sectionSnippet, snippetToText, ZONE_CHOICES } from '../templates';
import { timedEntries } from '../timeline';
import { CANONICAL_TITLES, type SectionKind } from '../titles';
import { entryFormat, entryLine, formatClock } from './entryFormat';
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
  text: string;
  offset: number;
  /** The last model built; null before the first analysis. */
  model: PostmortemModel | null;
  /** Whether the client accepts snippet syntax. */
  snippets: boolean;
}

const AFTER_TIME_RE = /\d{1,2}:\d{2}(?::\d{2})?(?:\s?[AaPp]\.?[Mm]\.?)?\s([A-Za-z]{0,4})$/;
const HEADING_PREFIX_RE = /^(\s{0,3})(#{0,6})(\s*)([\p{L} ]{0,40})$/u;
const ITEM_PREFIX_RE = /^(\s*)(?:[-*+]\s*|\d{1,3}[.)]\s*)?$/;

export function completionsAt(request: CompletionRequest): CompletionEntry[] {
  const { text, offset } = request;
  // lastIndexOf with -1 still looks at index 0: a document starting with a line break would put the line after the cursor.
  const lineStart = offset === 0 ? 0 : text.lastIndexOf('\n', offset - 1) + 1;
  const prefix = text.slice(lineStart, offset);
  const zoneMatch = AFTER_TIME_RE.exec(prefix);
  if (zoneMatch) return zoneItems(request, offset - zoneMatch[1].length);
  const items: CompletionEntry[] = [];
  const kind = sectionAt(request, lineStart);
  const itemPrefix = ITEM_PREFIX_RE.exec(prefix);
  if (itemPrefix && kind === 'timeline') items.push(entryItem(request, lineStart + itemPrefix[1].length));
  if (itemPrefix && kind === 'measures') items.push(actionItem(request, lineStart + itemPrefix[1].length));
  const heading = HEADING_PREFIX_RE.exec(prefix);
  if (heading && !(itemPrefix && /[-*+\d]/.test(prefix))) items.push(...sectionItems(request, lineStart + heading[1].length, heading[2]));
  return items;
}

/** The section kind holding the line that starts at `lineStart`, read from the (possibly older) model. */
function sectionAt(request: CompletionRequest, lineStart: number): SectionKind | null {
  const { model, text } = request;
  if (!model) return null;
  let line = 0;
  for (let at = text.indexOf('\n'); at !== -1 && at < lineStart; at = text.indexOf('\n', at + 1)) line++;
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

function sectionItems(request: CompletionRequest, replaceStart: number, hashes: string): CompletionEntry[] {
  const { model } = request;
  const present = new Set(model ? Object.keys(model.outline.sections) : []);
  const level = hashes.length > 0 ? hashes.length : model ? sectionLevel(model) : 2;
  return CANONICAL_ORDER.map((kind, position) => {
    const missing = !present.has(kind);
    return {
      label: CANONICAL_TITLES[kind],
      kind: 'section' as const,
      detail: missing ? 'Missing section: insert with a template' : 'Section (already in this report)',
      documentation: SECTION_GUIDANCE[kind],
      ...finish(request, sectionSnippet(kind, level)),
      replaceStart,
      replaceEnd: request.offset,
      sortText: `${missing ? 0 : 1}${position}`,
      filterText: hashes.length > 0 ? `${hashes} ${CANONICAL_TITLES[kind]}` : CANONICAL_TITLES[kind],
    };
  });
}

function zoneItems(request: CompletionRequest, replaceStart: number): CompletionEntry[] {
  const { model } = request;
  const documentZones = [model?.timeline.zone?.text, model?.window.zone?.text, ...(model?.timeline.entries.map((entry) => entry.writtenZone?.text) ?? [])]
    .filter((zone): zone is string => typeof zone === 'string' && zone.length <= 12);
  const zones = [...new Set([...documentZones, ...ZONE_CHOICES])];
  return zones.map((zone, position) => ({
    label: zone,
    kind: 'zone' as const,
    detail: position < new Set(documentZones).size ? "This report's timezone" : 'Timezone',
    insertText: zone,
    isSnippet: false,
    replaceStart,
    replaceEnd: request.offset,
    sortText: String(position).padStart(3, '0'),
    filterText: zone,
  }));
}

function entryItem(request: CompletionRequest, replaceStart: number): CompletionEntry {
  const format = entryFormat(request.model);
  const last = request.model ? timedEntries(request.model.timeline.entries).at(-1) : undefined;
  const timeText = last ? formatClock(last.time!.minutes!, format.clock) : '10:15';
  const time = format.zoneText ? `\${1:${timeText}} \${2:${format.zoneText}}` : `\${1:${timeText}}`;
  return {
    label: 'New timeline entry',
    kind: 'entry',
    detail: 'A timeline entry in this report\'s format',
    ...finish(request, `${entryLine(format, time, '', '${3:<describe what happened>}')}$0`),
    replaceStart,
    replaceEnd: request.offset,
    sortText: '00',
    filterText: request.text.slice(replaceStart, request.offset) || 'entry',
  };
}

function actionItem(request: CompletionRequest, replaceStart: number): CompletionEntry {
  return {
    label: 'New action item',
    kind: 'action',
    detail: 'A task with an owner and a due date',
    ...finish(request, '- [ ] ${1:<describe the action>} (owner: @${2:name}, due ${3:YYYY-MM-DD})$0'),
    replaceStart,
    replaceEnd: request.offset,
    sortText: '00',
    filterText: request.text.slice(replaceStart, request.offset) || 'action',
  };
}
