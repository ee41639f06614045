/**
 * The editor bench: how quickly Postmortem answers inside a real VS Code (code-server 4.100.3,
 * VS Code 1.100.3, driven by headless Chromium as the in-editor tests are), beside VS Code's
 * built-in Markdown link validation measured on the same documents in the same windows.
 *
 *   npm run bench:editor [-- --windows=3 --keystrokes=5 --compare=../other-checkout --dev]
 *
 * Each window is fresh (new code-server, new user data, nothing open): the first report opened in
 * it is "cold" (the extension activates and the server starts), the others "warm". Figures are
 * medians and maxima in milliseconds, printed with the machine's load; this is a bench that reports,
 * not a timed test: it fails only when it could not measure. bench/editor/host.ts does the measuring.
 */
import { copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { format } from 'node:util';
import { execFileSync } from 'node:child_process';
import type { Browser } from 'playwright-core';
import { analyze } from '../server/src/analysis/index';
import { CHROMIUM, chromiumArgs, installCodeServer, startCodeServer, workbenchUrl, type RunningCodeServer } from '../scripts/code-server/launch';
import { PRESS_PREFIX } from '../test/e2e/keys';
import { prepareScratch, SEEDS } from '../test/e2e/workspace';
import { BENCH_PREFIX, LINK_LINE, type HostResult } from './editor/shared';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const HOST = join(ROOT, 'out/bench/editor/host.js');
const WINDOW_TIMEOUT_MS = 180_000;

function option(name: string, fallback: number): number {
  const arg = process.argv.find((value) => value.startsWith(`--${name}=`));
  return arg ? Number(arg.slice(name.length + 3)) : fallback;
}

/**
 * The reports: the seeds the core finds problems in (a report without problems never gets a first
 * diagnostic to time), then the broken examples, each ending with a link the Markdown validation
 * reports; and a README for that link to mend to.
 */
function prepareBenchWorkspace(): { scratch: string; folder: string } {
  const { scratch, folder } = prepareScratch();
  mkdirSync(join(folder, 'postmortems'));
  const seeds = existsSync(SEEDS)
    ? readdirSync(SEEDS)
        .filter((name) => name.endsWith('.txt'))
        .sort()
        .map((name) => join(SEEDS, name))
    : [];
  const examples = readdirSync(join(ROOT, 'examples/broken'))
    .sort()
    .map((name) => join(ROOT, 'examples/broken', name));
  let index = 0;
  for (const source of [...seeds, ...examples]) {
    const text = readFileSync(source, 'utf8').replace(/\s*$/, '\n');
    if (analyze(text).diagnostics.length === 0) continue;
    // Numbered, so the host opens them in this order: a seed first, as in the issue.
    const name = `${String(index++).padStart(2, '0')}-${source
      .split('/')
      .pop()!
      .replace(/\.txt$/, '.md')}`;
    writeFileSync(join(folder, 'postmortems', name), `${text}\n${LINK_LINE}\n`);
  }
  copyFileSync(join(ROOT, 'README.md'), join(folder, 'README.md'));
  return { scratch, folder };
}

/**
 * The extension as users get it: the files the .vsix holds (scripts/package.mjs) with production
 * bundles, staged from the source tree `root` (this one, or another checkout to compare with).
 */
function stageExtension(root: string): string {
  const stage = mkdtempSync(join(tmpdir(), 'postmortem-bench-extension-'));
  for (const entry of ['package.json', 'README.md', 'LICENSE', 'snippets', 'syntaxes', 'schemas', 'media', 'language-configuration.json', 'docs']) {
    if (existsSync(join(root, entry))) cpSync(join(root, entry), join(stage, entry), { recursive: true });
  }
  execFileSync(process.execPath, [join(root, 'build.mjs'), '--production', `--out=${join(stage, 'out')}`], { cwd: root, stdio: 'inherit' });
  return stage;
}

/** The lines the extension wrote to its output channel (code-server keeps them under the user data's logs). */
function extensionLog(scratch: string): string[] {
  const found: string[] = [];
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (/Postmortem\.log$/.test(entry.name))
        found.push(
          ...readFileSync(path, 'utf8')
            .split('\n')
            .filter((line) => line.includes('[postmortem]')),
        );
    }
  };
  if (existsSync(join(scratch, 'user-data', 'logs'))) walk(join(scratch, 'user-data', 'logs'));
  return found;
}

