/**
 * The .vsix: `vsce package` on a staged copy of the extension (production bundles) yields a
 * package of at most 1 MB that holds what the extension needs at run time and nothing else.
 */
import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const STAGED = ['package.json', 'README.md', 'CHANGELOG.md', 'LICENSE', '.vscodeignore', 'snippets', 'syntaxes', 'schemas', 'media', 'language-configuration.json', 'docs'];

describe('the .vsix package', function () {
  this.timeout(120_000);
  let scratch = '';
  let files: string[] = [];
  let size = 0;

  before(() => {
    scratch = mkdtempSync(join(tmpdir(), 'postmortem-vsix-'));
    const stage = join(scratch, 'extension');
    for (const entry of STAGED) if (existsSync(join(ROOT, entry))) cpSync(join(ROOT, entry), join(stage, entry), { recursive: true });
    execFileSync(process.execPath, [join(ROOT, 'build.mjs'), '--production', `--out=${join(stage, 'out')}`], { cwd: ROOT, stdio: 'inherit' });
    const vsix = join(scratch, 'postmortem.vsix');
    const vsce = join(ROOT, 'node_modules/@vscode/vsce/vsce');
    execFileSync(process.execPath, [vsce, 'package', '--no-dependencies', '--allow-missing-repository', '--no-rewrite-relative-links', '--out', vsix], { cwd: stage, stdio: 'pipe' });
    size = statSync(vsix).size;
    files = execFileSync(process.execPath, [vsce, 'ls', '--no-dependencies'], { cwd: stage, encoding: 'utf8' }).split('\n').filter(Boolean);
  });

  after(() => rmSync(scratch, { recursive: true, force: true }));

  it('is at most 1 MB', () => {
    console.log(`      ${(size / 1024).toFixed(0)} KB, ${files.length} files`);
    assert.ok(size <= 1024 * 1024, `${size} bytes`);
  });

  it('holds the bundles, snippets, grammar and schema, and no sources, tests or node_modules', () => {
    for (const needed of ['package.json', 'out/client.js', 'out/server.js', 'schemas/postmortemrc.schema.json']) assert.ok(files.includes(needed), `${needed} in ${JSON.stringify(files)}`);
    assert.ok(files.some((file) => file.startsWith('snippets/')), 'snippets');
    assert.ok(files.some((file) => file.startsWith('syntaxes/')), 'grammar');
    for (const file of files) assert.doesNotMatch(file, /^(server|client|test|bench|node_modules)\/|\.map$|\.ts$/, file);
  });
});
