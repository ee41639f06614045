/**
 * Whether the server answers one document while it checks another (issue 14): a 20 MB report
 * is opened, and while its first check runs, a small report is hovered every 100 ms; then, with
 * the big report checked, a line of it is typed over while the small one is hovered again. A
 * request should wait at most about one slice (SLICE_MS in workspace.ts) behind the big one.
 *
 *   npm run bench:responsive      (after node build.mjs)
 *
 * Reports; exits 1 only if the server dies or stops answering.
 */
import { performance } from 'node:perf_hooks';
import { generatePostmortem } from './generate.js';
import { LspClient } from '../test/lsp/client.js';

const BIG_MB = 20;
const SMALL = '# Outage\n\n## Summary\n\nFrom 10:00 to 11:00 UTC on 2024-05-01.\n\n## Timeline\n\n- 10:15 UTC: paged\n- 10:40 UTC: fixed\n';

function summary(times: number[]): string {
  const sorted = [...times].sort((a, b) => a - b);
  const at = (p: number): number => sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)];
  return `${times.length} hovers, p50 ${at(0.5).toFixed(1)} ms, p95 ${at(0.95).toFixed(1)} ms, max ${sorted[sorted.length - 1].toFixed(1)} ms`;
}

async function hoversWhile(client: LspClient, busy: Promise<unknown>): Promise<number[]> {
  let done = false;
  void busy.then(() => (done = true));
  const times: number[] = [];
  while (!done) {
    const start = performance.now();
    await client.request('textDocument/hover', { textDocument: { uri: 'file:///small.postmortem.md' }, position: { line: 8, character: 4 } });
    times.push(performance.now() - start);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return times;
}

async function main(): Promise<void> {
  const client = new LspClient();
  client.configuration = { debounceMs: 20 };
  await client.initialize({ workspace: { configuration: true } });
  console.log(`Responsiveness bench: Node ${process.version}, a ${BIG_MB} MB report and a small one`);
  await client.open('file:///small.postmortem.md', SMALL, 'postmortem');
  await client.latest('file:///small.postmortem.md', (params) => params.version === 1);
  const big = generatePostmortem(BIG_MB * 1_000_000, 3);
  const uri = 'file:///big.postmortem.md';
  const start = performance.now();
  const opened = client.open(uri, big, 'postmortem').then(() => client.latest(uri, (params) => params.version === 1));
  const during = await hoversWhile(client, opened);
  console.log(`  ${BIG_MB} MB report opened: first diagnostics after ${(performance.now() - start).toFixed(0)} ms`);
  console.log(`  hover in the small report meanwhile: ${summary(during)}`);
  const typed = (async () => {
    for (let i = 0; i < 3; i++) {
      const version = await client.edit(uri, { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, i === 1 ? '\n\n' : 'x');
      await client.latest(uri, (params) => params.version === version);
    }
  })();
  const afterEdits = await hoversWhile(client, typed);
  console.log(`  hover in the small report while edits at the top of the big one are checked: ${summary(afterEdits)}`);
  await client.stop();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
