// The product's main job on the bundled examples: check every report under examples/ and
// print what the checker finds. Exit 1 from the CLI means "errors found", which is what the
// broken examples are for; only exit 2 (bad input) or a crash fails this script.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

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
