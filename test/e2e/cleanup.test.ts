/**
 * A run that is stopped leaves no process behind (test/support/reaper.ts): the language servers a
 * test process started, and the code-server (with its extension host and our language server in
 * it) and Chromium that a code-server runner started, whether the runner is asked to stop (SIGTERM,
 * as `timeout` or a cancelled CI job does) or killed outright (then the test that started it kills
 * its code-server). Processes are found in /proc; Linux only, as the code-server suites are.
 */
import { strict as assert } from 'node:assert';
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { CHROMIUM, installCodeServer } from '../../scripts/code-server/launch';
import { SERVER } from '../lsp/client';
import { cannotRun } from '../support/ci';
import { track } from '../support/reaper';
import { startRunner, type Runner } from './runner';

interface Proc {
  pid: number;
  ppid: number;
  pgid: number;
  command: string;
}

/** The live processes (zombies are dead: only their parent has yet to collect them). */
function processes(): Proc[] {
  const found: Proc[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      // pid (comm) state ppid pgrp ...; comm may hold spaces and parentheses.
      const [state, ppid, pgid] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (state === 'Z' || state === 'X') continue;
      const command = readFileSync(`/proc/${name}/cmdline`, 'utf8').replace(/\0/g, ' ').trim();
      found.push({ pid: Number(name), ppid: Number(ppid), pgid: Number(pgid), command });
    } catch {
      // ended while we looked
    }
  }
  return found;
}

function descendants(of: number, all = processes()): Proc[] {
  const found: Proc[] = [];
  const parents = new Set([of]);
  for (let grew = true; grew;) {
    grew = false;
    for (const proc of all) {
      if (parents.has(proc.ppid) && !parents.has(proc.pid)) {
        parents.add(proc.pid);
        found.push(proc);
        grew = true;
      }
    }
  }
  return found;
}

/**
 * Resolves once none of `pids` is alive. Killed processes end within milliseconds; the limit only stops
 * a wait on one that never will, and then names what is left.
 */
async function gone(pids: number[], what: string): Promise<void> {
  const until = Date.now() + 30_000;
  for (;;) {
    const alive = new Set(processes().map((proc) => proc.pid));
    const left = pids.filter((pid) => alive.has(pid));
    if (left.length === 0) return;
    if (Date.now() > until)
      assert.fail(
        `${what} still running: ${processes()
          .filter((proc) => left.includes(proc.pid))
          .map((proc) => `${proc.pid} ${proc.command.slice(0, 120)}`)
          .join('; ')}`,
      );
    await new Promise((resolveWait) => setTimeout(resolveWait, 50));
  }
}

/** Resolves once `runner` has printed `text`, or fails when it ends first. */
function printed(runner: Runner, text: string): Promise<void> {
  return new Promise((resolvePrinted, reject) => {
    const check = (): void => {
      if (!runner.output().includes(text)) return;
      runner.child.stdout!.off('data', check);
      runner.child.stderr!.off('data', check);
      resolvePrinted();
    };
    runner.child.stdout!.on('data', check);
    runner.child.stderr!.on('data', check);
    void runner.done.then(({ output }) => reject(new Error(`the runner ended before printing "${text}":\n${output.slice(-3000)}`)));
    check();
  });
}

/** Starts the in-editor suite and waits until it runs, with code-server, the extension host, our server and Chromium up. */
async function suiteRunning(killGroups: boolean): Promise<{ runner: Runner; group: number[]; chromium: number[] }> {
  const runner = startRunner('test/e2e/codeServer.ts', [], undefined, killGroups);
  await printed(runner, 'activates on a postmortem and starts the language server');
  const all = processes();
  assert.equal(runner.groups.length, 1, 'the runner reported its code-server');
  const group = all.filter((proc) => proc.pgid === runner.groups[0]);
  assert.ok(
    group.some((proc) => proc.command.includes('out/server.js')),
    `our language server runs in code-server's group: ${group.map((proc) => proc.command.slice(0, 100)).join('; ')}`,
  );
  const chromium = descendants(runner.child.pid!, all).filter((proc) => proc.command.includes('chrom'));
  assert.ok(chromium.length > 0, 'Chromium runs under the runner');
  return { runner, group: group.map((proc) => proc.pid), chromium: chromium.map((proc) => proc.pid) };
}

