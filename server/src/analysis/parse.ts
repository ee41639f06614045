/**
 * Text -> syntax tree + per-line block facts.
 *
 * remark-parse (CommonMark) is the authority on block structure: headings (ATX
 * and setext), code, HTML, lists and paragraphs. What CommonMark does not know
 * (front matter, tables, Word bullets, bold labels, plain-line titles) is read
 * line by line later, by the tolerant layer in `outline.ts`.
 */
import type { Root, RootContent } from 'mdast';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { LineIndex, maskRange } from './text';

export type LineKind =
  | 'blank'
  | 'paragraph'
  | 'heading'
  | 'setextUnderline'
  | 'code'
  | 'html'
  | 'thematicBreak'
  | 'frontMatter';

export interface LineInfo {
  kind: LineKind;
  /** Heading depth (1-6) on a heading line, 0 elsewhere. */
  headingDepth: number;
  /** True on the first line of a Markdown list item. */
  listItemStart: boolean;
  /** How many list items contain this line. */
  listDepth: number;
  /** True on the first line of a paragraph. */
  paragraphStart: boolean;
}

export interface FrontMatterField {
  key: string;
  value: string;
  line: number;
  /** Offset of the value in the document. */
  valueStart: number;
}

export interface ParsedDocument {
  text: string;
  index: LineIndex;
  lines: LineInfo[];
  tree: Root;
  frontMatter: FrontMatterField[];
  /** 0-based line of an unclosed ```markdown fence whose contents were read as the document, or -1. */
  unwrappedFenceLine: number;
}

const processor = unified().use(remarkParse);

export function parseMarkdown(text: string): Root {
  return processor.parse(text) as Root;
}

export function parseDocument(text: string): ParsedDocument {
  const index = new LineIndex(text);
  let masked = text;
  // A BOM is not content; remark would drop it and shift every position by one.
  if (text.charCodeAt(0) === 0xfeff) masked = ' ' + text.slice(1);

  const frontMatterEnd = findFrontMatterEnd(index);
  const frontMatter: FrontMatterField[] = [];
  if (frontMatterEnd > 0) {
    frontMatter.push(...readFrontMatter(index, frontMatterEnd));
    masked = maskRange(masked, 0, index.ends[frontMatterEnd]);
  }

  let tree = parseMarkdown(masked);
  // People paste whole reports inside a ```markdown fence and forget to close it;
  // a CommonMark parser then sees one code block. Read the fenced text as the document.
  let unwrappedFenceLine = -1;
  const fence = findUnclosedMarkdownFence(tree, index);
  if (fence >= 0) {
    unwrappedFenceLine = fence;
    masked = maskRange(masked, index.starts[fence], index.ends[fence]);
    tree = parseMarkdown(masked);
  }

  const lines = classifyLines(index, tree);
  for (let line = 0; line <= frontMatterEnd && frontMatterEnd > 0; line++) lines[line].kind = 'frontMatter';
  return { text, index, lines, tree, frontMatter, unwrappedFenceLine };
}

function findFrontMatterEnd(index: LineIndex): number {
  const first = index.lineText(0).replace(/^\uFEFF/, '');
  if (!/^---\s*$/.test(first)) return -1;
  const limit = Math.min(index.lineCount, 200);
  for (let line = 1; line < limit; line++) {
    const text = index.lineText(line);
    if (/^(?:---|\.\.\.)\s*$/.test(text)) return line > 1 ? line : -1;
    // Front matter is key: value lines, list items and indented continuations.
    if (!/^(?:[\w.-]+\s*:|\s+\S|\s*$|-\s)/.test(text)) return -1;
  }
  return -1;
}

function readFrontMatter(index: LineIndex, end: number): FrontMatterField[] {
  const fields: FrontMatterField[] = [];
  for (let line = 1; line < end; line++) {
    const text = index.lineText(line);
    const match = /^([\w.-]+)\s*:\s*(.*?)\s*$/.exec(text);
    if (!match) continue;
    const valueOffset = text.indexOf(match[2], match[1].length + 1);
    fields.push({ key: match[1], value: match[2], line, valueStart: index.starts[line] + Math.max(valueOffset, 0) });
  }
  return fields;
}

function findUnclosedMarkdownFence(tree: Root, index: LineIndex): number {
  for (const node of tree.children) {
    if (node.type !== 'code' || !node.position) continue;
    if (!/^(?:markdown|md)$/i.test(node.lang ?? '')) continue;
    const lastLine = node.position.end.line - 1;
    const closing = index.lineText(lastLine);
    const closed = lastLine > node.position.start.line - 1 && /^\s{0,3}(`{3,}|~{3,})\s*$/.test(closing);
    if (!closed) return node.position.start.line - 1;
  }
  return -1;
}

function classifyLines(index: LineIndex, tree: Root): LineInfo[] {
  const text = index.text;
  const lines: LineInfo[] = new Array(index.lineCount);
  for (let line = 0; line < index.lineCount; line++) {
    let blank = true;
    for (let i = index.starts[line]; i < index.ends[line]; i++) {
      const code = text.charCodeAt(i);
      if (code !== 32 && code !== 9 && code !== 0xfeff) {
        blank = false;
        break;
      }
    }
    lines[line] = { kind: blank ? 'blank' : 'paragraph', headingDepth: 0, listItemStart: false, listDepth: 0, paragraphStart: false };
  }
  const visit = (nodes: RootContent[], listDepth: number): void => {
    for (const node of nodes) {
      if (!node.position) continue;
      const first = node.position.start.line - 1;
      const last = node.position.end.line - 1;
      switch (node.type) {
        case 'heading': {
          const setext = last > first && /^\s{0,3}(?:=+|-+)\s*$/.test(index.lineText(last));
          for (let line = first; line <= last; line++) {
            lines[line].kind = 'heading';
            lines[line].headingDepth = node.depth;
          }
          if (setext) {
            lines[last].kind = 'setextUnderline';
            lines[last].headingDepth = 0;
          }
          break;
        }
        case 'code':
          for (let line = first; line <= last; line++) lines[line].kind = 'code';
          break;
        case 'html':
          for (let line = first; line <= last; line++) lines[line].kind = 'html';
          break;
        case 'thematicBreak':
          lines[first].kind = 'thematicBreak';
          break;
        case 'paragraph':
          lines[first].paragraphStart = true;
          break;
        case 'listItem':
          lines[first].listItemStart = true;
          for (let line = first; line <= last; line++) lines[line].listDepth = listDepth + 1;
          visit(node.children, listDepth + 1);
          break;
        case 'list':
        case 'blockquote':
          visit(node.children, listDepth);
          break;
        default:
          break;
      }
    }
  };
  visit(tree.children, 0);
  return lines;
}
