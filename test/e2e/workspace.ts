/**
 * The folder the integration suite opens: a throwaway copy of the bundled examples and, when
 * ../shared is present, the seeds (as .md under postmortems/, where the default globs find
 * them), plus an unrelated README that must stay free of diagnostics.
 */
import { copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const SEEDS = resolve(ROOT, '../shared/seeds');

/** A throwaway folder for code-server's own files, with an empty workspace folder inside. */
export function prepareScratch(): { scratch: string; folder: string } {
  const scratch = mkdtempSync(join(tmpdir(), 'postmortem-e2e-'));
  const folder = join(scratch, 'workspace');
  mkdirSync(folder, { recursive: true });
  return { scratch, folder };
}

export function prepareWorkspace(): { scratch: string; folder: string } {
  const { scratch, folder } = prepareScratch();
  mkdirSync(join(folder, 'postmortems'), { recursive: true });
  cpSync(join(ROOT, 'examples'), join(folder, 'postmortems'), { recursive: true });
  if (existsSync(SEEDS)) {
    mkdirSync(join(folder, 'postmortems/seeds'));
    for (const name of readdirSync(SEEDS).filter((file) => file.endsWith('.txt'))) {
      copyFileSync(join(SEEDS, name), join(folder, 'postmortems/seeds', name.replace(/\.txt$/, '.md')));
    }
  }
  writeFileSync(join(folder, 'README.md'), '# A project\n\n## Summary\n\nNot a postmortem.\n\n## Timeline\n\n- 10:00 first release\n');
  return { scratch, folder };
}
