/**
 * Facts about a whole list of chunks (or timeline pieces) carried from one version of the
 * document to the next. An edit replaces a run of chunks and leaves the others as they were, only
 * moved; a fact such as "which chunks have a placeholder" is then the previous answer with the
 * replaced run asked again, and costs what the edit touched, not what the document holds.
 *
 * A fact is kept with its `setting`: what else it depends on (the incident window, the zones, the
 * date today). A fact whose setting changed is worked out again over the whole list.
 */
import type { FactKey } from './keys';
import { finish } from './steps';

/** Positions [from, from + added) of this version replace [from, from + removed) of the previous one. */
export interface Splice {
  from: number;
  removed: number;
  added: number;
}

/**
 * Positions in increasing order. A typed array: its contents live outside the JavaScript heap, so
 * the garbage collector neither scans nor copies them, and one is made for nearly every keystroke.
 * Never written after it is made: a version may share its positions with the next.
 */
export type Positions = Int32Array;

/** Facts of one version, by key. */
export type Carried = Map<string, { setting: string; value: Positions }>;

/** What a version carries from the one before it: the splice between them and the previous facts. */
export interface Carry {
  splice: Splice;
  previous: Carried;
}

/**
 * The positions in [0, count) for which `has` holds, in order. With a carry from the previous
 * version, `has` is asked only for the positions the splice put in.
 */
export function positionsWhere(
  carried: Carried,
  carry: Carry | null,
  key: FactKey,
  setting: string,
  count: number,
  has: (position: number) => boolean,
): Positions {
  return finish(positionsWhereSteps(carried, carry, key, setting, count, has));
}

/** How many positions `positionsWhereSteps` asks about between two steps. */
const POSITIONS_PER_STEP = 64;

/**
 * `positionsWhere` in steps of a few positions: asked about every chunk of a large report, `has`
 * reads each for the first time and costs a second or more in all. The answer is kept (for the
 * next call and the next version) only once complete: a caller that stops part way leaves nothing.
 */
export function* positionsWhereSteps(
  carried: Carried,
  carry: Carry | null,
  key: FactKey,
  setting: string,
  count: number,
  has: (position: number) => boolean,
): Generator<void, Positions> {
  const known = carried.get(key);
  if (known && known.setting === setting) return known.value;
  const previous = carry?.previous.get(key);
  let positions: Positions;
  if (carry && previous && previous.setting === setting) {
    positions = yield* splicePositions(previous.value, carry.splice, has);
  } else {
    const found: number[] = [];
    for (let position = 0; position < count; position++) {
      if (has(position)) found.push(position);
      if (position % POSITIONS_PER_STEP === POSITIONS_PER_STEP - 1) yield;
    }
    positions = Int32Array.from(found);
  }
  carried.set(key, { setting, value: positions });
  return positions;
}

/**
 * The previous positions with the splice applied. Typing within a chunk replaces it by one chunk
 * and moves nothing: then the answer is usually the previous array itself, and nothing is made.
 */
function* splicePositions(previous: Positions, { from, removed, added }: Splice, has: (position: number) => boolean): Generator<void, Positions> {
  const put: number[] = [];
  for (let position = from; position < from + added; position++) {
    if (has(position)) put.push(position);
    if ((position - from) % POSITIONS_PER_STEP === POSITIONS_PER_STEP - 1) yield;
  }
  const head = rankOf(previous, from);
  const tail = rankOf(previous, from + removed);
  const shift = added - removed;
  if (shift === 0 && put.length === tail - head && put.every((position, i) => previous[head + i] === position)) return previous;
  const positions = new Int32Array(head + put.length + previous.length - tail);
  positions.set(previous.subarray(0, head));
  positions.set(put, head);
  for (let i = tail, to = head + put.length; i < previous.length; i++, to++) positions[to] = previous[i] + shift;
  return positions;
}

/** Where `position` would go in sorted `positions`: the index of the first one not below it. */
export function rankOf(positions: ArrayLike<number>, position: number): number {
  let low = 0;
  let high = positions.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (positions[middle] < position) low = middle + 1;
    else high = middle;
  }
  return low;
}
