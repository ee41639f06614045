/**
 * Model parts that the diagnostics do not need are computed when first read: an edit to a
 * 1 MB report must not pay for them on every keystroke, and most are never read between two.
 * A part that costs seconds on a large report (the metrics, the action items) is also defined in
 * steps (`defineLazySteps`), so that the server can build it in slices (`settleSteps`) where a
 * plain read would build it in one go.
 */
import { finish } from './steps';

/**
 * Makes `key` of `target` a value computed by `compute` on first read and kept from then on.
 * It stays an own, enumerable property, so JSON, spreading and deep equality see it as any other.
 */
export function defineLazy<T extends object, K extends keyof T>(target: T, key: K, compute: () => T[K]): void {
  const settle = (value: T[K]): void => {
    Object.defineProperty(target, key, { value, writable: true, enumerable: true, configurable: true });
  };
  Object.defineProperty(target, key, {
    enumerable: true,
    configurable: true,
    get(): T[K] {
      const value = compute();
      settle(value);
      return value;
    },
    set: settle,
  });
}

/** The steps of each lazy part defined with `defineLazySteps`, by object and key, until it is read. */
const STEPS = new WeakMap<object, Map<PropertyKey, () => Generator<void, unknown>>>();

/** `defineLazy` with the computation in steps: a plain read runs them to their end, `settleSteps` one at a time. */
export function defineLazySteps<T extends object, K extends keyof T>(target: T, key: K, steps: () => Generator<void, T[K]>): void {
  let byKey = STEPS.get(target);
  if (!byKey) STEPS.set(target, (byKey = new Map()));
  byKey.set(key, steps);
  defineLazy(target, key, () => finish(steps()));
}

/** Whether `key` of `target` is still to be computed (see `defineLazy`). */
function unsettled(target: object, key: PropertyKey): boolean {
  return Object.getOwnPropertyDescriptor(target, key)?.get !== undefined;
}

/**
 * The value of a lazy part, computed in steps if it is not yet (see `defineLazySteps`), and kept
 * as a read would keep it. A caller may stop part way: nothing is kept then.
 */
export function* settleSteps<T extends object, K extends keyof T>(target: T, key: K): Generator<void, T[K]> {
  const steps = STEPS.get(target)?.get(key) as (() => Generator<void, T[K]>) | undefined;
  if (!steps || !unsettled(target, key)) return target[key];
  const value = yield* steps();
  // Read in one go between two of these steps: that value stands (it is the same).
  if (unsettled(target, key)) target[key] = value;
  STEPS.get(target)?.delete(key);
  return target[key];
}
