/**
 * Editing speed on a 1 MB postmortem: keystroke-to-diagnostics (the re-analysis after one
 * typed or deleted character, with the Analyzer that keeps unchanged chunks) and completion,
 * beside re-linting the same edit with markdownlint, in one run.
 *
 * A keystroke is applied as the server applies it: `OpenDocument.update` (the server's document,
 * its text in pieces) with the change's range, then the analysis of the new text with the change's
 * offsets. Both are timed: the update is part of what the server does per keystroke. The analysis
 * alone is shown beside it. Completion reads the text around the cursor from the pieces, as the
 * server's handler does.
 *
 * Keystrokes are timed twice, in this order:
 * - As typed, right after the report is opened: each keystroke in its own turn of the event loop,
 *   TYPING_INTERVAL_MS after the one before, as didChange notifications reach the server (which
 *   would also wait out its debounce, 200 ms, before checking: here every keystroke is checked).
 *   Between turns V8 finishes what it does beside the program (collections, compiling hot code),
 *   as it does in the server. This is the figure the target is for.
 * - Back to back: the same number of keystrokes in one synchronous loop, with no idle time at all.
 *   No editor sends that; it shows what a keystroke costs when V8 never gets a moment to itself.
 *
 * Targets (from the issue): keystroke-to-diagnostics p95 <= 5 ms, completion p99 <= 5 ms.
 * The bench reports; it fails only if the analysis throws or an incremental result differs
 * from a cold analysis of the same text.
 *
 * Run with `npm run bench:editing`, which gives Node the young-generation size the VS Code client
 * starts the server with (--max-semi-space-size=32); plain `node --import tsx bench/editing.ts` uses Node's default.
 */
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { lint } from 'markdownlint/sync';
import { analyze, Analyzer, toInspectJson } from '../server/src/analysis/index.js';
import { completionsAt } from '../server/src/analysis/providers/completion.js';
import { OpenDocument } from '../server/src/document.js';
import type { PieceText } from '../server/src/pieceText.js';
import { generatePostmortem } from './generate.js';
import { mulberry32 } from '../test/support/random.js';

const OPTIONS = { now: new Date(Date.UTC(2025, 0, 1)) };
const KEYSTROKES = 300;
/** Milliseconds between keystrokes as typed: 20 characters a second, faster than anyone types. */
const TYPING_INTERVAL_MS = 50;
const COMPLETIONS = 500;
/** Completion requests per analysis: editors ask as the user types, and the server analyses after a pause. */
const COMPLETIONS_PER_MODEL = 4;
const MARKDOWNLINT_RUNS = 5;

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

function row(label: string, values: number[]): string {
  const f = (v: number): string => v.toFixed(2).padStart(9);
  return `${label.padEnd(34)} ${String(values.length).padStart(5)} ${f(percentile(values, 50))} ${f(percentile(values, 95))} ${f(percentile(values, 99))} ${f(Math.max(...values))}`;
}

const random = mulberry32(7);
let document = OpenDocument.create('file:///bench.postmortem.md', 'postmortem', 0, generatePostmortem(1_000_000, 1));
const analyzer = new Analyzer();
let last = analyzer.analyze(document.text, OPTIONS);
// Versions for markdownlint, joined after the keystrokes (joining is not part of one).
const edits: PieceText[] = [];

/** Types one keystroke at a random place (mostly a letter, sometimes a newline or a deletion); returns [keystroke ms, analysis ms]. */
function keystroke(): [number, number] {
  const at = Math.floor(random() * document.text.length);
  const roll = random();
  const inserted = roll < 0.8 ? 'x' : roll < 0.9 ? '\n' : '';
  const removed = inserted === '' ? 1 : 0;
  // The editor sends the change as a range (LSP incremental sync); the server turns it into offsets.
  const range = { start: document.positionAt(at), end: document.positionAt(at + removed) };
  const start = performance.now();
  const from = document.offsetAt(range.start);
  const change = { from, previousTo: document.offsetAt(range.end), to: from + inserted.length };
  document = OpenDocument.update(document, [{ range, text: inserted }], document.version + 1);
  const analysisStart = performance.now();
  last = analyzer.analyze(document.text, OPTIONS, change);
  const end = performance.now();
  if (edits.length < MARKDOWNLINT_RUNS && document.version % 60 === 1) edits.push(document.text);
  return [end - start, end - analysisStart];
}

