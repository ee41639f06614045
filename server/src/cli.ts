/**
 * The CLI entry: `postmortem check|inspect ...`. All the work is in cli/main.ts.
 */
import { main, nodeIo } from './cli/main';

main(process.argv.slice(2), nodeIo()).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`postmortem: internal error: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 2;
  },
);
