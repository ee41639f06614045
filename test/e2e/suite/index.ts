/**
 * The integration suite's entry point: the extension host (in VS Code or code-server) calls
 * `run()`, which runs every compiled *.test.js beside this file with mocha.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import Mocha from 'mocha';

export function run(): Promise<void> {
  // The runner's --installed run sets a grep: only the tests that check the installed .vsix.
  const grep = process.env.POSTMORTEM_E2E_GREP;
  // Timeouts are hang guards: a test waits on events, each bounded by WAIT_MS.
  const mocha = new Mocha({ ui: 'bdd', color: false, timeout: 300_000, forbidOnly: true, reporter: 'spec', ...(grep ? { grep: new RegExp(grep) } : {}) });
  for (const file of readdirSync(__dirname)
    .filter((name) => name.endsWith('.test.js'))
    .sort())
    mocha.addFile(join(__dirname, file));
  return new Promise((resolve, reject) => {
    mocha.run((failures) => (failures > 0 ? reject(new Error(`${failures} integration test(s) failed`)) : resolve()));
  });
}
