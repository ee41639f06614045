/**
 * Where the project file `.postmortemrc.json` may be for a document: the one lookup order the
 * server (settings.ts) and the CLI (cli/main.ts) share, each testing the candidates with its own I/O.
 */
import { dirname, join, resolve } from 'node:path';
import { CONFIG_FILE_NAME } from './protocol';

/** `directory`'s project file path and each parent's, nearest first. */
export function projectFileCandidates(directory: string): string[] {
  const candidates: string[] = [];
  for (let at = resolve(directory); ; at = dirname(at)) {
    candidates.push(join(at, CONFIG_FILE_NAME));
    if (dirname(at) === at) return candidates;
  }
}
