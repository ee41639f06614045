/**
 * The language server under load, over stdio, as an editor drives it: how long huge documents
 * take to first diagnostics, how long a keystroke in a 1 MB report takes to its published
 * diagnostics, how many requests a second it answers during open/change/close storms, and
 * whether it leaks. Resident memory alone says little (V8 keeps the heap it grew),
 * so the storms run against a server whose old generation is capped at HEAP_CAP_MB: a leak
 * would make it run out of memory and die within a few rounds; a flat figure means none.
 *
 *   npm run bench:server      (after node build.mjs)
 *
 * Reports; exits 1 only if the server dies or stops answering.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { analyze } from '../server/src/analysis/index.js';
import { generatePostmortem } from './generate.js';
import { mulberry32 } from '../test/support/random.js';
import { LspClient } from '../test/lsp/client.js';

const ROUNDS = 10;
const HEAP_CAP_MB = 64;
const DOCUMENTS_PER_ROUND = 200;
const EDITS_PER_DOCUMENT = 20;
/** Keystrokes typed into a 1 MB report through the server, and the time between them. */
const KEYSTROKES = 300;
const TYPING_INTERVAL_MS = 50;
const FIXTURES = join(import.meta.dirname, '..', 'test', 'fixtures');

/** Resident memory of a process, from /proc (Linux); null elsewhere. */
function residentMb(pid: number): number | null {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = /VmRSS:\s+(\d+)/.exec(status)?.[1];
    return kb ? Number(kb) / 1024 : null;
  } catch {
    return null;
  }
}

/** The position of the time of the timeline entry nearest the middle of `text`. */
function timeNearMiddle(text: string): { line: number; character: number } {
  const match = /(?:^|\n)(?:- (?:\*\*)?)?(\d{1,2}:\d{2})/g;
  match.lastIndex = Math.max(0, text.lastIndexOf('\n', text.length / 2));
  const found = match.exec(text);
  const offset = found ? found.index + found[0].length - found[1].length : 0;
  const before = text.slice(0, offset);
  const lineStart = before.lastIndexOf('\n') + 1;
  let line = 0;
  for (let at = before.indexOf('\n'); at !== -1; at = before.indexOf('\n', at + 1)) line++;
  return { line, character: offset - lineStart + 1 };
}

const mb = (value: number | null): string => (value === null ? 'n/a' : `${value.toFixed(0)} MB`);

