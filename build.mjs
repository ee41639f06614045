// Bundles the extension client, the language server and the CLI with esbuild.
// Type-checking is a separate step (`tsc -b`), as in rust-analyzer's client.
import * as esbuild from 'esbuild';

const watch = process.argv.includes('--watch');
// --production: what goes into the .vsix (minified, no source maps, no test suite).
const production = process.argv.includes('--production');
// --out=DIR: where the bundles go (the packaging test stages a .vsix in a scratch folder).
const outDir = process.argv.find((arg) => arg.startsWith('--out='))?.slice('--out='.length) ?? 'out';
const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: !production,
  minify: production,
  logLevel: 'warning',
  // jsonc-parser's default (UMD) build loads its parts with a require() esbuild cannot follow.
  alias: { 'jsonc-parser': 'jsonc-parser/lib/esm/main.js' },
};

const builds = [
  // The integration suite runs inside VS Code's extension host: `vscode` and mocha come from there and node_modules.
  {
    entryPoints: ['test/e2e/suite/index.ts', 'test/e2e/suite/*.test.ts'],
    outdir: 'out/test/e2e',
    external: ['vscode', 'mocha'],
  },
  // The same runner with the Restricted Mode tests, which need a window of their own.
  {
    entryPoints: ['test/e2e/untrusted/index.ts', 'test/e2e/untrusted/*.test.ts'],
    outdir: 'out/test/e2e-untrusted',
    external: ['vscode', 'mocha'],
  },
  // The editor bench's half that runs in the extension host (bench/editor.ts loads it as a test suite).
  {
    entryPoints: ['bench/editor/host.ts'],
    outdir: 'out/bench/editor',
    external: ['vscode'],
  },
  // The extension's entry, kept small for activation, and the bundles it loads when first needed
  // (client/src/bundles.ts): vscode-languageclient just after activating, the preview's shell when a
  // preview opens.
  { entryPoints: ['client/src/extension.ts'], outfile: 'out/client.js', external: ['vscode'] },
  { entryPoints: ['client/src/languageClient.ts'], outfile: 'out/languageClient.js', external: ['vscode'] },
  { entryPoints: ['client/src/preview/shell.ts'], outfile: 'out/previewShell.js' },
  { entryPoints: ['server/src/server.ts'], outfile: 'out/server.js' },
  // The preview's renderer in a worker thread of the server (server/src/preview/renderer.ts).
  { entryPoints: ['server/src/preview/worker.ts'], outfile: 'out/previewWorker.js' },
  { entryPoints: ['server/src/cli.ts'], outfile: 'out/cli.js', banner: { js: '#!/usr/bin/env node' } },
];

for (const build of production ? builds.filter((build) => !build.outdir) : builds) {
  const options = {
    ...build,
    ...(build.outfile ? { outfile: build.outfile.replace(/^out\//, `${outDir}/`) } : { outdir: build.outdir.replace(/^out\//, `${outDir}/`) }),
  };
  if (watch) {
    const context = await esbuild.context({ ...common, ...options });
    await context.watch();
  } else {
    await esbuild.build({ ...common, ...options });
  }
}
