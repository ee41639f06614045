/**
 * The CLI for CI pipelines, on the same core as the language server.
 *
 *   postmortem check [--format text|json] [--fix] [--follow-links] FILES_OR_DIRS...   exit 0 clean, 1 on an error, 2 on bad usage or input
 *   postmortem inspect FILE                                   the model as JSON
 */
import { isAbsolute, join, relative, sep } from 'node:path';
import { type Analysis, type AnalysisOptions, analyze, type Diagnostic, LineIndex, parseConfig, toInspectJson } from '../analysis/index';
import { applyEdits, fixAllPlan } from '../analysis/index';
import { VERSION } from '../protocol';
import { projectFileCandidates } from '../projectFile';
import { fileError, readInput, InputError, type Input } from './input';
import type { CliIo, FileStat, NotWritten, WriteResult } from './io';

export { nodeIo, type CliIo } from './io';

const USAGE = `Usage:
  postmortem check [--format text|json] [--config FILE] [--fix] [--follow-links] FILES_OR_DIRS...
  postmortem inspect FILE

check    Lint postmortems. Exit 0 when clean, 1 when an error is found, 2 on bad usage or when a file
         could not be read or written back (the others are still checked).
         --fix applies the mechanical fixes ("Fix all" in the editor) to the files, then reports what is left.
inspect  Print what the parser finds in one postmortem (sections, window, timeline, actions, metrics) as JSON.
Directories are searched for .md, .markdown and .txt files; symbolic links that lead out of the
directory are not followed unless --follow-links is given. "-" reads a report from standard input.
Settings come from --config, or else the nearest .postmortemrc.json in this directory or above.
`;

export async function main(argv: string[], io: CliIo): Promise<number> {
  const [command, ...rest] = argv;
  if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
    (command === undefined ? io.stderr : io.stdout)(USAGE);
    return command === undefined ? 2 : 0;
  }
  if (command === '--version' || command === '-v') {
    io.stdout(`${VERSION}\n`);
    return 0;
  }
  try {
    if (command === 'check') return await check(rest, io);
    if (command === 'inspect') return await inspect(rest, io);
  } catch (error) {
    if (error instanceof InputError || error instanceof UsageError) {
      io.stderr(`postmortem: ${error.message}\n`);
      if (error instanceof UsageError) io.stderr(USAGE);
      return 2;
    }
    throw error;
  }
  io.stderr(`postmortem: unknown command "${command}"\n${USAGE}`);
  return 2;
}

class UsageError extends Error {}

async function check(args: string[], io: CliIo): Promise<number> {
  let format: 'text' | 'json' = 'text';
  let configPath: string | null = null;
  let fix = false;
  let followLinks = false;
  const paths: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === '--format' || arg.startsWith('--format=')) {
      const value = arg.includes('=') ? arg.slice('--format='.length) : args[++i];
      if (value !== 'text' && value !== 'json') throw new UsageError(`--format takes "text" or "json", not ${value === undefined ? 'nothing' : `"${value}"`}`);
      format = value;
    } else if (arg === '--config' || arg.startsWith('--config=')) {
      configPath = arg.includes('=') ? arg.slice('--config='.length) : (args[++i] ?? null);
      if (!configPath) throw new UsageError('--config takes a file');
    } else if (arg === '--fix') {
      fix = true;
    } else if (arg === '--follow-links') {
      followLinks = true;
    } else if (arg.startsWith('-') && arg !== '-') {
      throw new UsageError(`unknown option "${arg}"`);
    } else {
      paths.push(arg);
    }
  }
  if (paths.length === 0) throw new UsageError('check needs at least one file or directory');
  if (fix && paths.includes('-')) throw new UsageError('--fix writes files back, so it cannot read a report from standard input');

  // A file that cannot be read or fixed is reported and the others are checked; the exit code is then 2.
  let failures = 0;
  const fail = (message: string): void => {
    io.stderr(`postmortem: ${message}\n`);
    failures++;
  };
  const options = await loadOptions(configPath, io);
  const files = await expandPaths(paths, { io, followLinks, fail });
  const inputs = await readInputs(files, io, fail);
  // Nothing could be read: the messages say why, and stdout stays empty.
  if (inputs.length === 0) return 2;

  const now = io.now();
  if (fix) await fixInputs(inputs, { ...options, now }, io, fail);
  const results = inputs.map(({ file, text, warning, analysis = analyze(text, { ...options, now }) }) => {
    if (warning) io.stderr(`postmortem: ${file}: ${warning}\n`);
    for (const failure of analysis.failures) io.stderr(`postmortem: ${file}: rule ${failure.rule} failed (${failure.error}); the other rules ran\n`);
    // People read top to bottom: order by position, rule order breaking ties.
    const diagnostics = [...analysis.diagnostics].sort((a, b) => a.start - b.start);
    return { file, text, diagnostics };
  });

  const hasError = results.some((result) => result.diagnostics.some((diagnostic) => diagnostic.severity === 'error'));
  if (format === 'json') {
    io.stdout(
      `${JSON.stringify(
        results.map((result) => ({ file: result.file, diagnostics: toJsonDiagnostics(result.text, result.diagnostics) })),
        null,
        2,
      )}\n`,
    );
  } else {
    io.stdout(formatText(results));
  }
  return failures > 0 ? 2 : hasError ? 1 : 0;
}

