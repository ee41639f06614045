/**
 * Cost of a cold full analysis against remark-parse alone and markdownlint,
 * on generated postmortems of about 10 KB, 100 KB and 1 MB.
 *
 * Target (from the issue): "Cold full analysis should cost at most 1.3x
 * remark-parse alone". The bench only reports; a missed target does not fail
 * the process, but an analysis that throws does.
 *
 * Run with `npm run bench` (or `node --import tsx bench/analysis.ts`).
 */
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { lint } from 'markdownlint/sync';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { analyze } from '../server/src/analysis/index.js';
import { generatePostmortem } from './generate.js';

const TARGET_RATIO = 1.3;
const SIZES = [
  { label: '10 KB', bytes: 10_000 },
  { label: '100 KB', bytes: 100_000 },
  { label: '1 MB', bytes: 1_000_000 },
] as const;

// Each size gets about the same wall time: many runs where they are cheap, few
// (but at least MIN_RUNS) at 1 MB, keeping the whole bench well under two
// minutes on two cores.
const BUDGET_MS_PER_SIZE = 12_000;
const MIN_RUNS = 5;
const MAX_RUNS = 200;

// A fixed "now", so that date-relative checks (dates in the future) do the same
// work whatever day the bench runs; it lies after every generated timeline date.
const ANALYSIS_OPTIONS = { now: new Date(Date.UTC(2025, 0, 1)) };

interface Contender {
  name: string;
  run: (text: string) => unknown;
}

const CONTENDERS: readonly Contender[] = [
  { name: 'remark', run: (text) => unified().use(remarkParse).parse(text) },
  // Cold: a fresh call on the whole text, as when a document is first opened.
  { name: 'analyze', run: (text) => analyze(text, ANALYSIS_OPTIONS) },
  { name: 'markdownlint', run: (text) => lint({ strings: { doc: text } }) },
];

interface Stats {
  median: number;
  p95: number;
}

function timeOnce(contender: Contender, text: string): number {
  const start = performance.now();
  contender.run(text);
  return performance.now() - start;
}

/** Nearest-rank percentile; with few samples p95 is simply the slowest run. */
function percentile(sorted: readonly number[], p: number): number {
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1]!;
}

function summarize(samples: readonly number[]): Stats {
  const sorted = [...samples].sort((a, b) => a - b);
  return { median: percentile(sorted, 50), p95: percentile(sorted, 95) };
}

/**
 * Times every contender on one text, in rounds of one run each. The order
 * rotates from round to round so that drift (thermal throttling, a noisy
 * neighbour) and garbage collection left over by one contender do not always
 * land on the same next one, which keeps the ratios fair.
 */
function measure(text: string): { runs: number; stats: Map<string, Stats> } {
  // One warm-up each, so JIT compilation and module initialisation are not timed.
  for (const contender of CONTENDERS) contender.run(text);

  const samples = new Map<string, number[]>(CONTENDERS.map((c) => [c.name, []]));
  const start = performance.now();
  let runs = 0;
  while (runs < MIN_RUNS || (runs < MAX_RUNS && performance.now() - start < BUDGET_MS_PER_SIZE)) {
    for (let i = 0; i < CONTENDERS.length; i++) {
      const contender = CONTENDERS[(runs + i) % CONTENDERS.length]!;
      samples.get(contender.name)!.push(timeOnce(contender, text));
    }
    runs++;
  }
  const stats = new Map([...samples].map(([name, times]) => [name, summarize(times)]));
  return { runs, stats };
}

/**
 * Checks once, untimed, that the analysis really ran, and says how much it
 * found. Rules that threw are caught by analyze() and would make it look
 * cheaper than it is, so they are called out.
 */
function describeAnalysis(label: string, text: string): string {
  const { model, diagnostics, failures } = analyze(text, ANALYSIS_OPTIONS);
  if (model === undefined || !Array.isArray(diagnostics)) {
    throw new Error('analyze() did not return { model, diagnostics }');
  }
  for (const failure of failures) {
    console.warn(`warning (${label}): rule ${failure.rule} threw: ${failure.error}`);
  }
  const failed = failures.length > 0 ? `, ${failures.length} rules threw` : '';
  return `${diagnostics.length} diagnostics${failed}`;
}

const ms = (value: number): string => value.toFixed(2);
const cell = (s: Stats): string => `${ms(s.median)} / ${ms(s.p95)}`;
const ratio = (a: Stats, b: Stats): string => `${(a.median / b.median).toFixed(2)}x`;

function printHeader(): void {
  const cpus = os.cpus();
  console.log(`Postmortem analysis bench — Node ${process.version}, ${cpus[0]?.model ?? 'unknown CPU'}, ${cpus.length} cores`);
  console.log('Times in ms per run, median / p95 (nearest rank), after one warm-up run each.\n');
}

function printTable(rows: readonly string[][]): void {
  const widths = rows[0]!.map((_, col) => Math.max(...rows.map((row) => row[col]!.length)));
  const line = (row: readonly string[]): string => row.map((text, col) => (col === 0 ? text.padEnd(widths[col]!) : text.padStart(widths[col]!))).join('  ');
  console.log(line(rows[0]!));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const row of rows.slice(1)) console.log(line(row));
}

function main(): void {
  printHeader();
  const rows: string[][] = [['size', 'bytes', 'runs', 'remark ms', 'analyze ms', 'markdownlint ms', 'analyze/remark', 'markdownlint/remark', 'found']];
  const verdicts: string[] = [];

  for (const size of SIZES) {
    const text = generatePostmortem(size.bytes);
    const found = describeAnalysis(size.label, text);
    const { runs, stats } = measure(text);
    const remark = stats.get('remark')!;
    const analysis = stats.get('analyze')!;
    const markdownlint = stats.get('markdownlint')!;
    rows.push([
      size.label,
      String(Buffer.byteLength(text)),
      String(runs),
      cell(remark),
      cell(analysis),
      cell(markdownlint),
      ratio(analysis, remark),
      ratio(markdownlint, remark),
      found,
    ]);
    const within = analysis.median <= TARGET_RATIO * remark.median;
    verdicts.push(`${size.label}: ${within ? 'yes' : 'NO'} (${ratio(analysis, remark)})`);
  }

  printTable(rows);
  console.log(`\nCold analysis within ${TARGET_RATIO}x remark-parse alone (median)? ${verdicts.join('; ')}`);
}

try {
  main();
} catch (error) {
  console.error('bench failed:');
  console.error(error);
  process.exitCode = 1;
}
