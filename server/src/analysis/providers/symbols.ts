/**
 * The outline: headings nested by rank, timeline entries under the Timeline section,
 * action items under the measures section. Offsets only; the server makes LSP symbols.
 *
 * Names are the text a reader sees (no `**`, backticks or link targets), times as the report writes
 * them, and a heading's detail names the section it was read as only when its title does not already
 * say so. Beside an editor's own Markdown outline (`markdownOutline`), Markdown headings are left to
 * it: only what it cannot see is listed (bold, label and ALL-CAPS headings, and the entries and
 * action items, each under one "Timeline entries" or "Action items" symbol), so nothing shows twice.
 */
import type { ActionItem } from '../actions';
import { actionsSteps, type PostmortemModel } from '../model';
import type { HeadingNode } from '../outline';
import { defineEntryQuery, entriesWhereSteps, finish, type EntryFacts, type PlacedEntry } from '../query';
import { CANONICAL_TITLES } from '../titles';

export type OutlineSymbolKind = 'section' | 'heading' | 'entry' | 'action' | 'group';

export interface OutlineSymbol {
  name: string;
  detail: string;
  kind: OutlineSymbolKind;
  /** The whole extent. */
  start: number;
  end: number;
  /** What to select when the symbol is picked (the title or the time). */
  selectionStart: number;
  selectionEnd: number;
  children: OutlineSymbol[];
}

export interface SymbolOptions {
  /**
   * The editor lists the Markdown headings itself (VS Code's Markdown outline, marksman): leave ATX and
   * setext headings out, and group entries and action items under their own symbols instead.
   */
  markdownOutline?: boolean;
}

const NAME_LIMIT = 80;