/** A file read; `analysis` is filled in by --fix for the text it leaves, so that it is not analysed again. */
type Checked = Input & { file: string; analysis?: Analysis };

/** Reads each file once, under the first name found: a link in the tree, or a name given twice, is the same file. */
async function readInputs(files: string[], io: CliIo, fail: (message: string) => void): Promise<Checked[]> {
  const inputs: Checked[] = [];
  const seen = new Set<string>();
  for (const file of files) {
    try {
      const input = await readInput(file, io);
      const key = input.source && `${input.source.stat.dev}:${input.source.stat.ino}`;
      if (key !== null && seen.has(key)) continue;
      if (key !== null) seen.add(key);
      inputs.push({ file, ...input });
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
      fail(error.message);
    }
  }
  return inputs;
}

/** Applies the mechanical fixes and writes each file back, saying what it did or why it did not. */
async function fixInputs(inputs: Checked[], options: AnalysisOptions, io: CliIo, fail: (message: string) => void): Promise<void> {
  for (const input of inputs) {
    const fixed = fixFile(input.text, options);
    if (fixed.applied === 0) {
      input.analysis = fixed.analysis;
      continue;
    }
    if (input.encoding !== 'utf-8') {
      io.stderr(`postmortem: ${input.file}: not fixed: it is not UTF-8, and writing it back would change its encoding\n`);
      continue;
    }
    const bytes = Buffer.from(`${input.bom ? '\uFEFF' : ''}${fixed.text}`, 'utf8');
    // --fix never reads standard input, so every input has a source; one without is not written.
    const source = input.source;
    if (!source) {
      io.stderr(`postmortem: ${input.file}: not fixed: standard input is not written back\n`);
      continue;
    }
    let result: WriteResult;
    try {
      result = await io.writeFile(input.file, bytes, source);
    } catch (error) {
      fail(`${input.file}: cannot be written (${(error as NodeJS.ErrnoException).code ?? String(error)}); it is unchanged`);
      continue;
    }
    if (!result.written) {
      // Someone else's edit is not a choice the user made: that one fails the run.
      if (result.because === 'changed') fail(`${input.file}: not fixed: ${NOT_WRITTEN[result.because]}`);
      else io.stderr(`postmortem: ${input.file}: not fixed: ${NOT_WRITTEN[result.because]}\n`);
      continue;
    }
    input.text = fixed.text;
    input.analysis = fixed.analysis;
    io.stderr(`postmortem: ${input.file}: fixed ${fixed.applied} problem${fixed.applied === 1 ? '' : 's'}\n`);
    if (!result.ownerKept) io.stderr(`postmortem: ${input.file}: its owner and group could not both be kept (only root can give a file away)\n`);
  }
}

const NOT_WRITTEN: Record<NotWritten, string> = {
  changed: 'it changed while it was being checked; run again to fix the new text',
  'read-only': 'the file is read-only',
  'read-only folder': 'its folder is read-only',
  'hard-linked': 'it has other hard links, which replacing it would split',
};

/** Fixes that touch each other are applied one pass after another; a few passes always settle. */
const FIX_PASSES = 5;

/**
 * Applies "Fix all" until nothing is left to apply; returns the text, how many fixes went in, and
 * the analysis of the text returned (what the report then shows).
 */
function fixFile(text: string, options: AnalysisOptions): { text: string; applied: number; analysis: Analysis } {
  let applied = 0;
  let analysis = analyze(text, options);
  for (let pass = 0; pass < FIX_PASSES; pass++) {
    const { edits, fixed } = fixAllPlan(analysis.diagnostics);
    if (edits.length === 0) break;
    applied += fixed.length;
    text = applyEdits(text, edits);
    analysis = analyze(text, options);
  }
  return { text, applied, analysis };
}

async function inspect(args: string[], io: CliIo): Promise<number> {
  if (args.length !== 1 || args[0].startsWith('-')) throw new UsageError('inspect takes exactly one file');
  const [file] = args;
  const stat = await statOrThrow(file, io);
  if (stat.isDirectory()) throw new InputError(`${file}: is a directory; inspect takes one file`);
  const { text, warning } = await readInput(file, io);
  if (warning) io.stderr(`postmortem: ${file}: ${warning}\n`);
  io.stdout(`${JSON.stringify(toInspectJson(analyze(text).model), null, 2)}\n`);
  return 0;
}

