/**
 * The .vsix: `vsce package` (through scripts/package.mjs, production bundles) yields a package
 * of at most 1 MB that holds what the extension needs at run time and nothing else.
 */
import { strict as assert } from 'node:assert';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
// @ts-expect-error: a plain ES module script without type declarations
import { packageVsix } from '../../scripts/package.mjs';

describe('the .vsix package', function () {
  this.timeout(120_000);
  let scratch = '';
  let files: string[] = [];
  let size = 0;

  before(() => {
    scratch = mkdtempSync(join(tmpdir(), 'postmortem-vsix-test-'));
    ({ size, files } = packageVsix(join(scratch, 'postmortem.vsix')) as { size: number; files: string[] });
  });

  after(() => rmSync(scratch, { recursive: true, force: true }));

  it('is at most 1 MB', () => {
    console.log(`      ${(size / 1024).toFixed(0)} KB, ${files.length} files`);
    assert.ok(size <= 1024 * 1024, `${size} bytes`);
  });

  it('holds the bundles, snippets, grammar and schema, and no sources, tests or node_modules', () => {
    for (const needed of ['package.json', 'LICENSE', 'out/client.js', 'out/server.js', 'schemas/postmortemrc.schema.json', 'media/preview.js', 'media/preview.css', 'language-configuration.json', 'snippets/postmortem.code-snippets']) assert.ok(files.includes(needed), `${needed} in ${JSON.stringify(files)}`);
    // Every file the manifest points at is in the package.
    const manifest = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { contributes: { grammars: Array<{ path: string }>; snippets: Array<{ path: string }> } };
    for (const { path } of [...manifest.contributes.grammars, ...manifest.contributes.snippets]) assert.ok(files.includes(path.replace(/^\.\//, '')), `${path} in the package`);
    assert.ok(!files.some((file) => file.endsWith('.mjs')), 'no build scripts');
    for (const file of files) assert.doesNotMatch(file, /^(server|client|test|bench|node_modules)\/|\.map$|\.ts$/, file);
  });
});
