/**
 * What the CLI needs from the outside world, and the Node.js implementation of it. Tests replace
 * any part (a file system that refuses to write).
 */
import { constants, promises as fs } from 'node:fs';
import { basename, dirname, join } from 'node:path';

export interface FileStat {
  isDirectory(): boolean;
  isFile(): boolean;
  isSymbolicLink(): boolean;
  size: number;
  dev: number;
  ino: number;
}

/** A file as read: its bytes and the status of the very file they came from. */
export interface FileRead {
  stat: FileStat;
  /** Null when the file is not a regular file, or its size is over the limit: then nothing is read. */
  bytes: Buffer | null;
}

/** What a file held when it was read. */
export type Snapshot = FileRead & { bytes: Buffer };

export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /**
   * Opens `path` (following links) without blocking on a FIFO or device, and reads it only if it
   * is a regular file of at most `limit` bytes by its status; never more than `limit + 1` bytes.
   */
  readFile: (path: string, limit: number) => Promise<FileRead>;
  stat: (path: string) => Promise<FileStat>;
  /** The status of a symbolic link itself. */
  lstat: (path: string) => Promise<FileStat>;
  realpath: (path: string) => Promise<string>;
  readdir: (path: string) => Promise<string[]>;
  /** Replaces a file's content in one step: a reader sees the old bytes or the new, never a mix. */
  writeFile: (path: string, bytes: Buffer) => Promise<void>;
  /** Standard input, for the file name "-". */
  readStdin: () => Promise<Buffer>;
  cwd: string;
  now: () => Date;
}

// Not every platform has it (Windows does not); 0 asks for nothing.
const O_NONBLOCK = constants.O_NONBLOCK ?? 0;

export function nodeIo(): CliIo {
  return {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    readFile: async (path, limit) => {
      const handle = await fs.open(path, constants.O_RDONLY | O_NONBLOCK);
      try {
        const stat = await handle.stat();
        if (!stat.isFile() || stat.size > limit) return { stat, bytes: null };
        return { stat, bytes: await readAtMost(handle, limit + 1) };
      } finally {
        await handle.close();
      }
    },
    stat: (path) => fs.stat(path),
    lstat: (path) => fs.lstat(path),
    realpath: (path) => fs.realpath(path),
    readdir: (path) => fs.readdir(path),
    writeFile: async (path, bytes) => {
      // Beside the file (same file system, so the rename is atomic), keeping its permissions; a
      // symbolic link stays a link, and the file it points to is the one replaced.
      const target = await fs.realpath(path);
      const temporary = join(dirname(target), `.${basename(target)}.postmortem-fix-${process.pid}`);
      const { mode } = await fs.stat(target);
      try {
        await fs.writeFile(temporary, bytes, { mode });
        await fs.rename(temporary, target);
      } catch (error) {
        await fs.rm(temporary, { force: true });
        throw error;
      }
    },
    readStdin: async () => {
      const chunks: Buffer[] = [];
      for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
      return Buffer.concat(chunks);
    },
    cwd: process.cwd(),
    now: () => new Date(),
  };
}

async function readAtMost(handle: fs.FileHandle, limit: number): Promise<Buffer> {
  const buffer = Buffer.alloc(limit);
  let length = 0;
  while (length < limit) {
    const { bytesRead } = await handle.read(buffer, length, limit - length, null);
    if (bytesRead === 0) break;
    length += bytesRead;
  }
  return buffer.subarray(0, length);
}
