/**
 * Root hooks for the mocha run (.mocharc.json requires this file): after the last test of a file
 * (in parallel mode root hooks run per file, in its worker), whatever a failed or timed-out test
 * left running is killed, so the run ends instead of waiting on it. Exits and signals are covered
 * by the reaper itself.
 */
import { killAll } from './reaper';

export const mochaHooks = {
  afterAll(): void {
    killAll('SIGKILL');
  },
};
