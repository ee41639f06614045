/**
 * Reading a postmortem from disk, with a clear word for input that is not one.
 */
import type { CliIo, FileRead, Snapshot } from './io';

/** Larger input is refused: no postmortem is this long, and the editor would not open it either. */
export const MAX_INPUT_BYTES = 5 * 1024 * 1024;

export class InputError extends Error {}

export interface Input {
  text: string;
  /** Something worth saying that does not stop the check. */
  warning: string | null;
  /** How the bytes were read, so that a fixed file is written back the same way. */
  encoding: 'utf-8' | 'windows-1252';
  /** The UTF-8 file started with a byte order mark (the text does not). */
  bom: boolean;
  /** The bytes read and the file they came from (null for standard input): --fix writes only over these. */
  source: Snapshot | null;
}

export async function readInput(path: string, io: CliIo): Promise<Input> {
  if (path === '-') return { ...decode(await io.readStdin(MAX_INPUT_BYTES), path), source: null };
  let read: FileRead;
  try {
    read = await io.readFile(path, MAX_INPUT_BYTES);
  } catch (error) {
    throw fileError(path, error);
  }
  const { stat, bytes } = read;
  if (stat.isDirectory()) throw new InputError(`${path}: is a directory`);
  // A FIFO would wait for a writer, and a device such as /dev/zero never ends.
  if (!stat.isFile()) throw new InputError(`${path}: not a regular file (a FIFO, device or socket)`);
  if (bytes === null)
    throw new InputError(
      `${path}: ${(stat.size / 1024 / 1024).toFixed(1)} MB is too large for a postmortem (the limit is ${MAX_INPUT_BYTES / 1024 / 1024} MB)`,
    );
  return { ...decode(bytes, path), source: { stat, bytes } };
}

/** The clear word for a file system error on `path`. */
export function fileError(path: string, error: unknown): InputError {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return new InputError(`${path}: no such file or directory`);
  if (code === 'EISDIR') return new InputError(`${path}: is a directory`);
  return new InputError(`${path}: cannot be read (${code ?? String(error)})`);
}

function decode(bytes: Buffer, path: string): Omit<Input, 'source'> {
  if (bytes.length > MAX_INPUT_BYTES) throw new InputError(`${path}: too large for a postmortem (the limit is ${MAX_INPUT_BYTES / 1024 / 1024} MB)`);
  if (bytes.subarray(0, 8192).includes(0)) throw new InputError(`${path}: looks like a binary file, not a postmortem`);
  if (bytes.length === 0) return { text: '', warning: 'the file is empty', encoding: 'utf-8', bom: false };
  const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), warning: null, encoding: 'utf-8', bom };
  } catch {
    // Reports exported from Word are often Windows-1252; read them as such rather than refuse them.
    return { text: new TextDecoder('windows-1252').decode(bytes), warning: 'not valid UTF-8; read as Windows-1252', encoding: 'windows-1252', bom: false };
  }
}
