/**
 * Facts about a whole list of chunks (or timeline pieces) carried from one version of the
 * document to the next. An edit replaces a run of chunks and leaves the others as they were, only
 * moved; a fact such as "which chunks have a placeholder" is then the previous answer with the
 * replaced run asked again, and costs what the edit touched, not what the document holds.
 *
 * A fact is kept with its `setting`: what else it depends on (the incident window, the zones, the
 * date today). A fact whose setting changed is worked out again over the whole list.
 */

/** Positions [from, from + added) of this version replace [from, from + removed) of the previous one. */
export interface Splice {
  from: number;
  removed: number;
  added: number;
}

/** Facts of one version, by key. */
export type Carried = Map<string, { setting: string; value: number[] | number }>;

/** What a version carries from the one before it: the splice between them and the previous facts. */
export interface Carry {
  splice: Splice;
  previous: Carried;
}

/**
 * The positions in [0, count) for which `has` holds, in order. With a carry from the previous
 * version, `has` is asked only for the positions the splice put in.
 */
export function positionsWhere(carried: Carried, carry: Carry | null, key: string, setting: string, count: number, has: (position: number) => boolean): number[] {
  const known = carried.get(key);
  if (known && known.setting === setting) return known.value as number[];
  const previous = carry?.previous.get(key);
  let positions: number[];
  if (carry && previous && previous.setting === setting) {
    positions = splicePositions(previous.value as number[], carry.splice, has);
  } else {
    positions = [];
    for (let position = 0; position < count; position++) if (has(position)) positions.push(position);
  }
  carried.set(key, { setting, value: positions });
  return positions;
}

function splicePositions(previous: number[], { from, removed, added }: Splice, has: (position: number) => boolean): number[] {
  const positions: number[] = [];
  let i = 0;
  while (i < previous.length && previous[i] < from) positions.push(previous[i++]);
  for (let position = from; position < from + added; position++) if (has(position)) positions.push(position);
  while (i < previous.length && previous[i] < from + removed) i++;
  const shift = added - removed;
  while (i < previous.length) positions.push(previous[i++] + shift);
  return positions;
}

/** Where `position` would go in sorted `positions`: the index of the first one not below it. */
export function rankOf(positions: number[], position: number): number {
  let low = 0;
  let high = positions.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (positions[middle] < position) low = middle + 1;
    else high = middle;
  }
  return low;
}
