/**
 * No process outlives the run that started it. Every child a test or a runner starts (the language
 * server, Neovim, the in-editor suite's runner, code-server) is registered here; whatever is still
 * alive when this process exits is killed, on a normal exit, a failure, a timeout or a signal.
 *
 * A child started with `detached: true` leads a process group of its own (code-server's helpers, the
 * extension host, the pty host all join it): it is killed as a group, `kill(-pid)`. Signals aimed at
 * the runner's own group (Ctrl+C, `timeout`, a CI job being cancelled) never reach such a group,
 * which is why it must be killed from here.
 *
 * On SIGINT, SIGTERM and SIGHUP this process kills what it registered and exits as the signal would
 * have (128 + its number), so `exit` handlers run, Playwright's among them (it kills the Chromium it
 * launched on `exit`).
 */
import type { ChildProcess } from 'node:child_process';
import { constants } from 'node:os';

/** A marker a runner prints for a process group it started, so that its parent can kill the group should the runner itself be killed outright. */
export const GROUP_MARKER = 'postmortem-process-group:';

const live = new Map<number, { child?: ChildProcess; group: boolean }>();
const cleanups: Array<() => void> = [];
let installed = false;

function kill(pid: number, group: boolean, signal: NodeJS.Signals): void {
  try {
    process.kill(group ? -pid : pid, signal);
  } catch {
    // already gone
  }
}

/** Kills every registered process (group) still alive with `signal`. */
export function killAll(signal: NodeJS.Signals = 'SIGKILL'): void {
  for (const [pid, { group }] of live) kill(pid, group, signal);
  if (signal === 'SIGKILL') live.clear();
}

function install(): void {
  if (installed) return;
  installed = true;
  process.on('exit', () => {
    killAll('SIGKILL');
    for (const cleanup of cleanups.splice(0)) {
      try {
        cleanup();
      } catch {
        // the process is ending: nothing more to do about it
      }
    }
  });
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.on(signal, () => {
      // SIGTERM first, which a runner may yet act on; the exit handler then kills everything registered, the
      // code-server groups that runners reported included, so nothing depends on the runner getting the chance.
      killAll('SIGTERM');
      process.exit(128 + constants.signals[signal]);
    });
  }
}

/**
 * Registers `child` (spawned with `detached: true` when `group`); returns a function that kills it
 * (its group) at once. It is forgotten when it exits, unless it led a group: its group may outlive it.
 */
export function track(child: ChildProcess, group = false): () => void {
  install();
  const pid = child.pid;
  if (pid === undefined) return () => undefined;
  live.set(pid, { child, group });
  if (!group) child.once('exit', () => live.delete(pid));
  return () => {
    kill(pid, group, 'SIGKILL');
    live.delete(pid);
  };
}

/** Registers a process group that a child of ours started (it printed GROUP_MARKER): killed with the rest. */
export function trackGroup(pgid: number): () => void {
  install();
  live.set(pgid, { group: true });
  return () => {
    kill(pgid, true, 'SIGKILL');
    live.delete(pgid);
  };
}

/** The process groups named in a runner's output with GROUP_MARKER (whole lines only: output arrives in pieces). */
export function groupsIn(output: string): number[] {
  return [...output.matchAll(new RegExp(`^${GROUP_MARKER}(\\d+)\\r?$`, 'gm'))]
    .filter((match) => output[match.index + match[0].length] === '\n')
    .map((match) => Number(match[1]));
}

/** Runs `cleanup` (synchronous: removing a scratch folder) when this process exits, however it exits, after the kills. */
export function atExit(cleanup: () => void): void {
  install();
  cleanups.push(cleanup);
}
