/**
 * The quick-fix menu in code-server's real UI, driven with headless Chromium: on a heading
 * without a space it lists the fix, "Fix all 2 heading-space problems in this file" and "Turn off
 * heading-space in .postmortemrc.json"; on an out-of-order entry, "Sort the timeline by time".
 * Choosing "Turn off out-of-order" from the menu creates and saves the project file, and the
 * problem goes. Screenshots of the menu go to --screenshots=DIR.
 *
 *   node --import tsx test/e2e/quickFixMenu.ts [--screenshots=DIR]
 *
 * Prints one JSON line of what it saw. Exit code 0 when all of it was seen, 1 when not, 3 when
 * code-server or Chromium is missing.
 */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { atExit } from '../support/reaper';
import { CHROMIUM, chromiumArgs, installCodeServer, startCodeServer, workbenchUrl } from '../../scripts/code-server/launch';
import { prepareWorkspace } from './workspace';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
// How long one step may take before the script gives up: a hang guard; each step waits for what it needs to see.
const STEP_MS = 120_000;
const REPORT =
  '# Postmortem: Search outage\n\n##Issue Summary\n\nFrom 10:15 to 10:45 UTC on 2026-03-05 search failed.\n\n###Impact\n\nAll searches failed.\n\n## Timeline (all times UTC)\n\n- 10:15: Alert fired.\n- 10:30: Rolled back.\n- 10:20: Found the bad deploy.\n- 10:45: Service restored.\n\n## Root Cause\n\nA bad index.\n\n## Corrective and Preventative Measures\n\n- [ ] Add a canary (owner: @ana, due 2026-04-01)\n';

export interface MenuResult {
  headingMenu: string[];
  entryMenu: string[];
  projectFile: unknown;
  outOfOrderGone: boolean;
}

async function quickInput(page: Page, text: string): Promise<void> {
  await page.keyboard.press('Control+P');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible', timeout: STEP_MS });
  await input.fill(text);
}

/** Opens the quick-fix menu at LINE:COLUMN and returns its entries. */
async function menuAt(page: Page, position: string): Promise<string[]> {
  await quickInput(page, `:${position}`);
  await page.keyboard.press('Enter');
  await page.keyboard.press('F1');
  await page.locator('.quick-input-widget input').fill('>Quick Fix...');
  await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Quick Fix' }).first().waitFor({ timeout: STEP_MS });
  await page.keyboard.press('Enter');
  await page.locator('.action-widget .monaco-list-row.action').first().waitFor({ timeout: STEP_MS });
  return page.locator('.action-widget .monaco-list-row.action').allInnerTexts();
}

export async function quickFixMenu(screenshotDir: string | null): Promise<MenuResult> {
  const entry = installCodeServer();
  const { scratch, folder } = prepareWorkspace();
  // Removed in `finally` below, or on exit when a signal ends the run first.
  atExit(() => rmSync(scratch, { recursive: true, force: true }));
  writeFileSync(join(folder, 'postmortems', 'menu.md'), REPORT);
  const server = await startCodeServer(entry, scratch, { 'workbench.colorTheme': 'Default Dark Modern', 'editor.minimap.enabled': false });
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: chromiumArgs() });
  const shoot = async (page: Page, name: string): Promise<void> => {
    if (!screenshotDir) return;
    mkdirSync(screenshotDir, { recursive: true });
    await page.screenshot({ path: join(screenshotDir, name) });
  };
  try {
    const page = await browser.newPage({ viewport: { width: 1300, height: 760 } });
    await page.goto(workbenchUrl(server.port, folder, ROOT));
    await page.locator('.explorer-folders-view').waitFor({ timeout: STEP_MS });
    await quickInput(page, 'menu.md');
    await page.locator('.quick-input-list .monaco-list-row').first().waitFor({ timeout: STEP_MS });
    await page.keyboard.press('Enter');
    const warnings = page.locator('.monaco-editor .squiggly-warning');
    await warnings.first().waitFor({ state: 'attached', timeout: STEP_MS });
    const headingMenu = await menuAt(page, '3:2');
    await shoot(page, 'quick-fix-menu.png');
    await page.keyboard.press('Escape');
    const entryMenu = await menuAt(page, '15:3');
    await shoot(page, 'quick-fix-menu-entry.png');
    // Down to "Turn off out-of-order", as a keyboard user would, and apply it.
    const focused = await page
      .locator('.action-widget .monaco-list-row.action.focused')
      .innerText()
      .catch(() => entryMenu[0]);
    const target = entryMenu.findIndex((row) => row.includes('Turn off out-of-order'));
    for (let i = Math.max(0, entryMenu.indexOf(focused)); i < target; i++) await page.keyboard.press('ArrowDown');
    if (target >= 0) await page.keyboard.press('Enter');
    const rc = join(folder, '.postmortemrc.json');
    let projectFile: unknown = null;
    let outOfOrderGone = false;
    const deadline = Date.now() + STEP_MS;
    while (Date.now() < deadline && !outOfOrderGone) {
      if (existsSync(rc)) projectFile = JSON.parse(readFileSync(rc, 'utf8') || 'null');
      await page.keyboard.press('Control+Shift+M');
      const rows = await page
        .locator('.markers-panel .monaco-list-row')
        .allInnerTexts()
        .catch(() => []);
      outOfOrderGone = projectFile !== null && rows.length > 0 && !rows.some((row) => row.includes('out-of-order'));
      if (!outOfOrderGone) await page.waitForTimeout(500);
    }
    await shoot(page, 'quick-fix-turned-off.png');
    return { headingMenu, entryMenu, projectFile, outOfOrderGone };
  } finally {
    await browser.close();
    server.stop();
    rmSync(scratch, { recursive: true, force: true });
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  if (!existsSync(CHROMIUM)) {
    console.error(`SKIPPED: no Chromium at ${CHROMIUM}`);
    process.exit(3);
  }
  const dirArg = process.argv.find((arg) => arg.startsWith('--screenshots='));
  quickFixMenu(dirArg ? resolve(dirArg.slice('--screenshots='.length)) : null).then(
    (result) => {
      console.log(JSON.stringify(result));
      process.exit(result.outOfOrderGone ? 0 : 1);
    },
    (error: unknown) => {
      console.error(error instanceof Error ? error.message : error);
      process.exit(/could not be installed/.test(String(error)) ? 3 : 1);
    },
  );
}
