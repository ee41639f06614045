/**
 * A small UI smoke test in code-server, driven through its real UI with headless Chromium:
 * open a seed, see squiggles and Problems panel rows, open the preview to the side with Ctrl+K V.
 * Screenshots go to the folder given by --screenshots=DIR (docs/images for the README): in the dark
 * theme as editor-problems.png and preview.png, and with --light also in the light theme as
 * editor-problems-light.png and preview-light.png.
 *
 *   node --import tsx test/e2e/smoke.ts [--screenshots=docs/images] [--light] [--file=postmortems/broken/x.md]
 *
 * Prints one JSON line of what it saw. Exit code 0 when every step was seen, 1 when one was
 * not, 3 when code-server or Chromium is missing.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { analyze } from '../../server/src/analysis/index';
import { atExit } from '../support/reaper';
import { CHROMIUM, chromiumArgs, installCodeServer, startCodeServer, workbenchUrl, type RunningCodeServer } from '../../scripts/code-server/launch';
import { prepareWorkspace } from './workspace';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
// How long one step may take before the script gives up: a hang guard; each step waits for what it needs to see.
const STEP_MS = 120_000;

export interface SmokeResult {
  file: string;
  squiggles: number;
  problemRows: number;
  previewShowsTitle: boolean;
  screenshots: string[];
}

/** The seed (else the broken example) with the most findings: the best picture of the product at work. */
function pickReport(folder: string): string {
  const seeds = join(folder, 'postmortems/seeds');
  const candidates = existsSync(seeds)
    ? readdirSync(seeds).map((name) => `postmortems/seeds/${name}`)
    : readdirSync(join(folder, 'postmortems/broken')).map((name) => `postmortems/broken/${name}`);
  const score = (file: string): number => analyze(readFileSync(join(folder, file), 'utf8')).diagnostics.length;
  return candidates.sort((a, b) => score(b) - score(a) || a.localeCompare(b))[0];
}

export async function smoke(screenshotDir: string | null, chosen: string | null = null, theme: 'dark' | 'light' = 'dark'): Promise<SmokeResult> {
  const entry = installCodeServer();
  const { scratch, folder } = prepareWorkspace();
  // Removed in `finally` below, or on exit when a signal ends the run first.
  atExit(() => rmSync(scratch, { recursive: true, force: true }));
  const file = chosen ?? pickReport(folder);
  const lines = readFileSync(join(folder, file), 'utf8').split(/\r?\n/);
  const title = (lines.find((line) => /^#{1,6}\s/.test(line)) ?? lines.find((line) => line.trim() && !line.startsWith('<!--'))!).replace(/^#+\s*/, '').trim();
  let server: RunningCodeServer | undefined;
  let browser: Browser | undefined;
  const result: SmokeResult = { file, squiggles: 0, problemRows: 0, previewShowsTitle: false, screenshots: [] };
  const shoot = async (page: Page, name: string): Promise<void> => {
    if (!screenshotDir) return;
    mkdirSync(screenshotDir, { recursive: true });
    const path = join(screenshotDir, theme === 'light' ? name.replace(/\.png$/, '-light.png') : name);
    await page.screenshot({ path });
    result.screenshots.push(path);
  };
  try {
    server = await startCodeServer(entry, scratch, {
      'workbench.colorTheme': theme === 'light' ? 'Default Light Modern' : 'Default Dark Modern',
      'editor.minimap.enabled': false,
    });
    const { chromium } = await import('playwright-core');
    browser = await chromium.launch({ executablePath: CHROMIUM, args: chromiumArgs() });
    const page = await browser.newPage({ viewport: { width: 1400, height: 860 } });
    await page.goto(workbenchUrl(server.port, folder, ROOT));
    await page.locator('.monaco-workbench').waitFor({ timeout: STEP_MS });
    await page.locator('.explorer-folders-view').waitFor({ timeout: STEP_MS });

    // Open the report through Quick Open, as a user would.
    await page.keyboard.press('Control+P');
    const input = page.locator('.quick-input-widget input');
    await input.waitFor({ state: 'visible', timeout: STEP_MS });
    await input.fill(file.split('/').pop()!);
    await page.locator('.quick-input-list .monaco-list-row').first().waitFor({ timeout: STEP_MS });
    await page.keyboard.press('Enter');

    const squiggles = page.locator('.monaco-editor .squiggly-error, .monaco-editor .squiggly-warning, .monaco-editor .squiggly-info');
    await squiggles.first().waitFor({ state: 'attached', timeout: STEP_MS });
    result.squiggles = await squiggles.count();

    await page.keyboard.press('Control+Shift+M');
    const rows = page.locator('.markers-panel .monaco-list-row');
    await rows.first().waitFor({ timeout: STEP_MS });
    result.problemRows = await rows.count();
    await shoot(page, 'editor-problems.png');

    // Hide the panel so the preview's chart shows in the picture.
    await page.keyboard.press('Control+J');
    // The keys a user tries first; on a postmortem they open ours, not the built-in Markdown preview.
    await page.locator('.monaco-editor textarea').first().focus();
    await page.keyboard.press('Control+K');
    await page.keyboard.press('v');
    // The webview's content lives two iframes down; poll the frames for the report's title.
    const deadline = Date.now() + STEP_MS;
    while (!result.previewShowsTitle && Date.now() < deadline) {
      for (const frame of page.frames()) {
        const text = String(await frame.evaluate('document.body ? document.body.innerText : ""').catch(() => ''));
        // Ours, not the built-in preview: it has the chart.
        const chart = Boolean(await frame.evaluate('!!document.querySelector("svg.pm-chart-svg")').catch(() => false));
        if (text.includes(title.slice(0, 30)) && chart && frame !== page.mainFrame()) result.previewShowsTitle = true;
      }
      if (!result.previewShowsTitle) await page.waitForTimeout(250);
    }
    await shoot(page, 'preview.png');
    return result;
  } finally {
    await browser?.close();
    server?.stop();
    rmSync(scratch, { recursive: true, force: true });
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const dirArg = process.argv.find((arg) => arg.startsWith('--screenshots='));
  if (!existsSync(CHROMIUM)) {
    console.error(`SKIPPED: no Chromium at ${CHROMIUM}`);
    process.exit(3);
  }
  const fileArg = process.argv.find((arg) => arg.startsWith('--file='));
  const dir = dirArg ? resolve(dirArg.slice('--screenshots='.length)) : null;
  const file = fileArg ? fileArg.slice('--file='.length) : null;
  const themes: Array<'dark' | 'light'> = process.argv.includes('--light') ? ['dark', 'light'] : ['dark'];
  (async () => {
    let ok = true;
    for (const theme of themes) {
      const result = await smoke(dir, file, theme);
      console.log(JSON.stringify({ theme, ...result }));
      ok &&= result.squiggles > 0 && result.problemRows > 0 && result.previewShowsTitle;
    }
    return ok;
  })().then(
    (ok) => process.exit(ok ? 0 : 1),
    (error: unknown) => {
      console.error(error instanceof Error ? error.message : error);
      process.exit(/could not be installed/.test(String(error)) ? 3 : 1);
    },
  );
}
