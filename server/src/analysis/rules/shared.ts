/**
 * Small readings of the model that more than one rule needs.
 */
import type { PostmortemModel } from '../model';

const PROMPT_LINE_RE = /^\s*<(?:describe|insert|add|fill|enter|write|explain|your|owner|name|link|todo|tbd)\b[^<>]{0,80}>\s*$/i;

/** A line holding only a template prompt such as "<describe the impact>". */
export function isPromptLine(lineText: string): boolean {
  return PROMPT_LINE_RE.test(lineText);
}

/** The report's first line of text, usually its title (front matter, HTML and blank lines skipped). */
export function titleLine(model: PostmortemModel): number {
  const { lines } = model.doc;
  let first = 0;
  while (first < lines.length - 1 && lines[first].kind !== 'paragraph' && lines[first].kind !== 'heading') first++;
  return first;
}