async function oneWindow(entry: string, extension: string, keystrokes: number): Promise<HostResult & { log: string[] }> {
  const { scratch, folder } = prepareBenchWorkspace();
  let server: RunningCodeServer | undefined;
  let browser: Browser | undefined;
  try {
    process.env.POSTMORTEM_BENCH = JSON.stringify({ keystrokes });
    server = await startCodeServer(entry, scratch, { 'markdown.validate.enabled': true, 'editor.minimap.enabled': false });
    const { chromium } = await import('playwright-core');
    browser = await chromium.launch({ executablePath: CHROMIUM, args: chromiumArgs() });
    const page = await browser.newPage({ viewport: { width: 1400, height: 860 } });
    let report: (result: HostResult) => void = () => undefined;
    const reported = new Promise<HostResult>((done) => (report = done));
    await page.exposeFunction('codeAutomationLog', async (_type: string, args: unknown[]) => {
      const line = format(...args);
      if (line.startsWith(PRESS_PREFIX)) {
        for (const chord of line.slice(PRESS_PREFIX.length).split(' ')) await page.keyboard.press(chord);
      } else if (line.startsWith(BENCH_PREFIX)) {
        report(JSON.parse(line.slice(BENCH_PREFIX.length)) as HostResult);
      }
    });
    await page.exposeFunction('codeAutomationExit', () => undefined);
    await page.goto(workbenchUrl(server.port, folder, extension, HOST));
    const timeout = new Promise<never>((_, fail) =>
      setTimeout(() => fail(new Error(`the window did not report within ${WINDOW_TIMEOUT_MS / 1000} s`)), WINDOW_TIMEOUT_MS).unref(),
    );
    const result = await Promise.race([reported, timeout]);
    await browser.close();
    browser = undefined;
    return { ...result, log: extensionLog(scratch) };
  } finally {
    await browser?.close();
    server?.stop();
    rmSync(scratch, { recursive: true, force: true });
  }
}

/**
 * What the extension wrote when its server was ready: the times after activation began at which its
 * language client had loaded (null from a checkout that loads it inside activate) and the server
 * answered `initialize`, and when that line was written.
 */
function readyLine(
  result: HostResult & { log: string[] },
): { loggedAt: number; clientLoaded: number | null; clientCode: number | null; serverReady: number } | null {
  const ready = result.log
    .map((line) =>
      /^(\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3}).*activated in \d+ ms; (?:language client loaded (\d+) ms after activation began \(its code (\d+) ms\); )?server ready (\d+) ms after activation began/.exec(
        line,
      ),
    )
    .find(Boolean);
  if (!ready) return null;
  // The log's local time, read as local time.
  return {
    loggedAt: new Date(ready[1].replace(' ', 'T')).getTime(),
    clientLoaded: ready[2] === undefined ? null : Number(ready[2]),
    clientCode: ready[3] === undefined ? null : Number(ready[3]),
    serverReady: Number(ready[4]),
  };
}

/**
 * Where the cold open's time went, in ms after asking VS Code to open the seed, from the host's clock
 * and the extension's log (same machine, same clock). The activation event is when VS Code began
 * loading our code: the one moment that means the same whether a checkout loads its language client
 * before activate() (main) or after it.
 */
