/**
 * The outline: headings nested by rank, timeline entries under the Timeline section,
 * action items under the measures section. Offsets only; the server makes LSP symbols.
 */
import type { PostmortemModel } from '../model';
import type { HeadingNode } from '../outline';
import { CANONICAL_TITLES } from '../titles';
import { formatMinutes } from '../time';

export type OutlineSymbolKind = 'section' | 'heading' | 'entry' | 'action';

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

export function documentSymbols(model: PostmortemModel): OutlineSymbol[] {
  const { doc, outline, timeline, actions } = model;
  const { index } = doc;
  const headings = outline.headings;
  const roots: OutlineSymbol[] = [];
  const stack: Array<{ node: HeadingNode; symbol: OutlineSymbol }> = [];

  for (let i = 0; i < headings.length; i++) {
    const node = headings[i];
    const end = headingEnd(headings, i, model);
    const symbol: OutlineSymbol = {
      name: node.title || '(untitled)',
      detail: node.kinds.length > 0 ? node.kinds.map((kind) => CANONICAL_TITLES[kind]).join(' + ') : '',
      kind: node.kinds.length > 0 ? 'section' : 'heading',
      start: index.start(node.line),
      end,
      selectionStart: node.titleStart,
      selectionEnd: Math.max(node.titleStart, node.titleEnd),
      children: [],
    };
    while (stack.length > 0 && stack[stack.length - 1].node.rank >= node.rank) stack.pop();
    (stack.length > 0 ? stack[stack.length - 1].symbol.children : roots).push(symbol);
    stack.push({ node, symbol });
    if (outline.sections.timeline?.line === node.line) {
      for (const entry of timeline.entries) {
        if (!entry.time) continue;
        const start = index.start(entry.line);
        symbol.children.push({
          name: entry.time.minutes !== null ? formatMinutes(entry.time.minutes) : entry.time.raw.trim(),
          detail: doc.text.slice(entry.textStart, Math.min(entry.textEnd, entry.textStart + 80)),
          kind: 'entry',
          start,
          end: index.end(entry.line),
          selectionStart: entry.time.start,
          selectionEnd: entry.time.start + entry.time.raw.trim().length,
          children: [],
        });
      }
    }
    if (outline.sections.measures?.line === node.line) {
      for (const item of actions) {
        symbol.children.push({
          name: item.text.slice(0, 80) || '(empty action)',
          detail: [item.checked === true ? 'done' : item.checked === false ? 'open' : '', item.owner ?? '', item.due ?? ''].filter(Boolean).join(' · '),
          kind: 'action',
          start: index.start(item.line),
          end: index.end(item.line),
          selectionStart: item.textStart,
          selectionEnd: item.textEnd,
          children: [],
        });
      }
    }
  }
  return roots;
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
