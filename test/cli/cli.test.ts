/**
 * The CLI as a user runs it: the built bundle in a child process.
 */
import { strict as assert } from 'node:assert';
import { execFileSync, spawnSync } from 'node:child_process';
import {
  appendFileSync,
  chmodSync,
  chownSync,
  existsSync,
  linkSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { main, nodeIo, type CliIo } from '../../server/src/cli/main';

const ROOT = resolve(__dirname, '..', '..');
const CLI = join(ROOT, 'out', 'cli.js');
const FIXTURES = join(ROOT, 'test', 'fixtures');

// A BOM, CRLF, a heading with no space, Word bullets and an impossible time: all mechanical.
const BROKEN =
  '\uFEFF# Report\r\n\r\n## Summary\r\n\r\nFrom 10:00 to 10:30 UTC.\r\n\r\n## Timeline (all times UTC)\r\n\u2022\t10:00: Alert.\r\n\u2022\t17:59 PM: Rolled back.\r\n\r\n##Root Cause\r\n\r\nA bad deploy.\r\n';
const FIXED =
  '\uFEFF# Report\r\n\r\n## Summary\r\n\r\nFrom 10:00 to 10:30 UTC.\r\n\r\n## Timeline (all times UTC)\r\n- 10:00: Alert.\r\n- 17:59: Rolled back.\r\n\r\n## Root Cause\r\n\r\nA bad deploy.\r\n';

function run(...args: string[]): { code: number | null; stdout: string; stderr: string } {
  // Killed if it hangs (on a FIFO) or reads forever (from /dev/zero), rather than hang the suite. A hang guard:
  // every run here takes well under a second, so a busy machine does not come near it.
  const result = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, timeout: 120_000, killSignal: 'SIGKILL' });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** The CLI under a umask, as a shell would start it. */
