/**
 * Property-based fuzzing of the analysis core at scale (the test suite runs a fixed-seed slice):
 *
 *   npm run fuzz [-- --runs=100000] [--seed=N]
 *
 * Generates postmortem-shaped and hostile documents (test/fuzz/documents.ts), checks each
 * (test/fuzz/check.ts: no exception, no failed rule, every range inside the text and valid in
 * UTF-16), then measures how analysis time grows with size, up to a 10 MB single line, and
 * prints the worst time-per-byte ratio against the smallest size. Exit 1 on any failure.
 */
import fc from 'fast-check';
import { performance } from 'node:perf_hooks';
import { analyze } from '../server/src/analysis/index';
import { checkDocument } from '../test/fuzz/check';
import { documentArbitrary, hostileDocumentArbitrary } from '../test/fuzz/documents';

const argument = (name: string, fallback: number): number => Number(process.argv.find((arg) => arg.startsWith(`--${name}=`))?.split('=')[1] ?? fallback);
const runs = argument('runs', 100_000);
const seed = argument('seed', Date.now() % 2 ** 31);

let failures = 0;
let checked = 0;
let bytes = 0;
const started = performance.now();
for (const [name, arbitrary, share] of [
  ['postmortem-shaped', documentArbitrary, 0.85],
  ['random units, graphemes, huge lines', hostileDocumentArbitrary, 0.15],
] as const) {
  const count = Math.round(runs * share);
  const result = fc.check(
    fc.property(arbitrary, (text) => {
      checked++;
      bytes += text.length;
      const problems = checkDocument(text);
      if (problems.length > 0) throw new Error(problems.join('; '));
    }),
    { seed, numRuns: count },
  );
  if (result.failed) {
    failures++;
    console.log(`FAILED (${name}): ${result.errorInstance instanceof Error ? result.errorInstance.message : String(result.errorInstance)}`);
    console.log(`  counterexample: ${JSON.stringify(result.counterexample).slice(0, 500)}`);
    console.log(`  reproduce: npm run fuzz -- --seed=${seed} --runs=${runs}`);
  } else {
    console.log(`${name}: ${count} documents, no failure`);
  }
}
const seconds = (performance.now() - started) / 1000;
console.log(
  `${checked} documents (${(bytes / 1e6).toFixed(1)} M code units) checked in ${seconds.toFixed(0)} s, seed ${seed}: ${failures === 0 ? 'zero exceptions, every range valid' : `${failures} failing propert${failures === 1 ? 'y' : 'ies'}`}`,
);

// Growth with size: a sample document repeated to each size, and single lines up to 10 MB.
function timeOf(text: string): number {
  const times: number[] = [];
  for (let i = 0; i < 3; i++) {
    const start = performance.now();
    analyze(text);
    times.push(performance.now() - start);
  }
  return times.sort((a, b) => a - b)[1];
}
// Distinct documents, not one repeated: identical chunks are parsed once and would flatter the figure.
function postmortemShaped(size: number): string {
  let text = '';
  for (let round = 0; text.length < size; round++) text += fc.sample(documentArbitrary, { seed: seed + round, numRuns: 100 }).join('\n\n') + '\n\n';
  return text.slice(0, size);
}
const shapes: Array<[string, (size: number) => string]> = [
  ['postmortem-shaped', postmortemShaped],
  ['one line of words', (size) => 'word '.repeat(size / 5)],
  ['one line of emoji', (size) => '🔥'.repeat(size / 2)],
  ['one line of "10:15 "', (size) => '10:15 '.repeat(size / 6)],
];
let worst = 0;
console.log('\nms per MB by size (ratio to the 100 KB figure)');
for (const [name, make] of shapes) {
  const sizes = [100_000, 1_000_000, 10_000_000];
  const perMb = sizes.map((size) => timeOf(make(size)) / (size / 1e6));
  const ratios = perMb.map((value) => value / perMb[0]);
  worst = Math.max(worst, ...ratios);
  console.log(`  ${name.padEnd(22)} ${sizes.map((size, i) => `${size / 1e6} MB: ${perMb[i].toFixed(0)} ms/MB (${ratios[i].toFixed(2)}x)`).join('   ')}`);
}
console.log(`worst ratio: ${worst.toFixed(2)}x (1.00x is linear)`);
process.exit(failures === 0 ? 0 : 1);
