/**
 * Whether the server answers one document while it checks another (issue 14): a large report is
 * opened, and while its first check runs, a small report is hovered every 100 ms; then, with the
 * large report checked, a line of it is typed over while the small one is hovered again. A
 * request should wait at most about one slice (SLICE_MS in workspace.ts) and a step behind the
 * large one. The first hover is reported apart: it waits for the open's megabytes on the pipe.
 * Between the two, the large report's status and code lens are asked for (they read its metrics,
 * built when first read), and the small one hovered meanwhile.
 * Two large reports: a 20 MB generated postmortem, and one whose timeline is 200,000 lines.
 *
 *   npm run bench:responsive                      (after node build.mjs)
 *   npm run bench:responsive -- --server=PATH     (another build of the server, to compare)
 *
 * Prints the machine's load average beside the figures: on a busy machine a step is stretched by
 * the processes it shares the cores with. Reports; exits 1 only if the server dies or stops answering.
 */
import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { generateLongTimeline, generatePostmortem } from './generate.js';
import { LspClient, SERVER } from '../test/lsp/client.js';
import { STATUS_METHOD } from '../server/src/protocol.js';

const SMALL = '# Outage\n\n## Summary\n\nFrom 10:00 to 11:00 UTC on 2024-05-01.\n\n## Timeline\n\n- 10:15 UTC: paged\n- 10:40 UTC: fixed\n';
const server = process.argv.find((arg) => arg.startsWith('--server='))?.slice('--server='.length) ?? SERVER;

function summary(times: number[]): string {
  if (times.length === 0) return 'no hovers';
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

const load = (): string =>
  loadavg()
    .map((value) => value.toFixed(2))
    .join(', ');

async function measure(label: string, big: string): Promise<void> {
  // The young generation the VS Code client gives the server (client/src/languageClient.ts).
  const client = new LspClient(['--max-semi-space-size=32'], server);
  client.configuration = { debounceMs: 20 };
  await client.initialize({ workspace: { configuration: true } });
  await client.open('file:///small.postmortem.md', SMALL, 'postmortem');
  await client.latest('file:///small.postmortem.md', (params) => params.version === 1);
  const uri = 'file:///big.postmortem.md';
  console.log(`  ${label} (${(big.length / 1e6).toFixed(1)} MB), load average ${load()}`);
  const start = performance.now();
  const opened = client.open(uri, big, 'postmortem').then(() => client.latest(uri, (params) => params.version === 1));
  const [first, ...during] = await hoversWhile(client, opened);
  console.log(`    opened: first diagnostics after ${(performance.now() - start).toFixed(0)} ms`);
  // The first hover is sent right behind the didOpen, on the same pipe: the server reads it only
  // after the whole report has come through and been parsed as one JSON message.
  console.log(`    first hover in the small report, sent just behind the open: ${first.toFixed(1)} ms`);
  console.log(`    hover in the small report meanwhile, after that one: ${summary(during)}`);
  // The status item and the code lens on the Timeline heading read the report's metrics, which
  // are built when first read (for each version): a request the editor sends for the report it shows.
  const asked = performance.now();
  const answered: string[] = [];
  const answer = (what: string) => (): void => void answered.push(`${what} after ${(performance.now() - asked).toFixed(0)} ms`);
  const metrics = Promise.all([
    client.request(STATUS_METHOD, { uri }).then(answer('status')),
    client.request('textDocument/codeLens', { textDocument: { uri } }).then(answer('code lens')),
  ]);
  const duringMetrics = await hoversWhile(client, metrics);
  console.log(`    hover in the small report while its status and code lens are answered (${answered.join(', ')}): ${summary(duringMetrics)}`);
  const typed = (async () => {
    for (let i = 0; i < 3; i++) {
      const version = await client.edit(uri, { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, i === 1 ? '\n\n' : 'x');
      await client.latest(uri, (params) => params.version === version);
    }
  })();
  const afterEdits = await hoversWhile(client, typed);
  console.log(`    hover in the small report while edits at the top of it are checked: ${summary(afterEdits)}`);
  await client.stop();
}

async function main(): Promise<void> {
  console.log(`Responsiveness bench: Node ${process.version}, server ${server}, load average ${load()}`);
  await measure('a 20 MB report', generatePostmortem(20_000_000, 3));
  await measure('a timeline of 200,000 lines', generateLongTimeline(200_000));
  console.log(`  load average at the end ${load()}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