function runWithUmask(umask: string, ...args: string[]): { code: number | null; stdout: string; stderr: string } {
  const result = spawnSync('sh', ['-c', `umask ${umask}; exec "$0" "$@"`, process.execPath, CLI, ...args], { encoding: 'utf8' });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** main() in this process on the real file system, `change` replacing parts of it; what it printed. */
async function runInProcess(args: string[], change: (io: CliIo) => Partial<CliIo> = () => ({})): Promise<{ code: number; stdout: string; stderr: string }> {
  const stdout: string[] = [];
  const stderr: string[] = [];
  const io = nodeIo();
  const code = await main(args, { ...io, ...change(io), stdout: (text) => void stdout.push(text), stderr: (text) => void stderr.push(text) });
  return { code, stdout: stdout.join(''), stderr: stderr.join('') };
}

describe('cli', function () {
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
    const result = run('check', join(FIXTURES, 'clean-table-timeline.md'));
    assert.equal(result.code, 0, result.stdout + result.stderr);
    assert.match(result.stdout, /1 file checked: 0 errors, 0 warnings/);
  });

  it('exits 1 on an error and prints file:line:column', () => {
    const result = run('check', join(FIXTURES, 'invalid-time-setext-labels.md'));
    assert.equal(result.code, 1);
    assert.match(result.stdout, /invalid-time-setext-labels\.md:18:\d+: error invalid-time: /);
  });

  it('exits 0 when only warnings are found', () => {
    const result = run('check', join(FIXTURES, 'out-of-order-atx-bullets.md'));
    assert.equal(result.code, 0);
    assert.match(result.stdout, /warning out-of-order/);
  });

  it('writes the JSON format with 1-based lines and the section and evidence in data', () => {
    const result = run('check', '--format', 'json', join(FIXTURES, 'word-bullets-pasted.md'));
    assert.equal(result.code, 1);
    const parsed = JSON.parse(result.stdout) as Array<{ file: string; diagnostics: Array<Record<string, unknown>> }>;
    assert.equal(parsed.length, 1);
    const missing = parsed[0].diagnostics.find((d) => d.rule === 'missing-section');
    assert.deepEqual(Object.keys(missing!).sort(), ['column', 'data', 'endColumn', 'endLine', 'line', 'message', 'rule', 'severity']);
    assert.deepEqual(missing!.data, { evidence: 'no-title-names-it', section: 'rootCause' });
    const order = parsed[0].diagnostics.find((d) => d.rule === 'out-of-order')!;
    assert.deepEqual([order.line, order.column, order.endLine, order.endColumn], [13, 3, 13, 8]);
  });

  it('checks a directory recursively', () => {
    const result = run('check', '--format=json', FIXTURES);
    const parsed = JSON.parse(result.stdout) as Array<{ file: string }>;
    assert.ok(parsed.length >= 10, `found ${parsed.length} files`);
  });

  it('inspects the model as JSON', () => {
    const result = run('inspect', join(FIXTURES, 'out-of-order-atx-bullets.md'));
    assert.equal(result.code, 0, result.stderr);
    const model = JSON.parse(result.stdout);
    assert.deepEqual(Object.keys(model).sort(), ['actions', 'metrics', 'sections', 'timeline', 'window']);
    assert.deepEqual(model.window, { start: 'T10:15', end: 'T10:45', timezone: 'PST', statedDurationMinutes: 30, line: 4 });
    assert.deepEqual(model.timeline[0], {
      line: 9,
      time: '10:15',
      endTime: null,
      date: null,
      timezone: 'PST',
      zoneSource: 'summary',
      text: 'Latency alert fired for the search API.',
    });
    assert.equal(model.actions.length, 2);
  });

  describe('bad input: a clear message, exit 2, no stack trace, nothing on stdout', () => {
    const cases: Array<[string, () => string[], RegExp]> = [
      ['a missing file', () => ['check', join(scratch, 'nope.md')], /no such file or directory/],
      [
        'a binary file',
        () => {
          const file = join(scratch, 'bin.md');
          writeFileSync(file, Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00, 0xff]));
          return ['check', file];
        },
        /binary file/,
      ],
      [
        'a 10 MB single line',
        () => {
          const file = join(scratch, 'huge.md');
          writeFileSync(file, 'x'.repeat(10 * 1024 * 1024));
          return ['check', file];
        },
        /too large for a postmortem/,
      ],
      [
        'a directory with no reports',
        () => {
          const dir = join(scratch, 'empty-dir');
          mkdirSync(dir, { recursive: true });
          return ['check', dir];
        },
        /no \.md, \.markdown or \.txt files/,
      ],
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
    const result = spawnSync(process.execPath, [CLI, 'check', join(FIXTURES, 'invalid-time-setext-labels.md')], { cwd: dir, encoding: 'utf8' });
    assert.equal(result.status, 0, result.stdout + result.stderr);
    assert.doesNotMatch(result.stdout, /invalid-time|missing-timezone/);
  });

  it('refuses a broken config file with one clear message and exit 2', () => {
    const config = join(scratch, 'broken.json');
    writeFileSync(config, '{"rules": {"no-such-rule": "error"}, "colour": true}');
    const result = run('check', '--config', config, FIXTURES);
    assert.equal(result.code, 2);
    assert.equal(
      result.stderr,
      `postmortem: ${config} is not a valid project file:\n${config}:1:12: unknown rule "no-such-rule" in "rules"\n${config}:1:38: unknown setting "colour"\n`,
    );
    assert.equal(result.stdout, '');
  });

  it('refuses endless standard input once past the size limit, without reading on', () => {
    // `cat /dev/zero | postmortem check -`: the read stops past 5 MB; a shell pipe from /dev/zero never ends otherwise.
    const result = spawnSync('sh', ['-c', `cat /dev/zero | "${process.execPath}" "${CLI}" check -`], { encoding: 'utf8', timeout: 120_000 });
    assert.equal(result.signal, null, 'the CLI ended by itself');
    assert.equal(result.status, 2);
    assert.match(result.stderr, /too large for a postmortem/);
  });

  it('reads a report from standard input for "-"', () => {
    const result = spawnSync(process.execPath, [CLI, 'check', '--format', 'json', '-'], {
      input: '# R\n\n## Timeline\n\n- 10:00 UTC: a\n- 09:00 UTC: b\n',
      encoding: 'utf8',
    });
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

    it('says so, changes nothing, and goes on with the other files, when a file cannot be written', async () => {
      // In process, with a file system that refuses to write one of the files.
      const dir = folder('unwritable');
      const refused = join(dir, 'a.md');
      const other = join(dir, 'b.md');
      writeFileSync(refused, BROKEN);
      writeFileSync(other, BROKEN);
      const result = await runInProcess(['check', '--fix', refused, other], (io) => ({
        writeFile: (path, ...rest) => (path === refused ? Promise.reject(Object.assign(new Error('denied'), { code: 'EACCES' })) : io.writeFile(path, ...rest)),
      }));
      assert.equal(result.code, 2);
      assert.match(result.stderr, /a\.md: cannot be written \(EACCES\); it is unchanged/);
      assert.equal(readFileSync(refused, 'utf8'), BROKEN);
      assert.equal(readFileSync(other, 'utf8'), FIXED);
      assert.match(result.stdout, /2 files checked/);
    });

    describe('writing safely', () => {
      it('is not fooled by a link planted at the temporary name: nothing outside the file is written', async () => {
        // The name used to be predictable (.NAME.postmortem-fix-PID): plant a link at it, in this process.
        const dir = folder('planted');
        const victim = join(folder('victim'), 'passwd');
        writeFileSync(victim, 'root:x:0:0\n');
        const file = join(dir, 'report.md');
        writeFileSync(file, BROKEN);
        symlinkSync(victim, join(dir, `.report.md.postmortem-fix-${process.pid}`));
        const result = await runInProcess(['check', '--fix', file]);
        assert.match(result.stderr, /report\.md: fixed 3 problems/);
        assert.equal(readFileSync(victim, 'utf8'), 'root:x:0:0\n');
        assert.ok(lstatSync(file).isFile(), 'the report is still a file, not a link');
        assert.equal(readFileSync(file, 'utf8'), FIXED);
        assert.deepEqual(readdirSync(dir).sort(), [`.report.md.postmortem-fix-${process.pid}`, 'report.md'], 'no temporary file is left beside it');
      });

      it('creates its temporary file only where nothing is: not through a link, not over a file', async () => {
        const { createNew } = await import('../../server/src/cli/io');
        const dir = folder('exclusive');
        const victim = join(dir, 'victim');
        writeFileSync(victim, 'keep');
        symlinkSync(victim, join(dir, 'link'));
        symlinkSync(join(dir, 'nowhere'), join(dir, 'dangling'));
        for (const name of ['link', 'victim', 'dangling']) await assert.rejects(createNew(join(dir, name)), { code: 'EEXIST' }, name);
        assert.equal(readFileSync(victim, 'utf8'), 'keep');
        assert.ok(!existsSync(join(dir, 'nowhere')), 'a dangling link is not followed to create its target');
      });

      it('leaves a file alone when a line is appended to it while it is checked, says so and exits 2', async () => {
        const file = join(folder('appended'), 'report.md');
        writeFileSync(file, BROKEN);
        const result = await runInProcess(['check', '--fix', file], (io) => ({
          // Between reading and writing, as another process would during a long analysis.
          writeFile: (...args) => (appendFileSync(file, '- 10:20: Late line.\r\n'), io.writeFile(...args)),
        }));
        assert.equal(readFileSync(file, 'utf8'), `${BROKEN}- 10:20: Late line.\r\n`);
        assert.match(result.stderr, /report\.md: not fixed: it changed while it was being checked/);
        assert.equal(result.code, 2);
      });

      it('leaves a file alone when an editor saves it by rename while it is checked', async () => {
        const dir = folder('renamed');
        const file = join(dir, 'report.md');
        writeFileSync(file, BROKEN);
        const result = await runInProcess(['check', '--fix', file], (io) => ({
          writeFile: (...args) => {
            writeFileSync(join(dir, 'saved.tmp'), 'Saved by an editor.\n');
            renameSync(join(dir, 'saved.tmp'), file);
            return io.writeFile(...args);
          },
        }));
        assert.equal(readFileSync(file, 'utf8'), 'Saved by an editor.\n');
        assert.match(result.stderr, /not fixed: it changed while it was being checked/);
        assert.equal(result.code, 2);
      });

      it('does not bring back a file deleted while it is checked', async () => {
        const dir = folder('deleted');
        const file = join(dir, 'report.md');
        writeFileSync(file, BROKEN);
        const result = await runInProcess(['check', '--fix', file], (io) => ({ writeFile: (...args) => (rmSync(file), io.writeFile(...args)) }));
        assert.deepEqual(readdirSync(dir), []);
        assert.match(result.stderr, /report\.md: not fixed: it changed while it was being checked/);
        assert.equal(result.code, 2);
      });
    });

    describe('keeping what the file was', () => {
      for (const [mode, umask] of [
        [0o664, '022'],
        [0o666, '022'],
        [0o775, '022'],
        [0o644, '077'],
      ] as const) {
        it(`keeps mode ${mode.toString(8)} under umask ${umask}`, () => {
          const file = join(folder(`mode-${mode.toString(8)}-${umask}`), 'report.md');
          writeFileSync(file, BROKEN);
          chmodSync(file, mode);
          const result = runWithUmask(umask, 'check', '--fix', file);
          assert.match(result.stderr, /fixed 3 problems/);
          assert.equal(readFileSync(file, 'utf8'), FIXED);
          assert.equal((statSync(file).mode & 0o7777).toString(8), mode.toString(8));
        });
      }

      it("keeps the owner and group when root fixes another user's file", function () {
        if (process.getuid?.() !== 0) this.skip();
        const file = join(folder('owned'), 'report.md');
        writeFileSync(file, BROKEN);
        chownSync(file, 1234, 1234);
        const result = run('check', '--fix', file);
        assert.match(result.stderr, /fixed 3 problems/);
        assert.equal(readFileSync(file, 'utf8'), FIXED);
        assert.deepEqual([statSync(file).uid, statSync(file).gid], [1234, 1234]);
      });

      it('leaves a file with other hard links alone, saying so, and the links stay one file', () => {
        const dir = folder('hard-linked');
        const file = join(dir, 'report.md');
        writeFileSync(file, BROKEN);
        linkSync(file, join(dir, 'other-name.md'));
        const result = run('check', '--fix', file);
        assert.match(result.stderr, /report\.md: not fixed: it has other hard links, which replacing it would split/);
        assert.equal(readFileSync(file, 'utf8'), BROKEN);
        assert.equal(statSync(file).ino, statSync(join(dir, 'other-name.md')).ino);
        assert.equal(statSync(file).nlink, 2);
        // What it would have fixed is still reported; leaving a file alone is not a failure.
        assert.match(result.stdout, /heading-space/);
        assert.equal(result.code, 1);
      });

      // Root may write anything, so these look at the permission bits, as the CLI does for root.
      it('leaves a read-only file alone, saying so, and fixes the others', () => {
        const dir = folder('read-only-file');
        const locked = join(dir, 'locked.md');
        const open = join(dir, 'open.md');
        writeFileSync(locked, BROKEN);
        writeFileSync(open, BROKEN);
        chmodSync(locked, 0o444);
        const result = run('check', '--fix', locked, open);
        assert.match(result.stderr, /locked\.md: not fixed: the file is read-only/);
        assert.equal(readFileSync(locked, 'utf8'), BROKEN);
        assert.equal(statSync(locked).mode & 0o7777, 0o444);
        assert.equal(readFileSync(open, 'utf8'), FIXED);
        assert.match(result.stdout, /2 files checked/);
      });

      it('leaves a file in a read-only folder alone, saying so, and goes on with the others', () => {
        const locked = folder('read-only-folder');
        const file = join(locked, 'report.md');
        const other = join(folder('writable-folder'), 'report.md');
        writeFileSync(file, BROKEN);
        writeFileSync(other, BROKEN);
        chmodSync(locked, 0o555);
        try {
          const result = run('check', '--fix', file, other);
          assert.match(result.stderr, /read-only-folder\/report\.md: not fixed: its folder is read-only/);
          assert.equal(readFileSync(file, 'utf8'), BROKEN);
          assert.deepEqual(readdirSync(locked), ['report.md']);
          assert.equal(readFileSync(other, 'utf8'), FIXED);
          assert.match(result.stdout, /2 files checked/);
        } finally {
          chmodSync(locked, 0o755);
        }
      });
    });

    describe('as an ordinary user, where the kernel decides', () => {
      // Root may write anything; these run the CLI as uid and gid 1234 in a folder all may write.
      let shared: string;
      const runAsUser = (...args: string[]) => spawnSync(process.execPath, [CLI, ...args], { uid: 1234, gid: 1234, encoding: 'utf8' });

      before(function () {
        if (process.getuid?.() !== 0) this.skip();
        shared = mkdtempSync(join(tmpdir(), 'postmortem-cli-user-'));
        chmodSync(shared, 0o777);
      });

      after(() => shared && rmSync(shared, { recursive: true, force: true }));

      it("fixes another user's group-writable file, keeps its group and says its owner could not be kept", () => {
        const file = join(shared, 'theirs.md');
        writeFileSync(file, BROKEN);
        chownSync(file, 4321, 1234);
        chmodSync(file, 0o664);
        const result = runAsUser('check', '--fix', file);
        assert.match(result.stderr, /theirs\.md: fixed 3 problems/);
        assert.match(result.stderr, /theirs\.md: its owner and group could not both be kept/);
        assert.equal(readFileSync(file, 'utf8'), FIXED);
        assert.deepEqual([statSync(file).uid, statSync(file).gid, statSync(file).mode & 0o7777], [1234, 1234, 0o664]);
      });

      it('leaves alone a file it may not write and a file in a folder it may not write, and reports both', () => {
        const file = join(shared, 'not-mine.md');
        writeFileSync(file, BROKEN);
        chownSync(file, 4321, 4321);
        chmodSync(file, 0o644);
        const locked = join(shared, 'locked');
        mkdirSync(locked);
        const inLocked = join(locked, 'report.md');
        writeFileSync(inLocked, BROKEN);
        chmodSync(inLocked, 0o666);
        chownSync(locked, 4321, 4321);
        const result = runAsUser('check', '--fix', file, inLocked);
        assert.match(result.stderr, /not-mine\.md: not fixed: the file is read-only/);
        assert.match(result.stderr, /locked\/report\.md: not fixed: its folder is read-only/);
        assert.equal(readFileSync(file, 'utf8'), BROKEN);
        assert.equal(readFileSync(inLocked, 'utf8'), BROKEN);
        assert.match(result.stdout, /2 files checked/);
      });
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
