/**
 * Runs the extension's integration suite inside a real VS Code with no download: code-server
 * (VS Code 1.100.3 from the npm registry) driven by Debian's headless Chromium, through the
 * workbench's test `payload` URL parameter, the mechanism VS Code's own browser integration
 * tests use. See ../shared/notes/real-vscode-offline.md.
 *
 *   node --import tsx test/e2e/codeServer.ts               (after node build.mjs)
 *   node --import tsx test/e2e/codeServer.ts --untrusted   (the Restricted Mode suite)
 *   node --import tsx test/e2e/codeServer.ts --installed   (the suite's "installed" tests, against the
 *                                                            .vsix installed into code-server, not the source tree)
 *
 * Exit code: the suite's (0 passed, 1 failed); 3 when code-server or Chromium is missing;
 * 4 when the suite did not finish in time.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, rmSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { format } from 'node:util';
import { atExit } from '../support/reaper';
import { CHROMIUM, chromiumArgs, installCodeServer, startCodeServer, workbenchUrl, type RunningCodeServer } from '../../scripts/code-server/launch';
import { prepareUntrustedWorkspace } from './untrustedWorkspace';
import { PRESS_PREFIX } from './keys';
import { prepareScratch, prepareWorkspace } from './workspace';

// A hang guard, not a measure: the suite takes a minute or two, longer on a busy machine.
const SUITE_TIMEOUT_MS = Number(process.env.POSTMORTEM_E2E_TIMEOUT_MS ?? 900_000);

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

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
  const untrusted = process.argv.includes('--untrusted');
  const suite = join(ROOT, untrusted ? 'out/test/e2e-untrusted/index.js' : 'out/test/e2e/index.js');
  if (!existsSync(suite)) {
    console.error('The suite is not built: run `node build.mjs` first.');
    return 2;
  }
  const installed = process.argv.includes('--installed');
  const { scratch, folder } = untrusted ? prepareScratch() : prepareWorkspace();
  // Removed in `finally` below, or on exit when a signal ends the run first.
  atExit(() => rmSync(scratch, { recursive: true, force: true }));
  if (untrusted) prepareUntrustedWorkspace(folder);
  let extension = ROOT;
  if (installed) {
    extension = installVsix(entry, scratch);
    // The extension host inherits code-server's environment: the suite runs only these tests.
    process.env.POSTMORTEM_E2E_GREP = '\\[installed\\]';
  }
  let server: RunningCodeServer | undefined;
  let browser: Browser | undefined;
  try {
    // Tells the suite (through the extension host's environment) that this runner presses keys for it.
    process.env.POSTMORTEM_E2E_KEYS = '1';
    // The extension holds its language client back until the suite's first test lets it load (it
    // runs a command before then). Not in the --installed run, whose tests do not start with that one.
    if (!installed && !untrusted) process.env.POSTMORTEM_E2E_HOLD_CLIENT = '1';
    server = await startCodeServer(entry, scratch, {}, [], { workspaceTrust: untrusted });
    const { chromium } = await import('playwright-core');
    browser = await chromium.launch({ executablePath: CHROMIUM, args: chromiumArgs() });
    const page = await browser.newPage();
    let exit: (code: number) => void = () => undefined;
    const finished = new Promise<number>((done) => (exit = done));
    await page.exposeFunction('codeAutomationLog', async (_type: string, args: unknown[]) => {
      const line = format(...args);
      // The suite asks for keys to be pressed as a user would (it cannot from the extension host).
      if (line.startsWith(PRESS_PREFIX)) {
        for (const chord of line.slice(PRESS_PREFIX.length).split(' ')) await page.keyboard.press(chord);
        return;
      }
      // The workbench's own noise on a closed network: the marketplace and the signing service.
      if (!/open-vsx\.org|vsda|Creating a socket|connection token|builtin extensions cache|Service Worker|ChatSessionStore/.test(line))
        process.stdout.write(`${line}\n`);
    });
    await page.exposeFunction('codeAutomationExit', (code: number) => exit(code));
    await page.goto(workbenchUrl(server.port, folder, extension, suite));
    const timeout = new Promise<number>((done) =>
      setTimeout(() => {
        console.error(`The suite did not finish within ${SUITE_TIMEOUT_MS / 1000} s.`);
        done(4);
      }, SUITE_TIMEOUT_MS).unref(),
    );
    return await Promise.race([finished, timeout]);
  } finally {
    await browser?.close();
    server?.stop();
    rmSync(scratch, { recursive: true, force: true });
  }
}

/**
 * Packages the extension as users get it and installs the .vsix with code-server's own
 * `--install-extension`; returns the installed extension's folder, which the suite then loads.
 */
function installVsix(entry: string, scratch: string): string {
  const vsix = join(scratch, 'postmortem.vsix');
  const packaged = spawnSync(process.execPath, [join(ROOT, 'scripts/package.mjs'), vsix], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
  if (packaged.status !== 0) throw new Error('packaging the .vsix failed');
  const extensions = join(scratch, 'extensions');
  const install = spawnSync(process.execPath, [entry, '--install-extension', vsix, '--extensions-dir', extensions], {
    env: { ...process.env, HOME: join(scratch, 'home') },
    encoding: 'utf8',
  });
  if (install.status !== 0) throw new Error(`code-server could not install the .vsix: ${install.stderr}${install.stdout}`);
  const folder = readdirSync(extensions).find((name) => name.startsWith('postmortem.postmortem-'));
  if (!folder) throw new Error(`the .vsix was not installed into ${extensions}`);
  return join(extensions, folder);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().then(
    (code) => process.exit(code),
    (error: unknown) => {
      console.error(error instanceof Error ? error.stack : error);
      process.exit(2);
    },
  );
}
