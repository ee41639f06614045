// The product's main job on the bundled examples:
// 1. the CLI checks every report under examples/ and prints what it finds (exit 1 from the CLI
//    means "errors found", which is what the broken examples are for; only exit 2 or a crash
//    fails this script);
// 2. the extension, packaged as a .vsix, is installed into code-server (VS Code in a browser,
//    installed offline) opened on examples/, and the local URL is printed. In a terminal it
//    serves until Ctrl+C; run from a script, it checks that the page answers and stops.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { installCodeServer, startCodeServer } from './code-server/launch.ts';
import { packageVsix } from './package.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const cli = join(root, 'out', 'cli.js');

for (const folder of ['examples/good', 'examples/broken']) {
  console.log(`\n$ postmortem check ${folder}`);
  const result = spawnSync(process.execPath, [cli, 'check', folder], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0 && result.status !== 1) process.exit(result.status ?? 2);
}
console.log('\n$ postmortem inspect examples/good/checkout-latency.md   (first lines)');
const inspect = spawnSync(process.execPath, [cli, 'inspect', 'examples/good/checkout-latency.md'], { cwd: root, encoding: 'utf8' });
if (inspect.status !== 0) {
  process.stderr.write(inspect.stderr);
  process.exit(inspect.status ?? 2);
}
console.log(inspect.stdout.split('\n').slice(0, 24).join('\n'), '\n  ...');

console.log('\n$ the extension in VS Code (code-server), opened on examples/');
const scratch = mkdtempSync(join(tmpdir(), 'postmortem-examples-'));
let entry;
try {
  entry = installCodeServer();
} catch (error) {
  console.log(`code-server is not available here (${error.message}); the CLI findings above are the product's job.`);
  console.log('On a desktop: npm run package, then `code --install-extension postmortem.vsix`.');
  rmSync(scratch, { recursive: true, force: true });
  process.exit(0);
}
const vsix = join(scratch, 'postmortem.vsix');
const { size } = packageVsix(vsix);
execFileSync(process.execPath, [entry, '--install-extension', vsix, '--extensions-dir', join(scratch, 'extensions')], {
  stdio: 'pipe',
  env: { ...process.env, HOME: join(scratch, 'home') },
});
console.log(`packaged and installed postmortem.vsix (${(size / 1024).toFixed(0)} KB)`);
let server;
const stop = () => {
  server?.stop();
  rmSync(scratch, { recursive: true, force: true });
};
// The server runs in its own process group, so it would outlive this script without these.
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(signal, () => {
    stop();
    process.exit(0);
  });
}
try {
  server = await startCodeServer(entry, scratch, { 'workbench.startupEditor': 'none' }, [join(root, 'examples')]);
  const url = `http://127.0.0.1:${server.port}/?folder=${encodeURIComponent(join(root, 'examples'))}`;
  if (process.stdout.isTTY) {
    console.log(
      `\nOpen ${url}\nin a browser on this machine: open a report under broken/ to see the squiggles, then\n"Postmortem: Open Postmortem Preview to the Side" (Ctrl+K V). Ctrl+C stops the server.`,
    );
  } else {
    const response = await fetch(url);
    console.log(`code-server answered ${response.status} at ${url}`);
    console.log('(not a terminal, so the server was stopped; run `npm run examples` in a terminal to keep it serving)');
    stop();
    process.exit(response.ok ? 0 : 1);
  }
} catch (error) {
  console.error(`code-server did not serve the examples: ${error.message}`);
  stop();
  process.exit(1);
}
