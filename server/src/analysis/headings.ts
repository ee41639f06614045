/**
 * Heading-like lines, read one chunk at a time: what the tolerant layer takes for a title (see
 * outline.ts for the three tiers and how sections are chosen among them), and the line content
 * under a list bullet or quote marker that other readers share.
 */
import { defineMemoSlot } from './incremental/keys';
import { type Chunk, type LineInfo } from './parse';
import { trimEndOf, withoutComments, type LineIndex } from './text';
import { classifyHeadingTitle, classifySectionTitle, isOtherPartTitle, normalizeTitle, type SectionKind, type TitleClass } from './titles';

export type HeadingStyle = 'atx' | 'setext' | 'html' | 'caps' | 'bold' | 'label' | 'plain' | 'field';

export interface HeadingNode {
  /** 0-based line. */
  line: number;
  tier: 1 | 2 | 3;
  /** Nesting rank: the Markdown depth for headings; one below the enclosing heading for tier 2. */
  rank: number;
  kinds: SectionKind[];
  /** Named by a weaker wording ("Overview"): see TitleClass. */
  weak: boolean;
  style: HeadingStyle;
  /** The title as written, without markup. */
  title: string;
  /** Offsets of the title (or label) text. */
  titleStart: number;
  titleEnd: number;
  /** A parenthesised note in the title, such as "all times UTC". */
  note: string | null;
  /** For a field: where its value starts, or -1. */
  valueStart: number;
  /** The list nesting of the line (0 for none). */
  listDepth: number;
}

export interface LineContent {
  /** The bullet as written (`-`, `1.`, `•`, `o`), or null. */
  bullet: string | null;
  /** Offset where the content starts, after indentation, quote markers and the bullet. */
  contentStart: number;
}

// Markdown bullets and the ones Word leaves behind when a document is pasted: •, o + tab, the
// private-use Wingdings bullets, and "=" typed for "-".
const BULLET_RE = /[ \t]*(?:>[ \t]?)*(?:([-*+=•◦▪‣·\u2022\uf0a7\uf0b7]|\d{1,3}[.)]|o(?=\t| {2}))[ \t]+)?/y;

export function lineContent(text: string, start: number): LineContent {
  BULLET_RE.lastIndex = start;
  // Every part of the pattern is optional: it matches at any offset up to the end (an empty match at least).
  const match = BULLET_RE.exec(text);
  let contentStart = start + (match?.[0].length ?? 0);
  if (text.charCodeAt(start) === 0xfeff) contentStart = Math.max(contentStart, start + 1);
  return { bullet: match?.[1] ?? null, contentStart };
}

