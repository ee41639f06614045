/**
 * Small readings of the model that more than one rule needs.
 */
import type { PostmortemModel } from '../model';
import { chunksWhereSteps, memoSlot, type Chunk } from '../parse';
import type { Problem } from './rule';

const PROMPT_LINE_RE = /^\s*<(?:describe|insert|add|fill|enter|write|explain|your|owner|name|link|todo|tbd)\b[^<>]{0,80}>\s*$/i;

/** A line holding only a template prompt such as "<describe the impact>". */
export function isPromptLine(lineText: string): boolean {
  return PROMPT_LINE_RE.test(lineText);
}

/** The report's first line of text, usually its title (front matter, HTML and blank lines skipped). */
export function titleLine(model: PostmortemModel): number {
  const { lines } = model.doc;
  let first = 0;
  while (first < lines.length - 1 && lines.at(first).kind !== 'paragraph' && lines.at(first).kind !== 'heading') first++;
  return first;
}

/**
 * Runs a line-by-line check once per chunk, keeping its problems while the chunk is unchanged,
 * and reports them where the chunk now stands. The check sees the chunk's own text and lines,
 * and returns offsets relative to it. After an edit only the re-parsed chunks are checked, and
 * only the chunks with problems are visited (see `chunksWhere`). In steps of a few chunks.
 */
export function* reportByChunk(model: PostmortemModel, key: string, check: (chunk: Chunk) => Problem[], report: (problem: Problem) => void): Generator<void, void> {
  const slot = memoSlot(key);
  const { chunks } = model.doc;
  const positions = yield* chunksWhereSteps(model.doc, key, (chunk) => chunk.memoAt(slot, check).length > 0);
  for (let p = 0; p < positions.length; p++) {
    if (p % 256 === 255) yield;
    const span = chunks.span(positions[p]);
    const problems = span.chunk.memoAt(slot, check);
    for (let i = 0; i < problems.length; i++) report(placeProblem(problems[i], span.start));
  }
}

function placeProblem(problem: Problem, base: number): Problem {
  if (base === 0) return problem;
  return {
    ...problem,
    start: problem.start + base,
    end: problem.end + base,
    ...(problem.fix ? { fix: { ...problem.fix, edits: problem.fix.edits.map((edit) => ({ ...edit, start: edit.start + base, end: edit.end + base })) } } : {}),
  };
}
