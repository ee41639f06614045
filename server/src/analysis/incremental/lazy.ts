/**
 * Model parts that the diagnostics do not need are computed when first read: an edit to a
 * 1 MB report must not pay for them on every keystroke, and most are never read between two.
 */

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