/** An HTML line break, which joins lines that a reflow merged ("...<br> 21:14 - ..."). */
export const BR_RE = /<br\s*\/?>/gi;
const HAS_BR_RE = /<br\s*\/?>/i;
const BOLD_LINE_RE = /^(\*\*|__)([^*_].*?)\1\s*(?::\s*)?(?:\\)?$/;
const ITALIC_LINE_RE = /^([*_])([^*_].*?)\1\s*(?::\s*)?$/;
const LABEL_LINE_RE = /^([^:|]{1,80}?)\s*:\s*$/;
const FIELD_RE = /^(?:\*\*|__)?([^:*_|\n]{1,60}?)(?:\*\*|__)?\s*:(?:\*\*|__)?(?=\s|$)/;
const EMOJI_PREFIX_RE = /^[^\p{L}\p{N}*_`([]+/u;

const OUTLINE_SLOT = defineMemoSlot('outline:headings');

/** The heading-like lines of a chunk (see `chunkNodes`), read once per chunk. */
export function headingNodesOf(chunk: Chunk): HeadingNode[] {
  return chunk.memoAt(OUTLINE_SLOT, chunkNodes);
}

interface LineSource {
  text: string;
  index: LineIndex;
  lines: LineInfo[];
}

/**
 * The heading-like lines of one chunk, in order, with offsets and lines relative to the chunk.
 * `rank` is the heading depth for tier 1, the number of "#" written for tier 2 ("###Resolution"),
 * or 0 when the rank comes from the heading above.
 */
function chunkNodes(chunk: Chunk): HeadingNode[] {
  const { index, lines, text } = chunk;
  const nodes: HeadingNode[] = [];
  for (let line = 0; line < index.lineCount; line++) {
    const info = lines[line];
    if (info.kind === 'heading') {
      if (line > 0 && lines[line - 1].kind === 'heading' && lines[line - 1].headingDepth === info.headingDepth && !/^\s{0,3}#/.test(index.lineText(line)))
        continue;
      nodes.push(headingNode(chunk, line, info.headingDepth));
      continue;
    }
    if (info.kind === 'html') {
      const html = htmlHeadingNode(chunk, line);
      if (html) nodes.push(html);
      continue;
    }
    if (info.kind !== 'paragraph') continue;
    const start = index.start(line);
    const end = index.end(line);
    const { bullet, contentStart } = lineContent(text, start);
    if (contentStart >= end) continue;
    if (text.charCodeAt(contentStart) === 124 /* | */) continue; // table row
    const lineText = text.slice(contentStart, end);

    if (bullet === null && !HAS_BR_RE.test(lineText)) {
      const standalone = standaloneTitle(lineText, contentStart);
      if (standalone) {
        const hashes = /^#{1,6}/.exec(lineText)?.[0].length ?? 0;
        nodes.push({ ...standalone, line, tier: 2, rank: hashes, listDepth: info.listDepth });
        continue;
      }
    }
    BR_RE.lastIndex = 0;
    // Fields: at the start of the line's content and after each <br>.
    const segmentStarts = [contentStart];
    let br: RegExpExecArray | null;
    while ((br = BR_RE.exec(lineText)) !== null) segmentStarts.push(contentStart + br.index + br[0].length);
    BR_RE.lastIndex = 0;
    for (const segmentStart of segmentStarts) {
      const field = fieldAt(text, segmentStart, end);
      if (field) nodes.push({ ...field, line, listDepth: info.listDepth, rank: 0 });
    }
  }
  return nodes;
}

function headingNode(doc: LineSource, line: number, depth: number): HeadingNode {
  const { index, text } = doc;
  const start = index.start(line);
  const end = index.end(line);
  const raw = text.slice(start, end);
  const atx = /^(\s{0,3}#{1,6})[ \t]*/.exec(raw);
  let titleStart = start + (atx ? atx[0].length : raw.length - raw.trimStart().length);
  let titleEnd = start + closingHashesStripped(withoutCommentAtEnd(raw)).length;
  if (titleEnd < titleStart) titleEnd = titleStart;
  const rawTitle = text.slice(titleStart, titleEnd);
  const { title, note, head } = normalizeTitle(rawTitle);
  const cls = classifyHeadingTitle(title, head);
  const display = displayTitle(rawTitle);
  const lead = rawTitle.indexOf(display.slice(0, 1));
  if (lead > 0) titleStart += lead;
  return {
    line,
    tier: 1,
    rank: depth,
    kinds: cls?.kinds ?? [],
    weak: cls?.weak ?? false,
    style: atx ? 'atx' : 'setext',
    title: display,
    titleStart,
    titleEnd,
    note,
    valueStart: -1,
    listDepth: doc.lines[line].listDepth,
  };
}

// "<h4 class="graf">Backend</h4>" on a line of its own, as blog and wiki exports write headings.
const HTML_HEADING_RE = /^(\s*<h([1-6])\b[^>]*>\s*)([^<>]{1,120}?)\s*<\/h\2\s*>\s*$/i;

/** A line that is only an HTML heading: a heading of the rank its tag says. */
function htmlHeadingNode(doc: LineSource, line: number): HeadingNode | null {
  const { index, text } = doc;
  const start = index.start(line);
  const end = index.end(line);
  const lineText = text.slice(start, Math.min(end, start + 400));
  if (end - start > 400 || !/^\s*<h[1-6]/i.test(lineText)) return null;
  const match = HTML_HEADING_RE.exec(lineText);
  if (!match) return null;
  const { title, note, head } = normalizeTitle(match[3]);
  const cls = classifyHeadingTitle(title, head);
  const titleStart = start + match[1].length;
  return {
    line,
    tier: 1,
    rank: Number(match[2]),
    kinds: cls?.kinds ?? [],
    weak: cls?.weak ?? false,
    style: 'html',
    title: displayTitle(match[3]),
    titleStart,
    titleEnd: titleStart + match[3].length,
    note,
    valueStart: -1,
    listDepth: doc.lines[line].listDepth,
  };
}

/** The line without a trailing HTML comment (the title of "## Timeline <!-- note -->"). */
function withoutCommentAtEnd(raw: string): string {
  const trimmed = raw.trimEnd();
  if (!trimmed.endsWith('-->')) return trimmed;
  const open = trimmed.lastIndexOf('<!--');
  return open < 0 ? trimmed : trimmed.slice(0, open).trimEnd();
}

/** An ATX heading without its optional closing sequence of "#" ("## Title ##"). */
function closingHashesStripped(raw: string): string {
  const trimmed = raw.trimEnd();
  let end = trimmed.length;
  while (end > 0 && trimmed[end - 1] === '#') end--;
  if (end === trimmed.length || end === 0 || (trimmed[end - 1] !== ' ' && trimmed[end - 1] !== '\t')) return trimmed;
  return trimmed.slice(0, end).trimEnd();
}

type PartialNode = Omit<HeadingNode, 'line' | 'tier' | 'rank' | 'listDepth'>;

function standaloneTitle(lineText: string, contentStart: number): PartialNode | null {
  // No title is this long, and the regexes below need not see such a line.
  if (lineText.length > 300) return null;
  // An HTML comment is not part of the line's title.
  const visible = withoutComments(lineText).trimEnd();
  const trimmed = visible.replace(EMOJI_PREFIX_RE, '').trimEnd();
  const lead = visible.length - visible.replace(EMOJI_PREFIX_RE, '').length;
  let inner: string | null = null;
  let style: HeadingStyle = 'plain';
  let match: RegExpExecArray | null;
  if ((match = BOLD_LINE_RE.exec(trimmed)) !== null) {
    inner = match[2];
    style = 'bold';
  } else if ((match = ITALIC_LINE_RE.exec(trimmed)) !== null) {
    inner = match[2];
    style = 'bold';
  } else if ((match = LABEL_LINE_RE.exec(trimmed)) !== null) {
    inner = match[1];
    style = 'label';
  } else if (isShortLine(trimmed)) {
    inner = trimmed;
    style = /\p{Ll}/u.test(trimmed) ? 'plain' : 'caps';
  }
  if (inner === null) return null;
  const { title, note } = normalizeTitle(inner);
  // A line that is only "Trigger" or "Appendix" names no section, but ends the one above it.
  const cls: TitleClass | null = classifySectionTitle(title, false) ?? (isOtherPartTitle(title) ? { kinds: [], weak: false } : null);
  if (!cls) return null;
  const offset = trimmed.indexOf(inner.trim());
  const titleStart = contentStart + lead + Math.max(0, offset);
  return {
    kinds: cls.kinds,
    weak: cls.weak,
    style,
    title: displayTitle(inner),
    titleStart,
    titleEnd: titleStart + inner.trim().length,
    note,
    valueStart: -1,
  };
}

/** A line short enough to be a title, a parenthesised note aside ("What was the impact (...)?"). */
function isShortLine(line: string): boolean {
  const bare = line.length <= 300 ? line.replace(/\([^()]*\)/g, '') : line;
  return bare.length <= 80 && /\p{L}/u.test(bare) && bare.trim().split(/\s+/).length <= 12;
}

function fieldAt(text: string, start: number, end: number): Omit<HeadingNode, 'line' | 'listDepth' | 'rank'> | null {
  const segment = text.slice(start, Math.min(end, start + 120));
  const stripped = segment.replace(EMOJI_PREFIX_RE, '');
  const lead = segment.length - stripped.length;
  const match = FIELD_RE.exec(stripped);
  if (!match) return null;
  const label = match[1].trim();
  if (label.length === 0 || label.split(/\s+/).length > 6 || /^\d/.test(label) || /https?$/i.test(label)) return null;
  const { title, note } = normalizeTitle(label);
  const cls = classifySectionTitle(title, false);
  const titleStart = start + lead + stripped.indexOf(label);
  let valueStart = start + lead + match[0].length;
  while (valueStart < end && /[\s*_]/.test(text[valueStart])) valueStart++;
  return {
    tier: 3,
    kinds: cls?.kinds ?? [],
    weak: cls?.weak ?? false,
    style: 'field',
    title: label,
    titleStart,
    titleEnd: titleStart + label.length,
    note,
    valueStart: valueStart < end ? valueStart : -1,
  };
}

function displayTitle(raw: string): string {
  return trimEndOf(withoutComments(raw), ' \t:')
    .replace(/[*_`]+/g, '')
    .replace(/^[\s#\-•]+/, '')
    .trim()
    .replace(/:+$/, '');
}
