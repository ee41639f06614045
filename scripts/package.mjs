// Packages the extension as a .vsix: stages the files the .vscodeignore allowlist keeps,
// builds production bundles into the stage (so the working out/ keeps its source maps), and
// runs vsce there. `node scripts/package.mjs [OUT.vsix]`; prints the path and size.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const STAGED = [
  'package.json',
  'README.md',
  'CHANGELOG.md',
  'LICENSE',
  '.vscodeignore',
  'snippets',
  'syntaxes',
  'schemas',
  'media',
  'language-configuration.json',
  'docs',
];
const VSCE = join(root, 'node_modules/@vscode/vsce/vsce');

/** Builds `outFile`; returns its size in bytes and the files inside. */
export function packageVsix(outFile) {
  const scratch = mkdtempSync(join(tmpdir(), 'postmortem-vsix-'));
  try {
    const stage = join(scratch, 'extension');
    for (const entry of STAGED) if (existsSync(join(root, entry))) cpSync(join(root, entry), join(stage, entry), { recursive: true });
    execFileSync(process.execPath, [join(root, 'build.mjs'), '--production', `--out=${join(stage, 'out')}`], { cwd: root, stdio: 'inherit' });
    // No repository URL yet: keep README links relative instead of failing on them.
    execFileSync(process.execPath, [VSCE, 'package', '--no-dependencies', '--allow-missing-repository', '--no-rewrite-relative-links', '--out', outFile], {
      cwd: stage,
      stdio: 'pipe',
    });
    const files = execFileSync(process.execPath, [VSCE, 'ls', '--no-dependencies'], { cwd: stage, encoding: 'utf8' }).split('\n').filter(Boolean);
    return { size: statSync(outFile).size, files };
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const out = resolve(process.argv[2] ?? 'postmortem.vsix');
  const { size, files } = packageVsix(out);
  console.log(`${out}: ${(size / 1024).toFixed(0)} KB, ${files.length} files`);
}
