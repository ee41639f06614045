/**
 * Work in steps. A long computation over a large report (parsing it, reading its timeline,
 * running a rule over every chunk) is a generator that yields between small steps, so that the
 * server can stop after a few milliseconds, answer requests, and go on, or drop the work when a
 * newer version supersedes it. A caller with nothing else to do runs the steps to their end.
 */

/** Runs steps to their end. */
export function finish<T>(steps: Generator<void, T>): T {
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}