async function loadOptions(configPath: string | null, io: CliIo): Promise<AnalysisOptions> {
  let path = configPath;
  if (path === null) {
    for (const candidate of projectFileCandidates(io.cwd)) {
      if (
        await io.stat(candidate).then(
          (stat) => stat.isFile(),
          () => false,
        )
      ) {
        path = candidate;
        break;
      }
    }
    if (path === null) return {};
  }
  const { text } = await readInput(path, io);
  const { options, errors } = parseConfig(text);
  if (errors.length > 0) {
    const index = LineIndex.of(text);
    const where = (offset: number): string => {
      const { line, character } = index.positionAt(offset);
      return `${line + 1}:${character + 1}`;
    };
    // One line each, compiler style, so that terminals and editors link them to the place.
    throw new InputError([`${path} is not a valid project file:`, ...errors.map((error) => `${path}:${where(error.start)}: ${error.message}`)].join('\n'));
  }
  return options;
}

async function statOrThrow(path: string, io: CliIo): Promise<FileStat> {
  try {
    return await io.stat(path);
  } catch (error) {
    throw fileError(path, error);
  }
}

const POSTMORTEM_FILE_RE = /\.(?:md|markdown|txt)$/i;

interface Search {
  io: CliIo;
  /** Follow symbolic links that lead out of the directory being searched. */
  followLinks: boolean;
  /** Reports a path that cannot be searched; the others still are. */
  fail: (message: string) => void;
}

async function expandPaths(paths: string[], search: Search): Promise<string[]> {
  const files: string[] = [];
  for (const path of paths) {
    if (path === '-') {
      files.push(path);
      continue;
    }
    try {
      const stat = await statOrThrow(path, search.io);
      if (!stat.isDirectory()) {
        files.push(path);
        continue;
      }
      const found = await walk(path, stat, search);
      if (found.length === 0) throw new InputError(`${path}: no .md, .markdown or .txt files in this directory`);
      files.push(...found);
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
      search.fail(error.message);
    }
  }
  return files;
}

/**
 * The reports under `root`, in name order. Each folder is entered once (by device and inode), so a
 * link loop ends; links out of `root` are followed only if asked.
 */
async function walk(root: string, rootStat: FileStat, { io, followLinks, fail }: Search): Promise<string[]> {
  const top = await io.realpath(root);
  const entered = new Set<string>();
  const found: string[] = [];
  const enter = async (directory: string, stat: FileStat): Promise<void> => {
    const key = `${stat.dev}:${stat.ino}`;
    if (entered.has(key)) return;
    entered.add(key);
    let names: string[];
    try {
      names = (await io.readdir(directory)).sort();
    } catch (error) {
      if (directory === root) throw fileError(directory, error);
      fail(fileError(directory, error).message);
      return;
    }
    for (const name of names) {
      if (name.startsWith('.') || name === 'node_modules') continue;
      const path = join(directory, name);
      const isReport = POSTMORTEM_FILE_RE.test(name);
      let entry: FileStat;
      try {
        entry = await io.lstat(path);
        if (entry.isSymbolicLink()) {
          const target = await io.realpath(path);
          entry = await io.stat(path);
          if (!entry.isDirectory() && !isReport) continue;
          if (!followLinks && !isInside(top, target)) {
            io.stderr(`postmortem: ${path}: not followed: a symbolic link out of ${root} (--follow-links follows it)\n`);
            continue;
          }
        }
      } catch (error) {
        // A broken link, or one that points at itself; only worth a word if it looks like a report.
        if (isReport) fail(fileError(path, error).message);
        continue;
      }
      if (entry.isDirectory()) await enter(path, entry);
      else if (entry.isFile() && isReport) found.push(path);
    }
  };
  await enter(root, rootStat);
  return found;
}

function isInside(directory: string, path: string): boolean {
  const rest = relative(directory, path);
  return rest === '' || (rest !== '..' && !rest.startsWith(`..${sep}`) && !isAbsolute(rest));
}

interface JsonDiagnostic {
  rule: string;
  severity: string;
  message: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  data: Record<string, unknown>;
}

/** Lines and columns are 1-based; columns count UTF-16 code units, as LSP does. */
function toJsonDiagnostics(text: string, diagnostics: Diagnostic[]): JsonDiagnostic[] {
  const index = LineIndex.of(text);
  return diagnostics.map((diagnostic) => {
    const start = index.positionAt(diagnostic.start);
    const end = index.positionAt(diagnostic.end);
    return {
      rule: diagnostic.rule,
      severity: diagnostic.severity,
      message: diagnostic.message,
      line: start.line + 1,
      column: start.character + 1,
      endLine: end.line + 1,
      endColumn: end.character + 1,
      data: diagnostic.data ?? {},
    };
  });
}

function formatText(results: Array<{ file: string; text: string; diagnostics: Diagnostic[] }>): string {
  const lines: string[] = [];
  let errors = 0;
  let warnings = 0;
  for (const result of results) {
    for (const diagnostic of toJsonDiagnostics(result.text, result.diagnostics)) {
      if (diagnostic.severity === 'error') errors++;
      else if (diagnostic.severity === 'warning') warnings++;
      lines.push(`${result.file}:${diagnostic.line}:${diagnostic.column}: ${diagnostic.severity} ${diagnostic.rule}: ${diagnostic.message}`);
    }
  }
  const files = results.length;
  lines.push(`${files} file${files === 1 ? '' : 's'} checked: ${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}`);
  return `${lines.join('\n')}\n`;
}
