/**
 * Starts one of the code-server runners (codeServer.ts, smoke.ts, quickFixMenu.ts) as a child and
 * collects its output. The runner reports the process group of each code-server it starts
 * (POSTMORTEM_REPORT_GROUPS), so that the group is killed from here once the runner has ended,
 * even when the runner itself was killed outright and could not stop it. A runner that hangs is
 * asked to stop after `limitMs`, and killed 10 s later if it has not.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { groupsIn, track, trackGroup } from '../support/reaper';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/** A hang guard for one runner: a busy two-core machine finishes each in a few minutes. */
export const RUNNER_MS = 20 * 60_000;

export interface Runner {
  child: ChildProcess;
  /** The code-server process groups it has reported so far. */
  groups: number[];
  /** Everything it has printed so far. */
  output(): string;
  /** Its exit code (null when a signal ended it) and output, once it has ended and its groups are killed. */
  done: Promise<{ code: number | null; output: string }>;
}

/** `killGroups: false` leaves the reported groups alone when the runner ends (the cleanup test checks that the runner stops them itself). */
export function startRunner(script: string, args: string[] = [], limitMs = RUNNER_MS, killGroups = true): Runner {
  const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, script), ...args], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, POSTMORTEM_REPORT_GROUPS: '1' },
  });
  const kill = track(child);
  let output = '';
  let errors = '';
  const groups = new Map<number, () => void>();
  child.stdout!.on('data', (data: Buffer) => (output += data.toString()));
  child.stderr!.on('data', (data: Buffer) => {
    output += data.toString();
    // Parsed apart from stdout, whose lines may be cut where a stderr piece lands.
    errors += data.toString();
    for (const group of groupsIn(errors)) if (!groups.has(group)) groups.set(group, trackGroup(group));
  });
  const guard = setTimeout(() => {
    output += `\n${script} did not finish within ${limitMs / 60_000} minutes: stopped.\n`;
    child.kill('SIGTERM');
    setTimeout(() => child.exitCode === null && child.signalCode === null && kill(), 10_000).unref();
  }, limitMs);
  const done = new Promise<{ code: number | null; output: string }>((resolveDone) => {
    child.on('close', (code) => {
      clearTimeout(guard);
      // Gone already when the runner stopped it; not when the runner was killed outright.
      if (killGroups) for (const killGroup of groups.values()) killGroup();
      resolveDone({ code, output });
    });
  });
  return {
    child,
    get groups() {
      return [...groups.keys()];
    },
    output: () => output,
    done,
  };
}