/** Inline Markdown as a reader sees it: "**Add** a [canary](x) `now`" is "Add a canary now". */
export function plainText(text: string, limit = NAME_LIMIT): string {
  const plain = text
    .replace(/!?\[([^\]\n]*)\]\([^)\n]*\)/g, '$1')
    .replace(/(\*\*|__|~~)(?=\S)([^\n]*?\S)\1/g, '$2')
    .replace(/(^|[^\w*])[*_](?=\S)([^*_\n]*?\S)[*_](?!\w)/g, '$1$2')
    .replace(/`+([^`\n]*)`+/g, '$1')
    // What is left over from markup cut at the entry's edges ("**Restored" in a table cell).
    .replace(/\*\*|__|\s\|\s*$/g, '')
    .replace(/\s+/g, ' ')
    .trim();
  return plain.length > limit ? `${plain.slice(0, limit - 1)}…` : plain;
}

function fold(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/** What the checker reads the heading as, unless the title already says it ("Issue Summary", not "Issue Summary Issue Summary"). */
function headingDetail(node: HeadingNode, name: string): string {
  const titles = node.kinds.map((kind) => CANONICAL_TITLES[kind]);
  const folded = fold(name);
  return titles.every((title) => folded.startsWith(fold(title))) ? '' : titles.join(' + ');
}

export function documentSymbols(model: PostmortemModel, options: SymbolOptions = {}): OutlineSymbol[] {
  return finish(documentSymbolsSteps(model, options));
}

/** The entries the outline lists: every one with a time, readable or not ("25:10" is listed as written). */
const WITH_TIME = defineEntryQuery({ name: 'symbols:with-time', matches: (entry: EntryFacts) => entry.time !== null });

/**
 * `documentSymbols` in steps: on a large report the entries are placed and the action items read a
 * few hundred at a step (the server runs it in slices, so other documents are served meanwhile).
 */
export function* documentSymbolsSteps(model: PostmortemModel, options: SymbolOptions = {}): Generator<void, OutlineSymbol[]> {
  const { doc, outline } = model;
  const { index } = doc;
  const headings = outline.headings;
  // Only what a heading below asks for: the entries under the Timeline, the items under the measures.
  const entries = outline.sections.timeline ? entrySymbols(model, yield* entriesWhereSteps(model, WITH_TIME, null)) : [];
  const actions = outline.sections.measures ? actionSymbols(model, yield* actionsSteps(model)) : [];
  const roots: OutlineSymbol[] = [];
  const stack: Array<{ node: HeadingNode; symbol: OutlineSymbol }> = [];
  const leftToMarkdown = (node: HeadingNode): boolean => options.markdownOutline === true && (node.style === 'atx' || node.style === 'setext');

  for (let i = 0; i < headings.length; i++) {
    const node = headings[i];
    while (stack.length > 0 && stack[stack.length - 1].node.rank >= node.rank) stack.pop();
    const parent = stack.length > 0 ? stack[stack.length - 1].symbol.children : roots;
    const isTimeline = outline.sections.timeline?.line === node.line;
    const isMeasures = outline.sections.measures?.line === node.line;
    if (leftToMarkdown(node)) {
      // The editor's outline has this heading: only what it lacks, under a name of its own.
      if (isTimeline) pushGroup(parent, 'Timeline entries', entries);
      if (isMeasures) pushGroup(parent, 'Action items', actions);
      continue;
    }
    const name = plainText(node.title) || '(untitled)';
    const symbol: OutlineSymbol = {
      name,
      detail: headingDetail(node, name),
      kind: node.kinds.length > 0 ? 'section' : 'heading',
      start: index.start(node.line),
      end: headingEnd(headings, i, model),
      selectionStart: node.titleStart,
      selectionEnd: Math.max(node.titleStart, node.titleEnd),
      children: [],
    };
    parent.push(symbol);
    stack.push({ node, symbol });
    if (isTimeline) symbol.children.push(...entries);
    if (isMeasures) symbol.children.push(...actions);
  }
  return roots;
}

function pushGroup(parent: OutlineSymbol[], name: string, children: OutlineSymbol[]): void {
  if (children.length === 0) return;
  const first = children[0];
  const last = children[children.length - 1];
  parent.push({
    name,
    detail:
      name === 'Timeline entries'
        ? `${children.length}, ${first.name} to ${last.name}`
        : `${children.filter((child) => child.detail.startsWith('open')).length} open of ${children.length}`,
    kind: 'group',
    start: first.start,
    end: last.end,
    selectionStart: first.selectionStart,
    selectionEnd: first.selectionEnd,
    children,
  });
}

function entrySymbols(model: PostmortemModel, withTime: PlacedEntry[]): OutlineSymbol[] {
  const { doc } = model;
  const { index } = doc;
  const symbols: OutlineSymbol[] = [];
  for (const entry of withTime) {
    if (!entry.time) continue;
    const name = entry.time.raw.trim();
    symbols.push({
      // As the report writes it: "4:20 PM" stays "4:20 PM".
      name,
      // A bounded slice of the text, never the whole of it joined.
      detail: plainText(doc.source.slice(entry.textStart, Math.min(entry.textEnd, entry.textStart + 4 * NAME_LIMIT))),
      kind: 'entry',
      start: index.start(entry.line),
      end: index.end(entry.line),
      selectionStart: entry.time.start,
      selectionEnd: entry.time.start + name.length,
      children: [],
    });
  }
  return symbols;
}

function actionSymbols(model: PostmortemModel, items: ActionItem[]): OutlineSymbol[] {
  const { index } = model.doc;
  return items.map((item) => ({
    name: plainText(item.text) || '(empty action)',
    detail: [item.checked === true ? 'done' : item.checked === false ? 'open' : '', item.owner ?? '', item.due ?? ''].filter(Boolean).join(' · '),
    kind: 'action' as const,
    start: index.start(item.line),
    end: index.end(item.line),
    selectionStart: item.textStart,
    selectionEnd: item.textEnd,
    children: [],
  }));
}

/** A heading's symbol runs to the next heading of the same or a higher rank (its section's extent when recognised). */
function headingEnd(headings: HeadingNode[], i: number, model: PostmortemModel): number {
  const { index } = model.doc;
  const node = headings[i];
  for (let j = i + 1; j < headings.length; j++) {
    if (headings[j].rank <= node.rank) return lastContentEnd(model, headings[j].line - 1, node.line);
  }
  return lastContentEnd(model, index.lineCount - 1, node.line);
}

/** The end of the last non-blank line at or before `line` (and not before `floor`). */
function lastContentEnd(model: PostmortemModel, line: number, floor: number): number {
  const { index, lines } = model.doc;
  let last = line;
  while (last > floor && lines.at(last).kind === 'blank') last--;
  return index.end(last);
}
