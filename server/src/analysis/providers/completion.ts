/**
 * Completion: section headings at a line start (missing sections first, in canonical order),
 * a timezone after a time, a new timeline entry in the report's own format, an action item.
 *
 * It reads the live text around the cursor (the cursor's line, in slices: the server's text is
 * in pieces, and joining a megabyte on every keystroke is what completion must not wait for) and
 * the last model built, which may be a few keystrokes old: completion never waits for an analysis.
 */
import type { PostmortemModel } from '../model';
import type { TextSource } from '../text';
import { CANONICAL_ORDER, sectionLevel, sectionSnippet, snippetToText, ZONE_CHOICES } from '../templates';
import { lastTimedEntry, type TimelinePiece } from '../timeline';
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
  /** The live text: a string, or the server's document read in slices. */
  text: TextSource;
  offset: number;
  /** The 0-based line `offset` is on, in `text`. */
  line: number;
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
  const lineStart = lineStartBefore(text, offset);
  const prefix = text.slice(lineStart, offset);
  const zoneMatch = AFTER_TIME_RE.exec(prefix);
  if (zoneMatch) return zoneItems(request, offset - zoneMatch[1].length);
  const items: CompletionEntry[] = [];
  const kind = sectionAt(request.model, request.line);
  const itemPrefix = ITEM_PREFIX_RE.exec(prefix);
  if (itemPrefix && kind === 'timeline') items.push(entryItem(request, lineStart + itemPrefix[1].length));
  if (itemPrefix && kind === 'measures') items.push(actionItem(request, lineStart + itemPrefix[1].length));
  const heading = HEADING_PREFIX_RE.exec(prefix);
  if (heading && !(itemPrefix && /[-*+\d]/.test(prefix))) items.push(...sectionItems(request, lineStart + heading[1].length, heading[2]));
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
    for (const block of model.timeline.pieces.valueBlocks()) for (const zone of zonesWrittenIn(block)) written.add(zone);
    zones = [...written].filter((zone): zone is string => typeof zone === 'string' && zone.length <= 12);
    ZONES_OF.set(model, zones);
  }
  return zones;
}

/**
 * The zones the entries of a block of timeline pieces write, each once, in order. Kept per block
 * (see `BlockList.valueBlocks`): after an edit only the block it touched is read again, so a
 * new analysis of a timeline of thousands of entries costs completion one block.
 */
const BLOCK_ZONES = new WeakMap<readonly (TimelinePiece | null)[], readonly string[]>();

function zonesWrittenIn(block: readonly (TimelinePiece | null)[]): readonly string[] {
  let zones = BLOCK_ZONES.get(block);
  if (!zones) {
    const found = new Set<string>();
    for (const piece of block) if (piece) for (const entry of piece.entries) if (entry.writtenZone) found.add(entry.writtenZone.text);
    zones = [...found];
    BLOCK_ZONES.set(block, zones);
  }
  return zones;
}

function entryItem(request: CompletionRequest, replaceStart: number): CompletionEntry {
  const format = entryFormat(request.model);
  const last = request.model ? lastTimedEntry(request.model.timeline) : undefined;
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
