/**
 * The same integration suite in desktop VS Code, through @vscode/test-electron, which
 * downloads VS Code: for laptops and hosted CI. (On machines that reach only the npm registry
 * the download fails; there `npm run test:vscode` runs the suite in code-server instead.)
 *
 *   npm run build && node --import tsx test/e2e/electron.ts
 */
import { rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runTests } from '@vscode/test-electron';
import { prepareWorkspace } from './workspace';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

async function main(): Promise<void> {
  const { scratch, folder } = prepareWorkspace();
  try {
    // The oldest VS Code the manifest supports, unless told otherwise.
    const version = process.env.VSCODE_VERSION ?? '1.100.3';
    await runTests({
      version,
      extensionDevelopmentPath: ROOT,
      extensionTestsPath: join(ROOT, 'out/test/e2e/index.js'),
      launchArgs: [folder, '--disable-extensions', '--disable-workspace-trust', '--skip-welcome', '--user-data-dir', join(scratch, 'user-data')],
    });
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
