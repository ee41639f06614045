/**
 * A suite that cannot run here (no Chromium, no code-server, no Neovim) says SKIPPED, and why, on a
 * laptop; under CI it fails the run instead, so that a CI machine missing a tool cannot pass with
 * suites unrun. CI is on when the CI variable is set to anything but "", "0" or "false" (CI services
 * set CI=true). The corpus sweep, which needs ../shared beside the checkout, is not such a suite: a
 * checkout without ../shared skips it even under CI.
 */
export const IN_CI = !['', '0', 'false'].includes((process.env.CI ?? '').trim().toLowerCase());

/** Skips the running test or hook, saying why; under CI fails it with the same reason. */
export function cannotRun(context: { skip(): never }, reason: string): never {
  if (IN_CI) throw new Error(`cannot run under CI=${process.env.CI}: ${reason} (outside CI this suite says SKIPPED)`);
  console.log(`      SKIPPED: ${reason}`);
  return context.skip();
}