async function main(): Promise<void> {
  const typed: number[] = [];
  const typedAnalysis: number[] = [];
  for (let i = 0; i < KEYSTROKES; i++) {
    await new Promise((resolve) => setTimeout(resolve, TYPING_INTERVAL_MS));
    const [total, analysis] = keystroke();
    typed.push(total);
    typedAnalysis.push(analysis);
  }
  const backToBack: number[] = [];
  for (let i = 0; i < KEYSTROKES; i++) backToBack.push(keystroke()[0]);

  // Completion at line starts and after times, on the last model (it never waits for one), as the
  // server's handler does it: the request's position to an offset and back to its line, then the
  // text around the cursor read from the pieces.
  let text = document.getText();
  const completion: number[] = [];
  let answered = 0;
  for (let i = 0; i < COMPLETIONS; i++) {
    // Every few requests come after a new analysis: the first request on a model reads what it
    // needs of the timeline (its zones, its last entry), later ones reuse that. Where to ask is
    // found in the text as it is then (joined outside the timing).
    if (i % COMPLETIONS_PER_MODEL === 0) {
      keystroke();
      text = document.getText();
    }
    let offset = text.indexOf('\n', Math.floor(random() * text.length)) + 1;
    if (i % 2 === 1) {
      const time = text.indexOf(' UTC', offset);
      if (time > 0) offset = time + 1;
    }
    const position = document.positionAt(offset);
    const start = performance.now();
    const at = document.offsetAt(position);
    const items = completionsAt({ text: document.text, offset: at, line: document.positionAt(at).line, model: last.model, snippets: true });
    completion.push(performance.now() - start);
    if (items.length > 0) answered++;
  }

  const markdownlint: number[] = [];
  for (let i = 0; i < MARKDOWNLINT_RUNS; i++) {
    const start = performance.now();
    lint({ strings: { doc: edits[i % edits.length].toString() } });
    markdownlint.push(performance.now() - start);
  }

  // The incremental result must be the cold result.
  const cold = analyze(document.getText(), OPTIONS);
  const same =
    JSON.stringify(toInspectJson(cold.model)) === JSON.stringify(toInspectJson(last.model)) &&
    JSON.stringify(cold.diagnostics) === JSON.stringify(last.diagnostics);

  console.log(
    `Editing bench: ${(text.length / 1e6).toFixed(2)} MB report, Node ${process.version} ${process.execArgv.filter((arg) => arg.startsWith('--max-')).join(' ')}, ${os.cpus()[0]?.model ?? 'unknown CPU'}, ${os.cpus().length} cores`,
  );
  console.log(`${'ms per operation'.padEnd(34)} ${'runs'.padStart(5)} ${'p50'.padStart(9)} ${'p95'.padStart(9)} ${'p99'.padStart(9)} ${'max'.padStart(9)}`);
  console.log(row(`keystroke, as typed (every ${TYPING_INTERVAL_MS} ms)`, typed));
  console.log(row('  of which analysis', typedAnalysis));
  console.log(row('keystroke, back to back', backToBack));
  console.log(row('completion', completion));
  console.log(row('markdownlint, same edit (full)', markdownlint));
  console.log(
    `keystroke p95, as typed: ${percentile(typed, 95).toFixed(2)} ms (target <= 5): ${percentile(typed, 95) <= 5 ? 'met' : 'NOT met'}; back to back: ${percentile(backToBack, 95).toFixed(2)} ms`,
  );
  console.log(
    `completion p99 ${percentile(completion, 99).toFixed(2)} ms (target <= 5): ${percentile(completion, 99) <= 5 ? 'met' : 'NOT met'}; ${answered} of ${COMPLETIONS} requests offered items`,
  );
  console.log(`markdownlint / keystroke as typed (p50): ${(percentile(markdownlint, 50) / percentile(typed, 50)).toFixed(0)}x`);
  console.log(`incremental result equals cold analysis: ${same ? 'yes' : 'NO'}`);
  if (!same) process.exitCode = 1;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
