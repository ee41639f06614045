/**
 * Lazy continuation lines (issue 14): a list item or block quote followed by many lines with no
 * blank line, the shape of Word bullets pasted under an action item, analysed cold at 0.4, 0.8
 * and 1.6 MB, beside a plain paragraph of the same size. Linear growth keeps the time per
 * megabyte flat from size to size.
 *
 *   npm run bench:lazy
 *
 * Reports; exits 1 only if an analysis throws.
 */
import { performance } from 'node:perf_hooks';
import { analyze } from '../server/src/analysis/index.js';

const SIZES_MB = [0.4, 0.8, 1.6];
const NOW = new Date('2026-11-21T12:00:00Z');

function document(head: string, bytes: number): string {
  const lines = [head];
  let size = head.length;
  for (let i = 0; size < bytes; i++) {
    const line =
      i % 4 === 0 ? `•\trestart the pods in region ${i % 97} and watch the error rate` : `pasted from the incident doc, line ${i}, no blank line before it`;
    lines.push(line);
    size += line.length + 1;
  }
  return lines.join('\n') + '\n';
}

const SHAPES = [
  { name: 'list item + lazy lines', head: '- [ ] owner: @ana' },
  { name: 'block quote + lazy lines', head: '> quoted from the chat' },
  { name: 'plain paragraph', head: 'A paragraph' },
];

console.log(`Lazy continuation bench: Node ${process.version}; cold analysis, one run per size after a warm-up`);
analyze(document(SHAPES[0].head, 50_000), { now: NOW });
for (const shape of SHAPES) {
  const figures: string[] = [];
  let first = 0;
  for (const mb of SIZES_MB) {
    const text = document(shape.head, mb * 1e6);
    const start = performance.now();
    analyze(text, { now: NOW });
    const ms = performance.now() - start;
    const perMb = ms / (text.length / 1e6);
    if (first === 0) first = perMb;
    figures.push(`${mb} MB: ${ms.toFixed(0)} ms (${perMb.toFixed(0)} ms/MB, ${(perMb / first).toFixed(2)}x)`);
  }
  console.log(`  ${shape.name.padEnd(26)} ${figures.join('   ')}`);
}
