/**
 * YAML front matter: where it ends and the fields it holds (a status page's `date`, `resolvedWhen`).
 */
import { LineIndex } from '../text';
import type { FrontMatterField } from '../parse';

/** Front matter must close within this many lines. */
export const FRONT_MATTER_LINES = 200;

export function findFrontMatterEnd(index: LineIndex): number {
  const first = index.lineText(0).replace(/^\uFEFF/, '');
  if (!/^---\s*$/.test(first)) return -1;
  const limit = Math.min(index.lineCount, FRONT_MATTER_LINES);
  let keys = 0;
  for (let line = 1; line < limit; line++) {
    const text = index.lineText(line);
    if (/^(?:---|\.\.\.)\s*$/.test(text)) return keys > 0 ? line : -1;
    // Front matter is key: value lines, list items, indented continuations and YAML comments
    // (status-page templates keep their "# informational: true" options commented out).
    if (/^[\w.-]+\s*:/.test(text)) keys++;
    else if (!/^(?:\s+\S|\s*$|-\s|#)/.test(text)) return -1;
  }
  return -1;
}

export function readFrontMatter(index: LineIndex, end: number): FrontMatterField[] {
  const fields: FrontMatterField[] = [];
  for (let line = 1; line < end; line++) {
    const text = index.lineText(line);
    const match = /^([\w.-]+)\s*:\s*(.*?)\s*$/.exec(text);
    if (!match) continue;
    const valueOffset = text.indexOf(match[2], match[1].length + 1);
    fields.push({ key: match[1], value: match[2], line, valueStart: index.start(line) + Math.max(valueOffset, 0) });
  }
  return fields;
}