function coldTimes(result: HostResult & { log: string[] }): {
  event: number;
  activate: number;
  clientLoaded: number | null;
  serverReady: number;
  firstDiagnostic: number | null;
} | null {
  const cold = result.opens.find((open) => open.cold);
  const ready = readyLine(result);
  if (!cold || result.coldOpenedAt === null || !ready) return null;
  const activationStarted = ready.loggedAt - ready.serverReady;
  const loadCode = result.activation?.loadCode ?? 0;
  const at = (time: number): number => Math.round(time - result.coldOpenedAt!);
  return {
    event: at(activationStarted - loadCode),
    activate: at(activationStarted),
    clientLoaded: ready.clientLoaded === null ? null : at(activationStarted + ready.clientLoaded),
    serverReady: at(ready.loggedAt),
    firstDiagnostic: cold.postmortem,
  };
}

function coldTimeline(result: HostResult & { log: string[] }): string | null {
  const times = coldTimes(result);
  if (!times) return null;
  return `activation event ${times.event}, activate() called ${times.activate}, ${times.clientLoaded === null ? '' : `language client loaded ${times.clientLoaded}, `}server initialized ${times.serverReady}, first diagnostic ${times.firstDiagnostic ?? '-'}`;
}

/**
 * Our "Load Code" less the built-in Markdown's, when one event activated both: VS Code starts the
 * clock of every extension an event activates at once and then loads their code one after another
 * (Markdown's, 1.7 MB, before ours), so our figure includes its loading; the difference is ours.
 */
function ownLoadCode(result: HostResult): number | null {
  const ours = result.activation;
  const markdown = result.markdownActivation;
  if (!ours || !markdown || ours.event !== markdown.event) return null;
  return ours.loadCode - markdown.loadCode;
}

function stats(values: Array<number | null>): string {
  const known = values.filter((value): value is number => value !== null).sort((a, b) => a - b);
  const missing = values.length - known.length;
  if (known.length === 0) return `none of ${values.length}`;
  const median = known.length % 2 ? known[(known.length - 1) / 2] : Math.round((known[known.length / 2 - 1] + known[known.length / 2]) / 2);
  return `median ${median} ms, max ${known[known.length - 1]} ms (n=${known.length}${missing ? `, ${missing} never came` : ''})`;
}

function uptime(): string {
  try {
    return execFileSync('uptime', { encoding: 'utf8' }).trim();
  } catch {
    return `load average: ${loadavg()
      .map((value) => value.toFixed(2))
      .join(', ')}`;
  }
}

