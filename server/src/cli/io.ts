/**
 * What the CLI needs from the outside world, and the Node.js implementation of it. Tests replace
 * any part (a file system that refuses to write, a hook between reading and writing).
 */
import { randomBytes } from 'node:crypto';
import { constants, promises as fs, type Stats } from 'node:fs';
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

/** What a file held when it was read, which it must still hold for --fix to replace it. */
export type Snapshot = FileRead & { bytes: Buffer };

/** Why a file was left as it was instead of being replaced. */
export type NotWritten = 'changed' | 'read-only' | 'read-only folder' | 'hard-linked';

export type WriteResult = { written: true; ownerKept: boolean } | { written: false; because: NotWritten };

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
  /**
   * Replaces the content of the file `path` names (the file a link points to), in one step: a
   * reader sees the old bytes or the new, never a mix. Only if it still is the file `read` was
   * taken from, holding the same bytes; keeps its permission bits, owner and group. Leaves alone
   * a read-only file, a file in a read-only folder and a file with other hard links.
   */
  writeFile: (path: string, bytes: Buffer, read: Snapshot) => Promise<WriteResult>;
  /** Standard input, for the file name "-". */
  /** Standard input, at most `limit` + 1 bytes: reading stops there, so `cat /dev/zero |` cannot exhaust memory. */
  readStdin: (limit: number) => Promise<Buffer>;
  cwd: string;
  now: () => Date;
}

// Not every platform has these (Windows has neither); 0 asks for nothing.
const O_NOFOLLOW = constants.O_NOFOLLOW ?? 0;
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
    writeFile: replaceFile,
    readStdin: async (limit) => {
      const chunks: Buffer[] = [];
      let size = 0;
      for await (const chunk of process.stdin) {
        chunks.push(chunk as Buffer);
        size += (chunk as Buffer).length;
        if (size > limit) break; // Leaving the loop stops reading standard input.
      }
      return Buffer.concat(chunks).subarray(0, limit + 1);
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

/**
 * Creates a file that did not exist, for writing, readable by its owner only: never opens what is
 * already there, and never follows a link planted at that name.
 */
export function createNew(path: string): Promise<fs.FileHandle> {
  return fs.open(path, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | O_NOFOLLOW, 0o600);
}

async function replaceFile(path: string, bytes: Buffer, read: Snapshot): Promise<WriteResult> {
  // The file a link points to is the one replaced; a file deleted meanwhile is not brought back.
  let target: string;
  try {
    target = await fs.realpath(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { written: false, because: 'changed' };
    throw error;
  }
  const before = await statIfUnchanged(target, read);
  if (before === null) return { written: false, because: 'changed' };
  if (before.nlink > 1) return { written: false, because: 'hard-linked' };
  if (!(await mayWrite(target, before))) return { written: false, because: 'read-only' };
  const folder = dirname(target);
  if (!(await mayWrite(folder, await fs.stat(folder)))) return { written: false, because: 'read-only folder' };

  // Beside the file (same file system, so the rename is atomic), under a name nobody can guess.
  const temporary = join(folder, `.${basename(target)}.postmortem-fix-${randomBytes(8).toString('hex')}`);
  const handle = await createNew(temporary);
  let ownerKept = true;
  try {
    try {
      await handle.writeFile(bytes);
      try {
        await handle.chown(before.uid, before.gid);
      } catch (error) {
        // Only root may give a file away: anyone else keeps the group if they can, and says so.
        if ((error as NodeJS.ErrnoException).code !== 'EPERM' || isRoot()) throw error;
        ownerKept = false;
        await handle.chown(-1, before.gid).catch(() => undefined);
      }
      // After chown, which may clear the set-user-ID bit; explicit, so the umask does not apply.
      await handle.chmod(before.mode & 0o7777);
      await handle.datasync();
    } finally {
      await handle.close();
    }
    // Last look before the replace: someone may have saved the file while it was being checked.
    const now = await statIfUnchanged(target, read);
    if (now === null || now.ctimeMs !== before.ctimeMs) {
      await fs.rm(temporary, { force: true });
      return { written: false, because: 'changed' };
    }
    await fs.rename(temporary, target);
  } catch (error) {
    await fs.rm(temporary, { force: true });
    throw error;
  }
  return { written: true, ownerKept };
}

/** The status of `target` if it is still the file `read` came from, holding the same bytes; else null. */
async function statIfUnchanged(target: string, read: Snapshot): Promise<Stats | null> {
  let handle: fs.FileHandle;
  try {
    handle = await fs.open(target, constants.O_RDONLY | O_NONBLOCK | O_NOFOLLOW);
  } catch (error) {
    // Gone, or a link now stands where the file was.
    if (['ENOENT', 'ELOOP'].includes((error as NodeJS.ErrnoException).code ?? '')) return null;
    throw error;
  }
  try {
    const stat = await handle.stat();
    if (!stat.isFile() || stat.dev !== read.stat.dev || stat.ino !== read.stat.ino || stat.size !== read.bytes.length) return null;
    return (await readAtMost(handle, read.bytes.length + 1)).equals(read.bytes) ? stat : null;
  } finally {
    await handle.close();
  }
}

function isRoot(): boolean {
  return process.getuid?.() === 0;
}

/**
 * Whether the permission bits let this process write `path`. Root may write anything, so for root
 * the owner's write bit says whether the file or folder is meant to be written.
 */
async function mayWrite(path: string, stat: { mode: number }): Promise<boolean> {
  if (isRoot()) return (stat.mode & 0o200) !== 0;
  return fs.access(path, constants.W_OK).then(
    () => true,
    () => false,
  );
}
