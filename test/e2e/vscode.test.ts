/**
 * Runs the integration suite (test/e2e/suite) inside a real VS Code: code-server driven by
 * headless Chromium, installed offline and cached by scripts/code-server/install.sh.
 * Skipped, and saying why, when this machine cannot install code-server or has no Chromium;
 * under CI that fails the run instead (test/support/ci.ts).
 *
 * No pass depends on the machine's speed: each runner waits on events, and the limits below only
 * stop a hung run. A runner that hangs is killed with everything it started (test/support/reaper.ts).
 */
import { strict as assert } from 'node:assert';
import { cannotRun } from '../support/ci';
import { RUNNER_MS, startRunner } from './runner';

function run(script: string, args: string[] = []): Promise<{ code: number | null; output: string }> {
  return startRunner(script, args).done;
}

/** Runs a suite through test/e2e/codeServer.ts; skips, saying why, when code-server cannot run here (fails under CI). */
async function runSuite(context: Mocha.Context, args: string[], atLeast: number): Promise<void> {
  const { code, output } = await run('test/e2e/codeServer.ts', args);
  const report = output
    .split('\n')
    .filter((line) => /^\s+(✔|\d+\)|\d+ (passing|failing|pending))|SKIPPED|Error/.test(line))
    .join('\n');
  if (code === 3)
    cannotRun(
      context,
      output
        .trim()
        .split('\n')
        .filter((line) => line.includes('SKIPPED'))
        .join(' ')
        .replace(/SKIPPED: /g, '') || output.trim(),
    );
  console.log(report.replace(/^/gm, '    '));
  assert.equal(code, 0, `the suite inside code-server failed (exit ${code}):\n${output.slice(-6000)}`);
  const passing = /(\d+) passing/.exec(output);
  assert.ok(passing && Number(passing[1]) >= atLeast, 'the suite ran its tests');
  assert.ok(!/\d+ failing/.test(output));
}

/**
 * Runs a UI script (it prints one JSON line of what it saw); skips, saying why, when code-server
 * cannot run here (fails under CI). Returns what it saw and its exit code.
 */
async function runUiScript<T>(context: Mocha.Context, script: string): Promise<{ seen: T; code: number | null }> {
  const { code, output } = await run(script);
  if (code === 3) cannotRun(context, (output.trim().split('\n').pop() ?? '').replace(/^SKIPPED: /, ''));
  const line = output
    .trim()
    .split('\n')
    .reverse()
    .find((candidate) => candidate.startsWith('{'));
  assert.ok(line, `${script} printed what it saw:\n${output.slice(-3000)}`);
  return { seen: JSON.parse(line) as T, code };
}

describe('inside a real VS Code (code-server)', function () {
  // A hang guard only: each runner stops itself earlier (RUNNER_MS). The first run also installs code-server.
  this.timeout(RUNNER_MS + 60_000);

  it("passes the extension's integration suite", async function () {
    await runSuite(this, [], 14);
  });

  it("links rule pages from the .vsix installed into code-server (the suite's [installed] tests)", async function () {
    await runSuite(this, ['--installed'], 1);
  });

  it('passes the Restricted Mode suite in an untrusted workspace', async function () {
    await runSuite(this, ['--untrusted'], 4);
  });

  it('shows squiggles, Problems rows and the preview in the UI (smoke test on a seed)', async function () {
    const { seen, code } = await runUiScript<{ file: string; squiggles: number; problemRows: number; previewShowsTitle: boolean }>(this, 'test/e2e/smoke.ts');
    console.log(
      `      ${seen.file}: ${seen.squiggles} squiggles, ${seen.problemRows} Problems rows, preview ${seen.previewShowsTitle ? 'shows the report' : 'missing'}`,
    );
    assert.ok(seen.squiggles > 0, 'squiggles in the editor');
    assert.ok(seen.problemRows > 0, 'rows in the Problems panel');
    assert.equal(seen.previewShowsTitle, true, 'the preview shows the report');
    assert.equal(code, 0);
  });

  it('lists the new entries in the quick-fix menu, and "Turn off" from the menu writes .postmortemrc.json (UI)', async function () {
    const { seen, code } = await runUiScript<{ headingMenu: string[]; entryMenu: string[]; projectFile: unknown; outOfOrderGone: boolean }>(
      this,
      'test/e2e/quickFixMenu.ts',
    );
    console.log(`      menu on a heading: ${seen.headingMenu.join(' | ')}; on an entry: ${seen.entryMenu.join(' | ')}`);
    assert.deepEqual(seen.headingMenu, [
      'Insert a space after the heading marker',
      'Fix all 2 heading-space problems in this file',
      'Turn off heading-space in .postmortemrc.json',
    ]);
    assert.deepEqual(seen.entryMenu, ['Sort the timeline by time', 'Turn off out-of-order in .postmortemrc.json']);
    assert.deepEqual(seen.projectFile, { rules: { 'out-of-order': 'off' } });
    assert.equal(seen.outOfOrderGone, true);
    assert.equal(code, 0);
  });
});