async function main(): Promise<number> {
  if (!existsSync(CHROMIUM)) {
    console.error(`SKIPPED: no Chromium at ${CHROMIUM}`);
    return 3;
  }
  if (!existsSync(HOST)) {
    console.error('The bench is not built: run `node build.mjs` first (npm run bench:editor does).');
    return 2;
  }
  const windows = option('windows', 3);
  const keystrokes = option('keystrokes', 5);
  const entry = installCodeServer();
  // --dev: the source tree as it is (development bundles with source maps); else staged as the .vsix has it.
  // --compare=DIR: also another checkout (main, say), its windows interleaved with this one's.
  const dev = process.argv.includes('--dev');
  const compare = process.argv.find((arg) => arg.startsWith('--compare='))?.slice('--compare='.length);
  const trees = [ROOT, ...(compare ? [resolve(compare)] : [])];
  const extensions = trees.map((tree) => ({ tree, path: dev ? tree : stageExtension(tree), results: [] as Array<HostResult & { log: string[] }> }));
  console.log(
    `Editor bench: code-server 4.100.3 (VS Code 1.100.3), ${windows} fresh windows per extension, ${keystrokes} keystroke pairs each; ${cpus().length} CPUs; ${dev ? 'development builds' : 'production builds, as in the .vsix'}`,
  );
  console.log(`before: ${uptime()}`);
  for (let i = 0; i < windows; i++) {
    for (const extension of extensions) {
      const result = await oneWindow(entry, extension.path, keystrokes);
      extension.results.push(result);
      const cold = result.opens.find((open) => open.cold);
      console.log(
        `  ${extension.tree} window ${i + 1}: activation ${result.activation ? `${result.activation.loadCode} + ${result.activation.callActivate} + ${result.activation.finishActivate} ms (${result.activation.event})` : 'not read'}; cold open ${cold?.postmortem ?? '-'} ms (Markdown ${cold?.markdown ?? '-'} ms)${result.errors.length ? `; problems: ${result.errors.join('; ')}` : ''}`,
      );
      const timeline = coldTimeline(result);
      if (timeline) console.log(`    cold open, ms after asking VS Code to open the seed: ${timeline}`);
    }
  }
  console.log(`after: ${uptime()}`);
  let measured = true;
  for (const { tree, path, results } of extensions) {
    const opens = results.flatMap((result) => result.opens);
    const activations = results.map((result) => result.activation).filter((value) => value !== null);
    console.log('');
    const size = (file: string): string => (existsSync(join(path, file)) ? `${file} ${(statSync(join(path, file)).size / 1024).toFixed(0)} KB` : '');
    console.log(`${tree} (${[size('out/client.js'), size('out/languageClient.js')].filter(Boolean).join(', ')}):`);
    console.log(
      `  activation (VS Code's Startup Performance: load code + call activate + finish activate): ${stats(activations.map((a) => a.loadCode + a.callActivate + a.finishActivate))}`,
    );
    console.log(`    of which loading the code: ${stats(activations.map((a) => a.loadCode))}`);
    console.log(`      of which after the built-in Markdown's code had loaded (the same event starts both clocks): ${stats(results.map(ownLoadCode))}`);
    const ready = results.map(readyLine);
    if (ready.some((line) => line?.clientLoaded !== null && line?.clientLoaded !== undefined))
      console.log(
        `  after activate() returned: the language client loaded ${stats(ready.map((line) => line?.clientLoaded ?? null))} after activation began (its code ${stats(ready.map((line) => line?.clientCode ?? null))})`,
      );
    console.log(`  server ready (answered initialize), after activation began: ${stats(ready.map((line) => line?.serverReady ?? null))}`);
    const cold = results.map(coldTimes);
    console.log(
      `  cold window, from the activation event (VS Code begins loading our code): server ready ${stats(cold.map((times) => (times ? times.serverReady - times.event : null)))}; first diagnostic ${stats(cold.map((times) => (times?.firstDiagnostic != null ? times.firstDiagnostic - times.event : null)))}`,
    );
    const markdown = results.map((result) => result.markdownActivation).filter((value) => value !== null);
    console.log(
      `    built-in Markdown's, in the same windows: ${stats(markdown.map((a) => a.loadCode + a.callActivate + a.finishActivate))}; loading its code ${stats(markdown.map((a) => a.loadCode))}`,
    );
    console.log(
      `  open to first diagnostic, cold (first report in a fresh window): Postmortem ${stats(opens.filter((o) => o.cold).map((o) => o.postmortem))}; built-in Markdown ${stats(opens.filter((o) => o.cold).map((o) => o.markdown))}`,
    );
    console.log(
      `  open to first diagnostic, warm (later reports in the window):    Postmortem ${stats(opens.filter((o) => !o.cold).map((o) => o.postmortem))}; built-in Markdown ${stats(opens.filter((o) => !o.cold).map((o) => o.markdown))}`,
    );
    console.log(`  keystroke to diagnostics (a real key in the browser until the document's diagnostics are what the core reports for the new text):`);
    console.log(
      `    Postmortem ${stats(results.flatMap((result) => result.keystrokes.postmortem))}; built-in Markdown ${stats(results.flatMap((result) => result.keystrokes.markdown))}`,
    );
    const problems = results.flatMap((result) => result.errors);
    if (problems.length) console.log(`  problems: ${[...new Set(problems)].join('; ')}`);
    measured &&= opens.some((open) => open.postmortem !== null);
    if (!dev) rmSync(path, { recursive: true, force: true });
  }
  return measured ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.stack : error);
    process.exit(2);
  },
);
