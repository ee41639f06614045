/**
 * The query layer for the text: line checks (`defineLineCheck`), a check of a block of lines kept
 * while the block is unchanged, whose problems are placed where the block now stands, and block
 * queries (`defineBlockQuery`). Rules reach these through query.ts.
 */
import { defineFact, defineMemoSlot } from '../incremental/keys';
import type { PostmortemModel } from '../model';
import { chunksWhereSteps, type Chunk } from '../parse';
import type { Problem } from '../rules/rule';
import { register, StepBudget, type Defined, type TextBlock } from './shared';

/** A check of a block of lines, returning problems with offsets relative to the block. */
export interface LineCheck {
  readonly name: string;
  readonly check: (block: TextBlock) => Problem[];
}

/** A question about blocks of text: does this block hold what is asked? Reads the block alone. */
export interface BlockQuery {
  readonly name: string;
  readonly has: (block: TextBlock) => boolean;
}

export function defineLineCheck(check: LineCheck): Defined<LineCheck> & { readonly slot: number } {
  register(`lines:${check.name}`);
  return Object.freeze({ ...check, fact: defineFact(`lines:${check.name}`), slot: defineMemoSlot(`lines:${check.name}`) });
}

export function defineBlockQuery(query: BlockQuery): Defined<BlockQuery> & { readonly slot: number } {
  register(`blocks:${query.name}`);
  return Object.freeze({ ...query, fact: defineFact(`blocks:${query.name}`), slot: defineMemoSlot(`blocks:${query.name}`) });
}

/** The report's first line of text, usually its title (front matter, HTML and blank lines skipped). */
export function titleLine(model: PostmortemModel): number {
  const { lines } = model.doc;
  let first = 0;
  while (first < lines.length - 1 && lines.at(first).kind !== 'paragraph' && lines.at(first).kind !== 'heading') first++;
  return first;
}

/** Runs a line check on every block, keeping its problems while the block is unchanged, and reports them where the block now stands. */
export function* reportLineProblemsSteps(
  model: PostmortemModel,
  check: Defined<LineCheck> & { readonly slot: number },
  report: (problem: Problem) => void,
): Generator<void, void> {
  const { doc } = model;
  const run = (chunk: Chunk): Problem[] => chunk.memoAt(check.slot, check.check);
  const positions = yield* chunksWhereSteps(doc, check.fact, (chunk) => run(chunk).length > 0);
  const budget = new StepBudget();
  for (let p = 0; p < positions.length; p++) {
    const span = doc.chunks.span(positions[p]);
    const problems = run(span.chunk);
    if (budget.spend(1 + problems.length)) yield;
    for (const problem of problems) report(placeProblem(problem, span.start));
  }
}

/** Whether any block of the text holds what the query asks. */
export function* hasBlockWhereSteps(model: PostmortemModel, query: Defined<BlockQuery> & { readonly slot: number }): Generator<void, boolean> {
  return (yield* chunksWhereSteps(model.doc, query.fact, (chunk) => chunk.memoAt(query.slot, query.has))).length > 0;
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
