/**
 * Entry point of the untrusted-workspace suite: the same runner as the main suite, built into
 * its own folder (out/test/e2e-untrusted) so that it runs only the tests beside it.
 */
export { run } from '../suite/index';
