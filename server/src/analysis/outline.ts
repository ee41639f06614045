/**
 * The tolerant layer: reads headings the way people really write them and
 * decides where each kind of section is.
 *
 * Three tiers of heading-like lines, strongest first:
 *  1. Markdown headings (ATX, setext), and HTML headings on a line of their own;
 *  2. standalone lines that name a section: ALL-CAPS lines, whole-line bold,
 *     `Label:` alone on a line, a plain line that is a known title (or a question,
 *     "What was the root cause?"), and lines that name another part of a report
 *     ("Trigger", "Appendix"), which end the section above but stand for none;
 *  3. fields: `Root Cause: ...`, `- **Impact:** ...`, `• Root Cause:` (a label
 *     followed by its value, or a bullet that is only a label).
 * Tiers 1 and 2 divide the document into sections; tier 3 only stands in for a
 * section that has no heading of its own.
 */
import { chunksWhereSteps, type ParsedDocument } from './parse';
import { finish } from './incremental/steps';
import { defineFact } from './incremental/keys';
import { headingNodesOf, type HeadingNode } from './headings';
import type { SectionKind } from './titles';

export type { HeadingNode, HeadingStyle } from './headings';

export interface Section {
  kind: SectionKind;
  kinds: SectionKind[];
  node: HeadingNode;
  /** 0-based first line (the heading). */
  line: number;
  /** 0-based last line of the section's extent. */
  endLine: number;
}

export interface Outline {
  /** Tier 1 and recognised tier 2 headings, in document order. */
  headings: HeadingNode[];
  /** Every tier-3 field label, recognised or not, in document order. */
  fields: HeadingNode[];
  /** The section chosen for each kind. */
  sections: Partial<Record<SectionKind, Section>>;
  /** The extent of every recognised heading, by its line. */
  extentEnd: Map<number, number>;
}

const CHUNKS_WITH_HEADINGS = defineFact('outline:chunks-with-headings');

export function buildOutline(doc: ParsedDocument): Outline {
  return finish(buildOutlineSteps(doc));
}

/** `buildOutline` in steps: a cold read visits every chunk of the report, a few at a step. */
export function* buildOutlineSteps(doc: ParsedDocument): Generator<void, Outline> {
  const headings: HeadingNode[] = [];
  const fields: HeadingNode[] = [];
  let lastHeadingDepth = 0;
  // Only chunks with heading-like lines are visited; after an edit, only the re-parsed ones are read.
  const withHeadings = yield* chunksWhereSteps(doc, CHUNKS_WITH_HEADINGS, (chunk) => headingNodesOf(chunk).length > 0);
  for (let p = 0; p < withHeadings.length; p++) {
    if (p % 256 === 255) yield;
    const position = withHeadings[p];
    const span = doc.chunks.span(position);
    for (const fact of headingNodesOf(span.chunk)) {
      // Facts are relative to their chunk; the rank of a tier-2 or tier-3 line depends on the
      // Markdown heading above it, which may be in another chunk.
      const node: HeadingNode = {
        ...fact,
        line: span.firstLine + fact.line,
        titleStart: span.start + fact.titleStart,
        titleEnd: span.start + fact.titleEnd,
        valueStart: fact.valueStart < 0 ? -1 : span.start + fact.valueStart,
      };
      if (fact.tier === 1) {
        lastHeadingDepth = fact.rank;
        headings.push(node);
      } else if (fact.tier === 2) {
        node.rank = fact.rank > 0 ? fact.rank : lastHeadingDepth + 1;
        headings.push(node);
      } else {
        node.rank = lastHeadingDepth + 1;
        fields.push(node);
      }
    }
  }
  const lineCount = doc.index.lineCount;
  const extentEnd = computeExtents(headings, lineCount);
  const sections = chooseSections(headings, fields, extentEnd, lineCount);
  return { headings, fields, sections, extentEnd };
}

/**
 * A recognised section runs until the next heading of the same or a higher rank, or
 * the next heading of another kind (an "Impact" heading does not end a summary: it is
 * part of one).
 */