describe('a stopped run leaves no process behind', () => {
  it('a test process stopped with SIGTERM takes the language servers it started with it', async () => {
    const client = pathToFileURL(resolve(__dirname, '../lsp/client.ts')).href;
    // client.ts is CommonJS to tsx: its exports arrive as the default export.
    const script = `import client from ${JSON.stringify(client)};
      const { LspClient } = client;
      const servers = [new LspClient(), new LspClient()];
      for (const server of servers) await server.initialize({});
      console.log(JSON.stringify(servers.map((server) => server.process.pid)));
      setInterval(() => {}, 60_000);`;
    assert.ok(existsSync(SERVER), 'the server is built');
    const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { stdio: ['ignore', 'pipe', 'pipe'] });
    track(child);
    let output = '';
    const pids = await new Promise<number[]>((resolvePids, reject) => {
      child.stdout.on('data', (data: Buffer) => {
        output += data.toString();
        if (output.includes('\n')) resolvePids(JSON.parse(output) as number[]);
      });
      child.stderr.on('data', (data: Buffer) => (output += data.toString()));
      child.on('exit', (code) => reject(new Error(`ended (${code}) before starting its servers: ${output}`)));
    });
    assert.equal(pids.length, 2);
    assert.deepEqual(
      processes()
        .filter((proc) => pids.includes(proc.pid))
        .map((proc) => proc.ppid),
      [child.pid, child.pid],
    );
    const exited = new Promise<number | null>((resolveExit) => child.on('exit', (code) => resolveExit(code)));
    // Only this process is signalled, as mocha's launcher signals its worker: the servers hear nothing of it.
    child.kill('SIGTERM');
    const code = await exited;
    await gone(pids, 'the language servers');
    assert.equal(code, 143, 'it exits as SIGTERM would have it');
  });

  it('a test that forgets to stop its language server does not keep the run waiting on it', async () => {
    const mocha = resolve(__dirname, '../../node_modules/mocha/bin/mocha.js');
    const fixture = resolve(__dirname, 'leak.fixture.ts');
    // A group of its own, as mocha's launcher starts a worker: a hung run is killed whole.
    const child = spawn(
      process.execPath,
      [mocha, '--no-config', '--node-option', 'import=tsx', '--require', resolve(__dirname, '../support/hooks.ts'), fixture],
      { stdio: ['ignore', 'pipe', 'pipe'], detached: true },
    );
    const kill = track(child, true);
    let output = '';
    child.stdout.on('data', (data: Buffer) => (output += data.toString()));
    child.stderr.on('data', (data: Buffer) => (output += data.toString()));
    // Without the root hook the server's open pipe keeps mocha waiting for ever; the limit only ends that wait.
    const limit = setTimeout(kill, 120_000);
    const code = await new Promise<number | null>((resolveExit) => child.on('close', (exitCode) => resolveExit(exitCode)));
    clearTimeout(limit);
    assert.equal(code, 0, `the run ended by itself:\n${output}`);
    const pid = Number(/server (\d+)/.exec(output)?.[1]);
    assert.ok(pid > 0, output);
    await gone([pid], 'the language server');
  });

  describe('in code-server', function () {
    before(function () {
      if (!existsSync(CHROMIUM)) cannotRun(this, `no Chromium at ${CHROMIUM} (apt-get install chromium), so code-server cannot be driven.`);
      try {
        installCodeServer();
      } catch (error) {
        cannotRun(this, (error as Error).message);
      }
    });

    it('a runner stopped with SIGTERM mid-suite stops code-server, its extension host, our server and Chromium', async () => {
      const { runner, group, chromium } = await suiteRunning(false);
      runner.child.kill('SIGTERM');
      const { code } = await runner.done;
      assert.equal(code, 143, 'it exits as SIGTERM would have it');
      await gone(group, "code-server's processes");
      await gone(chromium, 'Chromium');
    });

    it('a runner killed outright mid-suite: the test that started it kills its code-server; Chromium ends with its pipe', async () => {
      const { runner, group, chromium } = await suiteRunning(true);
      runner.child.kill('SIGKILL');
      const { code } = await runner.done;
      assert.equal(code, null, 'killed');
      await gone(group, "code-server's processes");
      await gone(chromium, 'Chromium');
    });
  });
});
