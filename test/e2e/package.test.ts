/**
 * The .vsix: `vsce package` (through scripts/package.mjs, production bundles) yields a package
 * of at most 1 MB that holds what the extension needs at run time and nothing else. Its server
 * is then run as installed, from the unpacked package, not from the source tree.
 */
import { strict as assert } from 'node:assert';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { RULES } from '../../server/src/analysis/rules/index';
import { LspClient } from '../lsp/client';
// @ts-expect-error: a plain ES module script without type declarations
import { packageVsix } from '../../scripts/package.mjs';

interface ZipFile {
  on(event: 'entry', listener: (entry: { fileName: string }) => void): void;
  on(event: 'end' | 'error', listener: (error?: Error) => void): void;
  readEntry(): void;
  openReadStream(entry: { fileName: string }, done: (error: Error | null, stream: NodeJS.ReadableStream) => void): void;
}

/** Unpacks the .vsix (a zip) into `into`, as VS Code does on install: with yauzl, which vsce itself uses. */
function unpack(vsix: string, into: string): Promise<void> {
  const yauzl = createRequire(import.meta.url)('yauzl') as { open(path: string, options: object, done: (error: Error | null, zip: ZipFile) => void): void };
  return new Promise((resolve, reject) => {
    yauzl.open(vsix, { lazyEntries: true }, (error, zip) => {
      if (error) return reject(error);
      zip.on('error', reject);
      zip.on('end', () => resolve());
      zip.on('entry', (entry) => {
        if (entry.fileName.endsWith('/')) return zip.readEntry();
        zip.openReadStream(entry, (streamError, stream) => {
          if (streamError) return reject(streamError);
          const chunks: Buffer[] = [];
          stream.on('data', (chunk: Buffer) => chunks.push(chunk));
          stream.on('end', () => {
            const target = join(into, entry.fileName);
            mkdirSync(dirname(target), { recursive: true });
            writeFileSync(target, Buffer.concat(chunks));
            zip.readEntry();
          });
        });
      });
      zip.readEntry();
    });
  });
}

describe('the .vsix package', function () {
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
    for (const needed of [
      'package.json',
      'LICENSE',
      'out/client.js',
      'out/languageClient.js',
      'out/previewShell.js',
      'out/server.js',
      'out/previewWorker.js',
      'schemas/postmortemrc.schema.json',
      'media/preview.js',
      'media/preview.css',
      'language-configuration.json',
      'snippets/postmortem.code-snippets',
    ])
      assert.ok(files.includes(needed), `${needed} in ${JSON.stringify(files)}`);
    // Every file the manifest points at is in the package.
    const manifest = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
      contributes: { grammars: Array<{ path: string }>; snippets: Array<{ path: string }> };
    };
    for (const { path } of [...manifest.contributes.grammars, ...manifest.contributes.snippets])
      assert.ok(files.includes(path.replace(/^\.\//, '')), `${path} in the package`);
    assert.ok(!files.some((file) => file.endsWith('.mjs')), 'no build scripts');
    for (const file of files) assert.doesNotMatch(file, /^(server|client|test|bench|node_modules)\/|\.map$|\.ts$/, file);
  });

  it('ships a page for every rule and for the project file', () => {
    for (const id of [...RULES.map((rule) => rule.id), 'config']) assert.ok(files.includes(`docs/rules/${id}.md`), `docs/rules/${id}.md in the package`);
  });

  it('installed: its server links every diagnostic to a rule page inside the installed extension', async () => {
    const installed = join(scratch, 'installed');
    await unpack(join(scratch, 'postmortem.vsix'), installed);
    const extension = join(installed, 'extension');
    const server = join(extension, 'out', 'server.js');
    assert.ok(existsSync(server), 'the server bundle');
    const client = new LspClient([], server);
    try {
      await client.initialize();
      const uri = pathToFileURL(join(scratch, 'postmortems', 'broken.md')).href;
      const published = client.diagnostics(uri);
      await client.open(uri, '# Postmortem\n\n##Timeline\n\n- 10:30: Rolled back.\n- 10:15: Alert fired.\n\n\u2022 a Word bullet\n');
      const { diagnostics } = await published;
      assert.ok(diagnostics.length >= 3, JSON.stringify(diagnostics.map((d) => d.code)));
      for (const diagnostic of diagnostics) {
        const href = diagnostic.codeDescription?.href;
        assert.ok(href, `${String(diagnostic.code)} has a link`);
        const page = fileURLToPath(href);
        assert.equal(page, join(extension, 'docs', 'rules', `${String(diagnostic.code)}.md`), 'the installed copy, not the source tree');
        assert.match(readFileSync(page, 'utf8'), new RegExp(`^# ${String(diagnostic.code)}`, 'm'));
      }
    } finally {
      await client.stop();
    }
  });
});
