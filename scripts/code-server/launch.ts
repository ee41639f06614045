/**
 * Installing, starting and stopping code-server (VS Code 1.100.3 served to a browser) and the
 * headless Chromium flags that drive it on a closed network. Used by the integration suite's
 * runner, the UI smoke test and `npm run examples`. See ../shared/notes/real-vscode-offline.md.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { GROUP_MARKER, track } from '../../test/support/reaper';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** How long code-server may take to start before the run gives up on it. */
const START_MS = 180_000;

export function chromiumArgs(): string[] {
  // Without the background-networking flags Chromium keeps trying to reach Google's hosts.
  return [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--no-first-run',
    '--disable-sync',
    '--disable-quic',
  ];
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

/** Starts code-server on 127.0.0.1 with throwaway user data, settings and home; `folder` opens in it. */
export async function startCodeServer(
  entry: string,
  scratch: string,
  settings: Record<string, unknown> = {},
  extraArgs: string[] = [],
  options: { workspaceTrust?: boolean } = {},
): Promise<RunningCodeServer> {
  const port = await freePort();
  const home = join(scratch, 'home');
  const userData = join(scratch, 'user-data');
  mkdirSync(join(userData, 'User'), { recursive: true });
  mkdirSync(home, { recursive: true });
  // With workspace trust on, a folder opens in Restricted Mode without asking (nothing is trusted yet).
  const trust = options.workspaceTrust
    ? { 'security.workspace.trust.enabled': true, 'security.workspace.trust.startupPrompt': 'never', 'security.workspace.trust.banner': 'never' }
    : { 'security.workspace.trust.enabled': false };
  writeFileSync(
    join(userData, 'User', 'settings.json'),
    JSON.stringify({ 'workbench.startupEditor': 'none', ...trust, 'extensions.autoCheckUpdates': false, 'telemetry.telemetryLevel': 'off', ...settings }),
  );
  const child = spawn(
    process.execPath,
    [
      entry,
      '--config',
      '/dev/null',
      '--bind-addr',
      `127.0.0.1:${port}`,
      '--auth',
      'none',
      '--user-data-dir',
      userData,
      '--extensions-dir',
      join(scratch, 'extensions'),
      '--disable-telemetry',
      '--disable-update-check',
      ...(options.workspaceTrust ? [] : ['--disable-workspace-trust']),
      '--disable-getting-started-override',
      '--ignore-last-opened',
      ...extraArgs,
    ],
    {
      env: { ...process.env, HOME: home, XDG_CONFIG_HOME: join(home, '.config'), XDG_DATA_HOME: join(home, '.local/share') },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    },
  );
  // Killed with its group (its server, extension host and pty host) when this process exits, however it exits.
  const stop = track(child, true);
  // The test that started this runner kills the group too, should the runner be killed outright.
  if (process.env.POSTMORTEM_REPORT_GROUPS) console.error(`${GROUP_MARKER}${child.pid}`);
  // Only the start-up output is kept, for the error message; the server's later output is dropped.
  let output = '';
  try {
    await new Promise<void>((ready, fail) => {
      // A hang guard, not a measure: code-server starts in seconds, longer on a busy machine.
      const timer = setTimeout(() => fail(new Error(`code-server did not start in ${START_MS / 1000} s:\n${output}`)), START_MS);
      const onData = (data: Buffer): void => {
        if (output.length < 64_000) output += data.toString();
        if (output.includes('HTTP server listening')) {
          clearTimeout(timer);
          child.stdout!.off('data', onData);
          child.stderr!.off('data', onData);
          child.stdout!.resume();
          child.stderr!.resume();
          ready();
        }
      };
      child.stdout!.on('data', onData);
      child.stderr!.on('data', onData);
      child.once('exit', (code) => fail(new Error(`code-server exited (${code}):\n${output}`)));
    });
  } catch (error) {
    stop();
    throw error;
  }
  return { port, process: child, stop };
}

/**
 * The workbench URL that opens `folder` with the extension at `extension` loaded from source and,
 * given `suite`, runs that integration suite (VS Code's test `payload` parameter). The paths
 * must carry the page's own authority, or the workbench silently ignores them.
 */
export function workbenchUrl(port: number, folder: string, extension: string, suite?: string): string {
  const authority = `127.0.0.1:${port}`;
  const remote = (path: string): string => `vscode-remote://${authority}${path}`;
  const payload = [['extensionDevelopmentPath', remote(extension)], ...(suite ? [['extensionTestsPath', remote(suite)]] : []), ['skipWelcome', 'true']];
  return `http://${authority}/?folder=${encodeURIComponent(remote(folder))}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
}
