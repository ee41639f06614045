/**
 * Incremental analysis equals cold analysis, at scale (the test suite runs a fixed-seed slice):
 *
 *   npm run fuzz:incremental [-- --steps=100000] [--seed=N]
 *
 * Edit sequences of 250 steps on documents of ordered items starting past 1, empty items,
 * indented code, lazy continuation lines, block quotes and tabs (test/support/incremental.ts);
 * after every edit the incremental analysis is compared with a cold one, and every chunk's lines
 * with its text parsed alone. Exit 1 on the first difference.
 */
import { performance } from 'node:perf_hooks';
import { runContainerEdits } from '../test/support/incremental';
import { mulberry32 } from '../test/support/random';

const argument = (name: string, fallback: number): number => Number(process.argv.find((arg) => arg.startsWith(`--${name}=`))?.split('=')[1] ?? fallback);
const steps = argument('steps', 100_000);
const seed = argument('seed', Date.now() % 2 ** 31);
const PER_SEQUENCE = 250;

const started = performance.now();
let done = 0;
let sequences = 0;
for (let s = seed; done < steps; s++) {
  const count = Math.min(PER_SEQUENCE, steps - done);
  const failure = runContainerEdits(s, count, mulberry32(s * 7331));
  if (failure !== null) {
    console.log(`FAILED after ${done} steps: ${failure}`);
    console.log(`reproduce: npm run fuzz:incremental -- --seed=${s} --steps=${PER_SEQUENCE}`);
    process.exit(1);
  }
  done += count;
  sequences++;
  if (sequences % 40 === 0) console.log(`${done} edit steps, no difference`);
}
console.log(
  `${done} edit steps in ${sequences} sequences (seeds ${seed} to ${seed + sequences - 1}) checked in ${((performance.now() - started) / 1000).toFixed(0)} s: incremental equals cold after every step`,
);
