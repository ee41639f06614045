/**
 * The names answers are kept under, each defined once, at a module's top level: a memo kept on every
 * chunk (`defineMemoSlot`, read with `Chunk.memoAt`) and a fact carried from one version to the next
 * (`defineFact`, see carry.ts). Two computations under one name would read each other's answers
 * without a word; here the second definition throws as its module loads, and the suite loads them all.
 * The query layer (query.ts) defines the names of its queries' answers through these too.
 */
declare const FACT: unique symbol;

/** The name a carried fact is kept under, from `defineFact`: a plain string does not type-check as one. */
export type FactKey = string & { readonly [FACT]: true };

const FACTS = new Set<string>();
const SLOTS = new Map<string, number>();

/** Defines the name of a fact carried between versions (see `positionsWhere`). */
export function defineFact(name: string): FactKey {
  if (FACTS.has(name)) throw new Error(`Two carried facts are named "${name}": each would read the other's answers.`);
  FACTS.add(name);
  return name as FactKey;
}

/** Defines a memo slot on every chunk, for a computation kept with the chunk (see `Chunk.memoAt`). */
export function defineMemoSlot(name: string): number {
  if (SLOTS.has(name)) throw new Error(`Two chunk memos are named "${name}": each would read the other's answers.`);
  const slot = SLOTS.size;
  SLOTS.set(name, slot);
  return slot;
}

/** Every name defined so far, for the tests and the architecture page. */
export function keptNames(): { facts: string[]; memos: string[] } {
  return { facts: [...FACTS].sort(), memos: [...SLOTS.keys()].sort() };
}