async function main(): Promise<void> {
  const client = new LspClient();
  client.configuration = { debounceMs: 20 };
  await client.initialize({ workspace: { configuration: true } });
  const pid = client.process.pid!;
  console.log(`Server bench: Node ${process.version}, server pid ${pid}, resident at start ${mb(residentMb(pid))}`);

  // Huge documents: time from didOpen to the first published diagnostics.
  for (const [name, text] of [
    ['10 MB single line of "10:15 "', '10:15 '.repeat(10_000_000 / 6)],
    ['3 MB generated report', generatePostmortem(3_000_000, 3)],
    ['10 MB generated report', generatePostmortem(10_000_000, 4)],
  ] as const) {
    const uri = `file:///work/postmortems/huge-${name.length}.md`;
    const start = performance.now();
    await client.open(uri, text, 'postmortem');
    await client.latest(uri, (params) => params.version === 1);
    const opened = performance.now() - start;
    // A hover on a time: the timeline entry nearest the middle of the report (the single line's first time).
    const hoverStart = performance.now();
    const answer = await client.request<{ contents: { value: string } } | null>('textDocument/hover', {
      textDocument: { uri },
      position: timeNearMiddle(text),
    });
    const hover = performance.now() - hoverStart;
    // The time's hover: a timeline entry's, or the incident start's where the window is read from
    // that time (the single line is both: its first time is where the incident starts).
    if (!/\*\*(?:Timeline entry|Incident start|Incident end)/.test(answer?.contents.value ?? '')) throw new Error(`no time hover on ${name}`);
    console.log(
      `  ${name.padEnd(32)} first diagnostics ${opened.toFixed(0).padStart(6)} ms, then a hover on a time ${hover.toFixed(1)} ms, resident ${mb(residentMb(pid))}`,
    );
    await client.close(uri);
  }

  await client.stop();

  // Keystroke to diagnostics through the server, end to end: a keystroke sent as a ranged
  // didChange, 50 ms after the one before, until the server publishes that version's diagnostics.
  // The keystrokes are those of bench/editing.ts (a letter, or one time in ten a line break, or a
  // deletion, at a random place). The server runs with the young generation the VS Code client
  // gives it (--max-semi-space-size=32) and no debounce, over stdio (VS Code uses node IPC).
  const typing = new LspClient(['--max-semi-space-size=32']);
  typing.configuration = { debounceMs: 0 };
  await typing.initialize({ workspace: { configuration: true } });
  const report = generatePostmortem(1_000_000, 1);
  const typingUri = 'file:///work/postmortems/typing.md';
  await typing.open(typingUri, report, 'postmortem');
  await typing.latest(typingUri, (params) => params.version === 1);
  const lines = report.split('\n');
  const typingRandom = mulberry32(7);
  const latencies: number[] = [];
  for (let i = 0; i < KEYSTROKES; i++) {
    await new Promise((resolve) => setTimeout(resolve, TYPING_INTERVAL_MS));
    const line = Math.floor(typingRandom() * lines.length);
    const character = Math.floor(typingRandom() * (lines[line].length + 1));
    const roll = typingRandom();
    const inserted = roll < 0.8 ? 'x' : roll < 0.9 ? '\n' : '';
    // A deletion takes the character after the cursor, or at a line's end the line break.
    const joins = inserted === '' && character === lines[line].length;
    if (joins && line + 1 === lines.length) continue;
    const end = inserted !== '' ? { line, character } : joins ? { line: line + 1, character: 0 } : { line, character: character + 1 };
    const start = performance.now();
    const version = await typing.edit(typingUri, { start: { line, character }, end }, inserted);
    await typing.diagnostics(typingUri, version);
    latencies.push(performance.now() - start);
    const text = lines[line];
    if (inserted === '\n') lines.splice(line, 1, text.slice(0, character), text.slice(character));
    else if (joins) lines.splice(line, 2, text + lines[line + 1]);
    else lines[line] = text.slice(0, character) + inserted + text.slice(inserted === '' ? character + 1 : character);
  }
  // The server's copy must be the text typed here: its last diagnostics are those of that text.
  const expected = analyze(lines.join('\n'), { now: new Date() }).diagnostics.length;
  const published = (await typing.latest(typingUri, () => true)).diagnostics.length;
  await typing.stop();
  const sorted = [...latencies].sort((a, b) => a - b);
  const at = (p: number): string => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)].toFixed(2);
  console.log(
    `  keystroke to published diagnostics, 1 MB report, ${latencies.length} keystrokes ${TYPING_INTERVAL_MS} ms apart, no debounce: p50 ${at(50)} ms, p95 ${at(95)} ms, p99 ${at(99)} ms, max ${at(100)} ms`,
  );
  if (published !== expected) throw new Error(`after typing, the server published ${published} diagnostics where the typed text has ${expected}`);

  // Storm rounds: open many reports, type into each, ask for features, close them all.
  const capped = new LspClient([`--max-old-space-size=${HEAP_CAP_MB}`]);
  capped.configuration = { debounceMs: 20 };
  await capped.initialize({ workspace: { configuration: true } });
  const cappedPid = capped.process.pid!;
  const texts = readdirSync(FIXTURES)
    .filter((file) => file.endsWith('.md'))
    .map((file) => readFileSync(join(FIXTURES, file), 'utf8'));
  const random = mulberry32(1);
  console.log(
    `\nStorm rounds on a server with --max-old-space-size=${HEAP_CAP_MB}: ${DOCUMENTS_PER_ROUND} documents x ${EDITS_PER_DOCUMENT} edits, a request after each edit, then every document closed`,
  );
  const resident: Array<number | null> = [];
  for (let round = 0; round < ROUNDS; round++) {
    const start = performance.now();
    const requests: Array<Promise<unknown>> = [];
    const uris: string[] = [];
    for (let i = 0; i < DOCUMENTS_PER_ROUND; i++) {
      const uri = `file:///work/postmortems/storm-${round}-${i}.md`;
      uris.push(uri);
      let text = texts[i % texts.length];
      await capped.open(uri, text);
      for (let edit = 0; edit < EDITS_PER_DOCUMENT; edit++) {
        const lines = text.split('\n');
        const line = Math.floor(random() * lines.length);
        const character = Math.floor(random() * (lines[line].length + 1));
        await capped.edit(uri, { start: { line, character }, end: { line, character } }, 'x');
        lines[line] = lines[line].slice(0, character) + 'x' + lines[line].slice(character);
        text = lines.join('\n');
        requests.push(
          capped
            .request(edit % 2 ? 'textDocument/hover' : 'textDocument/documentSymbol', { textDocument: { uri }, position: { line, character } })
            .catch(() => null),
        );
      }
    }
    await Promise.all(requests);
    for (const uri of uris) await capped.close(uri);
    // A request after the closes is answered once every close before it is handled.
    await capped.request('textDocument/documentSymbol', { textDocument: { uri: uris[0] } });
    const seconds = (performance.now() - start) / 1000;
    resident.push(residentMb(cappedPid));
    console.log(
      `  round ${round + 1}: ${(requests.length / seconds).toFixed(0)} requests/s with ${DOCUMENTS_PER_ROUND * EDITS_PER_DOCUMENT} edits, ${seconds.toFixed(1)} s; resident after closing all ${mb(resident.at(-1)!)}`,
    );
  }
  const first = resident[1];
  const last = resident.at(-1);
  if (first !== null && first !== undefined && last !== null && last !== undefined) {
    console.log(
      `resident memory from round 2 to round ${ROUNDS}: ${first.toFixed(0)} -> ${last.toFixed(0)} MB (${last - first > 32 ? 'GROWING: look for a leak' : 'flat'})`,
    );
  }
  const alive = capped.process.exitCode === null;
  await capped.stop();
  console.log(`server alive and answering throughout: ${alive ? 'yes' : 'NO'}`);
  if (!alive) process.exitCode = 1;
}

main().catch((error: unknown) => {
  console.error(error);
  // The servers it started would keep it running: a bench that failed ends, and takes them with it.
  process.exit(1);
});
