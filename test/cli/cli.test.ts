/**
 * The CLI as a user runs it: the built bundle in a child process.
 */
import { strict as assert } from 'node:assert';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { main, nodeIo } from '../../server/src/cli/main';

const ROOT = resolve(__dirname, '..', '..');
const CLI = join(ROOT, 'out', 'cli.js');
const FIXTURES = join(ROOT, 'test', 'fixtures');

// A BOM, CRLF, a heading with no space, Word bullets and an impossible time: all mechanical.
const BROKEN = '\uFEFF# Report\r\n\r\n## Summary\r\n\r\nFrom 10:00 to 10:30 UTC.\r\n\r\n## Timeline (all times UTC)\r\n\u2022\t10:00: Alert.\r\n\u2022\t17:59 PM: Rolled back.\r\n\r\n##Root Cause\r\n\r\nA bad deploy.\r\n';
const FIXED = '\uFEFF# Report\r\n\r\n## Summary\r\n\r\nFrom 10:00 to 10:30 UTC.\r\n\r\n## Timeline (all times UTC)\r\n- 10:00: Alert.\r\n- 17:59: Rolled back.\r\n\r\n## Root Cause\r\n\r\nA bad deploy.\r\n';

function run(...args: string[]): { code: number | null; stdout: string; stderr: string } {
  // Killed if it hangs (on a FIFO) or reads forever (from /dev/zero), rather than hang the suite.
  const result = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, timeout: 15_000, killSignal: 'SIGKILL' });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('cli', function () {
  this.timeout(60_000);
  let scratch: string;

  before(function () {
    if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run "node build.mjs" first (npm test does)`);
    scratch = mkdtempSync(join(tmpdir(), 'postmortem-cli-'));
  });

  after(() => scratch && rmSync(scratch, { recursive: true, force: true }));

  /** A new, empty folder in the scratch folder. */
  function folder(name: string): string {
    const path = join(scratch, name);
    mkdirSync(path);
    return path;
  }

  it('exits 0 on a clean report', () => {
    const result = run('check', join(FIXTURES, 'table-timeline.md'));
    assert.equal(result.code, 0, result.stdout + result.stderr);
    assert.match(result.stdout, /1 file checked: 0 errors, 0 warnings/);
  });

  it('exits 1 on an error and prints file:line:column', () => {
    const result = run('check', join(FIXTURES, 'setext-labels.md'));
    assert.equal(result.code, 1);
    assert.match(result.stdout, /setext-labels\.md:18:\d+: error invalid-time: /);
  });

  it('exits 0 when only warnings are found', () => {
    const result = run('check', join(FIXTURES, 'atx-bullets.md'));
    assert.equal(result.code, 0);
    assert.match(result.stdout, /warning out-of-order/);
  });

  it('writes the JSON format with 1-based lines and the section in data', () => {
    const result = run('check', '--format', 'json', join(FIXTURES, 'word-pasted.md'));
    assert.equal(result.code, 1);
    const parsed = JSON.parse(result.stdout) as Array<{ file: string; diagnostics: Array<Record<string, unknown>> }>;
    assert.equal(parsed.length, 1);
    const missing = parsed[0].diagnostics.find((d) => d.rule === 'missing-section');
    assert.deepEqual(Object.keys(missing!).sort(), ['column', 'data', 'endColumn', 'endLine', 'line', 'message', 'rule', 'severity']);
    assert.deepEqual(missing!.data, { section: 'rootCause' });
    const order = parsed[0].diagnostics.find((d) => d.rule === 'out-of-order')!;
    assert.deepEqual([order.line, order.column, order.endLine, order.endColumn], [13, 3, 13, 8]);
  });

  it('checks a directory recursively', () => {
    const result = run('check', '--format=json', FIXTURES);
    const parsed = JSON.parse(result.stdout) as Array<{ file: string }>;
    assert.ok(parsed.length >= 10, `found ${parsed.length} files`);
  });

  it('inspects the model as JSON', () => {
    const result = run('inspect', join(FIXTURES, 'atx-bullets.md'));
    assert.equal(result.code, 0, result.stderr);
    const model = JSON.parse(result.stdout);
    assert.deepEqual(Object.keys(model).sort(), ['actions', 'metrics', 'sections', 'timeline', 'window']);
    assert.deepEqual(model.window, { start: 'T10:15', end: 'T10:45', timezone: 'PST', statedDurationMinutes: 30, line: 4 });
    assert.deepEqual(model.timeline[0], { line: 9, time: '10:15', endTime: null, date: null, timezone: 'PST', zoneSource: 'summary', text: 'Latency alert fired for the search API.' });
    assert.equal(model.actions.length, 2);
  });

  describe('bad input: a clear message, exit 2, no stack trace, nothing on stdout', () => {
    const cases: Array<[string, () => string[], RegExp]> = [
      ['a missing file', () => ['check', join(scratch, 'nope.md')], /no such file or directory/],
      ['a binary file', () => { const file = join(scratch, 'bin.md'); writeFileSync(file, Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00, 0xff])); return ['check', file]; }, /binary file/],
      ['a 10 MB single line', () => { const file = join(scratch, 'huge.md'); writeFileSync(file, 'x'.repeat(10 * 1024 * 1024)); return ['check', file]; }, /too large for a postmortem/],
      ['a directory with no reports', () => { const dir = join(scratch, 'empty-dir'); mkdirSync(dir, { recursive: true }); return ['check', dir]; }, /no \.md, \.markdown or \.txt files/],
      ['a directory given to inspect', () => ['inspect', FIXTURES], /is a directory/],
      ['an unknown option', () => ['check', '--colour', FIXTURES], /unknown option "--colour"/],
      ['a bad format', () => ['check', '--format', 'xml', FIXTURES], /--format takes "text" or "json"/],
      ['no command', () => [], /Usage:/],
      ['an unknown command', () => ['lint', FIXTURES], /unknown command "lint"/],
    ];
    for (const [name, args, message] of cases) {
      it(name, () => {
        const result = run(...args());
        assert.equal(result.code, 2, result.stdout + result.stderr);
        assert.match(result.stderr, message);
        assert.doesNotMatch(result.stderr, /\n\s+at /, 'no stack trace');
        assert.equal(result.stdout, '');
      });
    }
  });

  it('reads .postmortemrc.json: a rule turned off is not reported and does not fail the run', () => {
    const dir = join(scratch, 'configured');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, '.postmortemrc.json'), JSON.stringify({ rules: { 'invalid-time': 'off', 'missing-timezone': 'off' } }));
    const result = spawnSync(process.execPath, [CLI, 'check', join(FIXTURES, 'setext-labels.md')], { cwd: dir, encoding: 'utf8' });
    assert.equal(result.status, 0, result.stdout + result.stderr);
    assert.doesNotMatch(result.stdout, /invalid-time|missing-timezone/);
  });

  it('refuses a broken config file with one clear message and exit 2', () => {
    const config = join(scratch, 'broken.json');
    writeFileSync(config, '{"rules": {"no-such-rule": "error"}, "colour": true}');
    const result = run('check', '--config', config, FIXTURES);
    assert.equal(result.code, 2);
    assert.equal(result.stderr, `postmortem: ${config} is not a valid project file:\n${config}:1:12: unknown rule "no-such-rule" in "rules"\n${config}:1:38: unknown setting "colour"\n`);
    assert.equal(result.stdout, '');
  });

  it('reads a report from standard input for "-"', () => {
    const result = spawnSync(process.execPath, [CLI, 'check', '--format', 'json', '-'], { input: '# R\n\n## Timeline\n\n- 10:00 UTC: a\n- 09:00 UTC: b\n', encoding: 'utf8' });
    const parsed = JSON.parse(result.stdout) as Array<{ file: string; diagnostics: Array<{ rule: string; line: number }> }>;
    assert.equal(parsed[0].file, '-');
    assert.ok(parsed[0].diagnostics.some((d) => d.rule === 'out-of-order' && d.line === 6));
  });

  it('reports an empty file as a report with no sections, saying it is empty', () => {
    const file = join(scratch, 'empty.md');
    writeFileSync(file, '');
    const result = run('check', file);
    assert.equal(result.code, 1);
    assert.match(result.stderr, /the file is empty/);
    assert.match(result.stdout, /missing-section/);
  });

  it('checks a 4 MB single line, every rule running', () => {
    const file = join(scratch, 'long-line.md');
    writeFileSync(file, `# Report\n\n## Timeline\n\n- 10:00 UTC: ${'word '.repeat(800_000)}\n`);
    const result = run('check', file);
    assert.equal(result.code, 1, result.stderr);
    assert.equal(result.stderr, '');
  });

  describe('check --fix', () => {
    it('writes the mechanical fixes back, keeping the BOM and CRLF, then reports what is left', () => {
      const dir = join(scratch, 'fix');
      mkdirSync(dir, { recursive: true });
      const file = join(dir, 'report.md');
      writeFileSync(file, BROKEN);
      const result = run('check', '--fix', file);
      assert.equal(readFileSync(file, 'utf8'), FIXED);
      assert.match(result.stderr, /report\.md: fixed 3 problems/);
      assert.doesNotMatch(result.stdout, /heading-space|word-bullets|invalid-time/);
      // What needs a writer stays reported: the timeline runs past the stated end.
      assert.match(result.stdout, /outside-window/);
      assert.deepEqual(readdirSync(dir), ['report.md'], 'no temporary file is left beside it');
      // A second run finds nothing to fix and does not touch the file.
      const before = statSync(file).mtimeMs;
      const again = run('check', '--fix', file);
      assert.doesNotMatch(again.stderr, /fixed/);
      assert.equal(readFileSync(file, 'utf8'), FIXED);
      assert.equal(statSync(file).mtimeMs, before);
      assert.equal(again.stdout, result.stdout);
    });

    it('fixes the file a symbolic link points to, and the link stays a link', () => {
      const dir = join(scratch, 'linked');
      mkdirSync(dir, { recursive: true });
      const target = join(dir, 'real.md');
      const link = join(dir, 'link.md');
      writeFileSync(target, BROKEN);
      symlinkSync('real.md', link);
      run('check', '--fix', link);
      assert.equal(readFileSync(target, 'utf8'), FIXED);
      assert.ok(lstatSync(link).isSymbolicLink());
    });

    it('leaves a Windows-1252 file alone rather than change its encoding', () => {
      const file = join(scratch, 'cp1252.md');
      const bytes = Buffer.concat([Buffer.from('# Report\n\n##Root Cause\n\nCaf'), Buffer.from([0xe9]), Buffer.from('.\n')]);
      writeFileSync(file, bytes);
      const result = run('check', '--fix', file);
      assert.match(result.stderr, /not fixed: it is not UTF-8/);
      assert.deepEqual(readFileSync(file), bytes);
      assert.match(result.stdout, /heading-space/);
    });

    it('refuses standard input, which it could not write back', () => {
      const result = spawnSync(process.execPath, [CLI, 'check', '--fix', '-'], { input: '# R\n', encoding: 'utf8' });
      assert.equal(result.status, 2);
      assert.match(result.stderr, /--fix writes files back/);
    });

    it('says so, and changes nothing, when a file cannot be written', async () => {
      // In process, with a file system that refuses the write (a read-only folder does not, for root).
      const file = join(scratch, 'unwritable.md');
      writeFileSync(file, BROKEN);
      const stderr: string[] = [];
      const refusing = { ...nodeIo(), stdout: () => undefined, stderr: (text: string) => void stderr.push(text), writeFile: () => Promise.reject(Object.assign(new Error('denied'), { code: 'EACCES' })) };
      assert.equal(await main(['check', '--fix', file], refusing), 2);
      assert.match(stderr.join(''), /unwritable\.md: cannot be written \(EACCES\); it is unchanged/);
      assert.equal(readFileSync(file, 'utf8'), BROKEN);
    });
  });

  describe('reading only what is a report', () => {
    it('refuses /dev/zero and a FIFO without reading them, and checks the other files', function () {
      if (process.platform === 'win32') this.skip();
      const dir = folder('special');
      symlinkSync('/dev/zero', join(dir, 'zero.md'));
      execFileSync('mkfifo', [join(dir, 'fifo.md')]);
      writeFileSync(join(dir, 'good.md'), BROKEN);
      const result = run('check', join(dir, 'zero.md'), join(dir, 'fifo.md'), join(dir, 'good.md'));
      assert.equal(result.code, 2, result.stderr);
      assert.match(result.stderr, /zero\.md: not a regular file/);
      assert.match(result.stderr, /fifo\.md: not a regular file/);
      assert.match(result.stdout, /good\.md:.*heading-space/);
      assert.match(result.stdout, /1 file checked/);
    });

    it('reads at most the limit and one byte more', async () => {
      const file = join(folder('bounded'), 'report.md');
      writeFileSync(file, 'x'.repeat(11));
      const io = nodeIo();
      assert.equal((await io.readFile(file, 10)).bytes, null);
      assert.equal((await io.readFile(file, 11)).bytes?.length, 11);
      assert.equal((await io.readFile('/dev/zero', 10)).bytes, null);
    });

    it('goes on past an oversized and a binary file in a directory, and exits 2', () => {
      const dir = folder('mixed');
      writeFileSync(join(dir, 'a-huge.md'), 'x'.repeat(6 * 1024 * 1024));
      writeFileSync(join(dir, 'b-binary.md'), Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00]));
      writeFileSync(join(dir, 'c-good.md'), BROKEN);
      const result = run('check', dir);
      assert.equal(result.code, 2);
      assert.match(result.stderr, /a-huge\.md: 6\.0 MB is too large/);
      assert.match(result.stderr, /b-binary\.md: looks like a binary file/);
      assert.match(result.stdout, /c-good\.md:.*heading-space/);
      assert.match(result.stdout, /1 file checked/);
    });
  });

  describe('walking a directory', () => {
    /** A tree with links out of it, to a file and to a folder; and the files outside. */
    function treeWithLinksOut(name: string): { tree: string; outside: string[] } {
      const base = folder(name);
      const tree = join(base, 'tree');
      mkdirSync(tree);
      mkdirSync(join(base, 'elsewhere'));
      const outside = [join(base, 'victim.md'), join(base, 'elsewhere', 'report.md')];
      for (const file of [...outside, join(tree, 'report.md')]) writeFileSync(file, BROKEN);
      symlinkSync('../victim.md', join(tree, 'out.md'));
      symlinkSync('../elsewhere', join(tree, 'out-dir'));
      return { tree, outside };
    }

    it('does not follow links out of the tree, and says so', () => {
      const { tree, outside } = treeWithLinksOut('links-out');
      const result = run('check', '--fix', tree);
      assert.notEqual(result.code, 2, result.stderr);
      for (const file of outside) assert.equal(readFileSync(file, 'utf8'), BROKEN, file);
      assert.ok(lstatSync(join(tree, 'out.md')).isSymbolicLink());
      assert.equal(readFileSync(join(tree, 'report.md'), 'utf8'), FIXED);
      assert.match(result.stderr, /out\.md: not followed: a symbolic link out of .*--follow-links/);
      assert.match(result.stderr, /out-dir: not followed: a symbolic link out of /);
      assert.match(result.stdout, /1 file checked/);
    });

    it('survives link loops, and checks a file reached through a link in the tree once', () => {
      const tree = folder('loops');
      mkdirSync(join(tree, 'sub'));
      writeFileSync(join(tree, 'report.md'), BROKEN);
      symlinkSync('.', join(tree, 'self'));
      symlinkSync('..', join(tree, 'sub', 'up'));
      symlinkSync('../report.md', join(tree, 'sub', 'same.md'));
      const result = run('check', '--fix', tree);
      assert.notEqual(result.code, 2, result.stderr);
      assert.match(result.stderr, /report\.md: fixed 3 problems/);
      assert.equal(readFileSync(join(tree, 'report.md'), 'utf8'), FIXED);
      assert.match(result.stdout, /1 file checked/);
    });

    it('follows links out of the tree with --follow-links, still ending loops', () => {
      const { tree, outside } = treeWithLinksOut('follow');
      symlinkSync('.', join(tree, 'self'));
      const result = run('check', '--fix', '--follow-links', tree);
      assert.notEqual(result.code, 2, result.stderr);
      for (const file of outside) assert.equal(readFileSync(file, 'utf8'), FIXED, file);
      assert.match(result.stdout, /3 files checked/);
    });
  });
});
