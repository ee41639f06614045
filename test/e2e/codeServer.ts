/**
 * Runs the extension's integration suite inside a real VS Code with no download: code-server
 * (VS Code 1.100.3 from the npm registry) driven by Debian's headless Chromium, through the
 * workbench's test `payload` URL parameter, the mechanism VS Code's own browser integration
 * tests use. See ../shared/notes/real-vscode-offline.md.
 *
 *   node --import tsx test/e2e/codeServer.ts [--screenshots]
 *
 * Exit code: the suite's (0 passed, 1 failed); 3 when code-server or Chromium is missing;
 * 4 when the suite did not finish in time.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { format } from 'node:util';
import { prepareWorkspace } from './workspace';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const SUITE_TIMEOUT_MS = Number(process.env.POSTMORTEM_E2E_TIMEOUT_MS ?? 240_000);

export function chromiumArgs(): string[] {
  // Without the background-networking flags Chromium keeps trying to reach Google's hosts.
  return ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync', '--disable-quic'];
}

/** Installs (once, cached) and returns code-server's entry.js, or throws with the reason. */
export function installCodeServer(): string {
  const result = spawnSync('bash', [join(ROOT, 'scripts/code-server/install.sh')], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  if (result.status !== 0) throw new Error(`code-server could not be installed (exit ${result.status})`);
  return result.stdout.trim();
}

export function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolvePort(address.port) : reject(new Error('no port'))));
    });
  });
}

export interface RunningCodeServer {
  port: number;
  process: ChildProcess;
  stop(): void;
}

/** Starts code-server on 127.0.0.1 with throwaway user data, settings and home. */
export async function startCodeServer(entry: string, scratch: string, settings: Record<string, unknown> = {}): Promise<RunningCodeServer> {
  const port = await freePort();
  const home = join(scratch, 'home');
  const userData = join(scratch, 'user-data');
  const { mkdirSync, writeFileSync } = await import('node:fs');
  mkdirSync(join(userData, 'User'), { recursive: true });
  mkdirSync(home, { recursive: true });
  writeFileSync(join(userData, 'User', 'settings.json'), JSON.stringify({ 'workbench.startupEditor': 'none', 'security.workspace.trust.enabled': false, 'extensions.autoCheckUpdates': false, 'telemetry.telemetryLevel': 'off', ...settings }));
  const child = spawn(process.execPath, [entry, '--config', '/dev/null', '--bind-addr', `127.0.0.1:${port}`, '--auth', 'none', '--user-data-dir', userData, '--extensions-dir', join(scratch, 'extensions'), '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust', '--disable-getting-started-override', '--ignore-last-opened'], {
    env: { ...process.env, HOME: home, XDG_CONFIG_HOME: join(home, '.config'), XDG_DATA_HOME: join(home, '.local/share') },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let output = '';
  await new Promise<void>((ready, fail) => {
    const timer = setTimeout(() => fail(new Error(`code-server did not start in 30 s:\n${output}`)), 30_000);
    const onData = (data: Buffer): void => {
      output += data.toString();
      if (output.includes('HTTP server listening')) {
        clearTimeout(timer);
        ready();
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => fail(new Error(`code-server exited (${code}):\n${output}`)));
  });
  const stop = (): void => {
    try {
      process.kill(-child.pid!, 'SIGKILL');
    } catch {
      // already gone
    }
  };
  return { port, process: child, stop };
}

/** The workbench URL that opens `folder` and runs the suite at `suite` (absolute paths). */
export function payloadUrl(port: number, folder: string, extension: string, suite: string): string {
  const authority = `127.0.0.1:${port}`;
  const remote = (path: string): string => `vscode-remote://${authority}${path}`;
  const payload = [['extensionDevelopmentPath', remote(extension)], ['extensionTestsPath', remote(suite)], ['skipWelcome', 'true']];
  return `http://${authority}/?folder=${encodeURIComponent(remote(folder))}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
}

async function main(): Promise<number> {
  if (!existsSync(CHROMIUM)) {
    console.error(`SKIPPED: no Chromium at ${CHROMIUM} (apt-get install chromium), so code-server cannot be driven.`);
    return 3;
  }
  let entry: string;
  try {
    entry = installCodeServer();
  } catch (error) {
    console.error(`SKIPPED: ${(error as Error).message}`);
    return 3;
  }
  const suite = join(ROOT, 'out/test/e2e/index.js');
  if (!existsSync(suite)) {
    console.error('The suite is not built: run `node build.mjs` first.');
    return 2;
  }
  const { scratch, folder } = prepareWorkspace();
  const server = await startCodeServer(entry, scratch);
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: chromiumArgs() });
  try {
    const page = await browser.newPage();
    let exit: (code: number) => void = () => undefined;
    const finished = new Promise<number>((done) => (exit = done));
    await page.exposeFunction('codeAutomationLog', (_type: string, args: unknown[]) => {
      const line = format(...args);
      // The workbench's own noise on a closed network: the marketplace and the signing service.
      if (!/open-vsx\.org|vsda|Creating a socket|connection token|builtin extensions cache|Service Worker|ChatSessionStore/.test(line)) process.stdout.write(`${line}\n`);
    });
    await page.exposeFunction('codeAutomationExit', (code: number) => exit(code));
    await page.goto(payloadUrl(server.port, folder, ROOT, suite));
    const timeout = new Promise<number>((done) => setTimeout(() => {
      console.error(`The suite did not finish within ${SUITE_TIMEOUT_MS / 1000} s.`);
      done(4);
    }, SUITE_TIMEOUT_MS).unref());
    return await Promise.race([finished, timeout]);
  } finally {
    await browser.close();
    server.stop();
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().then((code) => process.exit(code), (error: unknown) => {
    console.error(error instanceof Error ? error.stack : error);
    process.exit(2);
  });
}
