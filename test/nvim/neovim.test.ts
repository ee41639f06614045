/**
 * An independent client: Neovim's built-in LSP client attaches to the server on a seed and
 * reports the diagnostics it received. Skipped, and said so, where Neovim is not installed
 * (under CI that fails the run instead).
 */
import { strict as assert } from 'node:assert';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { analyze } from '../../server/src/analysis/index';
import { LineIndex } from '../../server/src/analysis/text';
import { SERVER } from '../lsp/client';
import { cannotRun } from '../support/ci';
import { track } from '../support/reaper';

const SEED = join(__dirname, '..', '..', '..', 'shared', 'seeds', '003_ddcc28cdff9af7f4.txt');
const FALLBACK = join(__dirname, '..', 'fixtures', 'word-bullets-pasted.md');

describe('Neovim as the client', function () {
  before(function () {
    if (spawnSync('nvim', ['--version'], { encoding: 'utf8' }).status !== 0)
      cannotRun(this, 'nvim is not installed (apt-get install neovim), so the Neovim client test cannot run.');
  });

  let scratch = '';
  after(() => scratch && rmSync(scratch, { recursive: true, force: true }));

  it('attaches to the server and receives the same diagnostics the core reports', async () => {
    const source = existsSync(SEED) ? SEED : FALLBACK;
    const text = readFileSync(source, 'utf8');
    scratch = mkdtempSync(join(tmpdir(), 'postmortem-nvim-'));
    const dir = join(scratch, 'postmortems');
    mkdirSync(dir);
    const file = join(dir, 'outage.md');
    writeFileSync(file, text);
    const out = join(dir, 'diagnostics.json');
    // Not spawnSync: a run stopped by a signal while Neovim works must still be able to kill it (and so its server).
    const nvim = spawn('nvim', ['--headless', '--clean', '-c', `luafile ${join(__dirname, 'attach.lua')}`, file], {
      env: { ...process.env, POSTMORTEM_SERVER: SERVER, POSTMORTEM_OUT: out },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    track(nvim);
    let stderr = '';
    nvim.stderr.on('data', (data: Buffer) => (stderr += data.toString()));
    const run = await new Promise<{ status: number | null; stderr: string }>((done) => nvim.on('close', (status) => done({ status, stderr })));
    assert.ok(existsSync(out), `nvim wrote nothing (status ${run.status}): ${run.stderr}`);
    const result = JSON.parse(readFileSync(out, 'utf8')) as { attached: boolean; diagnostics: Array<{ line: number; code: string }> };
    assert.ok(result.attached, 'no diagnostics arrived in Neovim');
    const index = LineIndex.of(text);
    const expected = analyze(text)
      .diagnostics.map((d) => `${index.lineAt(d.start) + 1} ${d.rule}`)
      .sort();
    assert.deepEqual(result.diagnostics.map((d) => `${d.line} ${d.code}`).sort(), expected);
  });
});