function computeExtents(headings: HeadingNode[], lineCount: number): Map<number, number> {
  const extentEnd = new Map<number, number>();
  for (let i = 0; i < headings.length; i++) {
    const node = headings[i];
    let end = lineCount - 1;
    for (let j = i + 1; j < headings.length; j++) {
      const next = headings[j];
      if ((next.rank <= node.rank && !isPartOf(next, node)) || endsSection(node, next)) {
        end = next.line - 1;
        break;
      }
    }
    extentEnd.set(node.line, end);
  }
  return extentEnd;
}

/** A tier-2 label naming one part of a combined section ("Root cause:" under "Root cause and resolution:"). */
function isPartOf(next: HeadingNode, section: HeadingNode): boolean {
  return next.tier === 2 && section.kinds.length > next.kinds.length && next.kinds.length > 0 && next.kinds.every((kind) => section.kinds.includes(kind));
}

function endsSection(section: HeadingNode, next: HeadingNode): boolean {
  if (next.kinds.length === 0 || section.kinds.length === 0) return false;
  // A weaker wording on a line of its own ("Response:", "What happened?") inside a Markdown section
  // is one of its sub-labels, not the start of another section.
  if (next.tier === 2 && next.weak && section.tier === 1) return false;
  if (next.kinds.every((kind) => section.kinds.includes(kind))) return false;
  if (next.kinds.length === 1 && next.kinds[0] === 'impact' && section.kinds.includes('summary')) return false;
  return true;
}

function chooseSections(
  headings: HeadingNode[],
  fields: HeadingNode[],
  extentEnd: Map<number, number>,
  lineCount: number,
): Partial<Record<SectionKind, Section>> {
  const summaries = headings.filter((node) => node.kinds.includes('summary'));
  const insideSummaryOf = (node: HeadingNode, kind: SectionKind): boolean =>
    node.tier > 1 &&
    summaries.some(
      (summary) => summary !== node && !summary.kinds.includes(kind) && summary.line < node.line && (extentEnd.get(summary.line) ?? -1) >= node.line,
    );

  const sections: Partial<Record<SectionKind, Section>> = {};
  const candidates = [...headings, ...fields];
  for (const kind of ['summary', 'impact', 'timeline', 'rootCause', 'resolution', 'measures', 'lessonsLearned'] as const) {
    const ranked = candidates
      // A "Root Cause: ..." field inside the summary summarises; it is not the section.
      .filter((node) => node.kinds.includes(kind) && !(node.tier === 3 && kind !== 'impact' && insideSummaryOf(node, kind)))
      .map((node) => ({ node, key: rankKey(node, kind, insideSummaryOf(node, kind)) }))
      .sort((a, b) => compareKeys(a.key, b.key));
    if (ranked.length === 0) continue;
    const node = ranked[0].node;
    const endLine = node.tier === 3 ? fieldEnd(node, headings, fields, lineCount) : (extentEnd.get(node.line) ?? lineCount - 1);
    sections[kind] = { kind, kinds: node.kinds, node, line: node.line, endLine };
  }
  return sections;
}

function rankKey(node: HeadingNode, kind: SectionKind, insideSummary: boolean): number[] {
  // An impact statement is usually a field of the summary: the first one written is the one.
  if (kind === 'impact') return [node.weak ? 1 : 0, node.line];
  // A weaker wording ("What happened?") stands in only where no plain title names the kind.
  return [node.weak ? 1 : 0, node.tier, insideSummary ? 1 : 0, node.tier === 1 ? node.rank : 0, node.line];
}

function compareKeys(a: number[], b: number[]): number {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i] - b[i];
  return 0;
}

/** A field stands for its section until the next heading or the next field label. */
function fieldEnd(node: HeadingNode, headings: HeadingNode[], fields: HeadingNode[], lineCount: number): number {
  let end = lineCount - 1;
  // A heading that names only the field's own kind goes on with it ("TL;DR: ..." then "What happened?").
  for (const heading of headings) {
    if (heading.line <= node.line || (heading.kinds.length > 0 && heading.kinds.every((kind) => node.kinds.includes(kind)))) continue;
    end = Math.min(end, heading.line - 1);
    break;
  }
  for (const field of fields)
    if (field.line > node.line && field.listDepth <= node.listDepth) {
      end = Math.min(end, field.line - 1);
      break;
    }
  return end;
}
