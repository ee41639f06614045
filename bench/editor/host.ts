/**
 * The editor bench's half inside VS Code: the extension host calls `run()` (VS Code's test
 * `payload`, as for the integration suite) in a fresh window where nothing is open yet, and it
 * measures with VS Code's own API and events, never with sleeps:
 *
 * - activation: the extension's "Load Code" + "Call Activate" + "Finish Activate" from VS Code's
 *   Startup Performance view (Developer: Startup Performance), the editor's own measurement;
 * - open to first diagnostic: from asking VS Code to open a seed to the first diagnostics on it, ours
 *   and, on the same document at the same moment, those of VS Code's built-in Markdown link
 *   validation (each seed ends with a broken link); the first document in the window is "cold";
 * - keystroke to squiggle: a real key pressed in the browser (the runner presses it when asked
 *   through the console, test/e2e/keys.ts) until the document's diagnostics are the right ones for
 *   the new text (the first event after a key can still be the old answer): Delete after a heading's
 *   "##" (heading-space appears, as the core predicts for that text), Space (it goes); for Markdown,
 *   Backspace and "x" at the end of a link target (a broken link mends and breaks).
 *
 * Prints one line, BENCH_PREFIX + JSON, for bench/editor.ts.
 */
import { performance } from 'node:perf_hooks';
import * as vscode from 'vscode';
import { analyze } from '../../server/src/analysis/index';
import { PRESS_PREFIX } from '../../test/e2e/keys';
import { BENCH_PREFIX, LINK_LINE, type HostResult } from './shared';

const EXTENSION_ID = 'postmortem.postmortem';
const WAIT_MS = 30_000;

type Source = 'postmortem' | 'markdown';

function ofSource(uri: vscode.Uri, source: Source): vscode.Diagnostic[] {
  return vscode.languages
    .getDiagnostics(uri)
    .filter((diagnostic) => (source === 'postmortem' ? diagnostic.source === 'postmortem' : diagnostic.source !== 'postmortem'));
}

/** Resolves with the time (performance.now()) at which `accept` first holds for the document's diagnostics of `source`; null after WAIT_MS. */
function when(uri: vscode.Uri, source: Source, accept: (diagnostics: vscode.Diagnostic[]) => boolean, requireEvent = false): Promise<number | null> {
  if (!requireEvent && accept(ofSource(uri, source))) return Promise.resolve(performance.now());
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      subscription.dispose();
      resolve(null);
    }, WAIT_MS);
    const subscription = vscode.languages.onDidChangeDiagnostics((event) => {
      if (!event.uris.some((changed) => changed.toString() === uri.toString())) return;
      if (!accept(ofSource(uri, source))) return;
      const at = performance.now();
      clearTimeout(timer);
      subscription.dispose();
      resolve(at);
    });
  });
}

const round = (ms: number | null): number | null => (ms === null ? null : Math.round(ms));

const MARKDOWN_ID = 'vscode.markdown-language-features';

/** "| postmortem.postmortem | false | 48 | 2 | 0 | onLanguage:markdown | ... |": load code, call activate, finish activate. */
function figures(row: string | null, id: string): HostResult['activation'] {
  const cells = row?.split('|').map((cell) => cell.trim()) ?? [];
  const at = cells.indexOf(id);
  const numbers = cells.map(Number);
  if (at < 0 || ![2, 3, 4].every((i) => Number.isFinite(numbers[at + i]))) return null;
  return { loadCode: numbers[at + 2], callActivate: numbers[at + 3], finishActivate: numbers[at + 4], event: cells[at + 5] ?? '' };
}

/** VS Code's own activation figures for the extension, from Developer: Startup Performance. */
async function activationFromPerfView(result: HostResult): Promise<void> {
  const opened = new Promise<vscode.TextDocument | undefined>((resolve) => {
    const found = (): vscode.TextDocument | undefined =>
      vscode.workspace.textDocuments.find((document) => document.uri.scheme === 'perf' && document.getText().includes(EXTENSION_ID));
    const deadline = Date.now() + 10_000;
    const poll = (): void => {
      const document = found();
      if (document || Date.now() > deadline) resolve(document);
      else setTimeout(poll, 100);
    };
    poll();
  });
  await vscode.commands.executeCommand('perfview.show');
  const document = await opened;
  if (!document) {
    result.errors.push('Startup Performance view not available');
    return;
  }
  const rowOf = (id: string): string | null =>
    document
      .getText()
      .split('\n')
      .find((line) => line.includes(`| ${id} `) || line.includes(`|${id}|`)) ?? null;
  result.activationRaw = rowOf(EXTENSION_ID);
  result.activation = figures(result.activationRaw, EXTENSION_ID);
  result.markdownActivation = figures(rowOf(MARKDOWN_ID), MARKDOWN_ID);
  await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
}

function press(keys: string): number {
  const at = performance.now();
  console.log(`${PRESS_PREFIX}${keys}`);
  return at;
}

export async function run(): Promise<void> {
  const result: HostResult = {
    activation: null,
    activationRaw: null,
    markdownActivation: null,
    coldOpenedAt: null,
    opens: [],
    keystrokes: { postmortem: [], markdown: [] },
    markdownSources: [],
    errors: [],
  };
  const config = JSON.parse(process.env.POSTMORTEM_BENCH ?? '{}') as { keystrokes?: number };
  const keystrokes = config.keystrokes ?? 5;
  try {
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
    if (!folder) throw new Error('no workspace folder');
    const files = (await vscode.workspace.findFiles('postmortems/*.md')).sort((a, b) => a.path.localeCompare(b.path));
    if (vscode.extensions.getExtension(EXTENSION_ID)?.isActive)
      result.errors.push('the extension was active before any document was opened: the cold figure is not cold');
    let last: vscode.TextEditor | undefined;
    const editors: vscode.TextEditor[] = [];
    for (const [i, uri] of files.entries()) {
      const postmortem = when(uri, 'postmortem', (found) => found.length > 0);
      const markdown = when(uri, 'markdown', (found) => found.length > 0);
      const start = performance.now();
      if (i === 0) result.coldOpenedAt = Date.now();
      last = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
      editors.push(last);
      const [ours, theirs] = await Promise.all([postmortem, markdown]);
      result.opens.push({
        file: uri.path.split('/').pop()!,
        cold: i === 0,
        postmortem: round(ours && ours - start),
        markdown: round(theirs && theirs - start),
      });
      for (const diagnostic of ofSource(uri, 'markdown'))
        if (!result.markdownSources.includes(String(diagnostic.source))) result.markdownSources.push(String(diagnostic.source));
    }
    await activationFromPerfView(result);
    const typedIn = editors.find((editor) => headingToBreak(editor.document.getText()) >= 0);
    if (typedIn) await keystrokesOn(typedIn, keystrokes, result);
    else result.errors.push('no report has a heading to take the space out of');
    // The Markdown link on the last report (the seeds may have links of their own to confuse the count).
    if (last) await markdownKeystrokesOn(last, keystrokes, result);
  } catch (error) {
    result.errors.push(error instanceof Error ? (error.stack ?? error.message) : String(error));
  }
  console.log(`${BENCH_PREFIX}${JSON.stringify(result)}`);
}

function headingSpaces(value: string): number {
  return analyze(value).diagnostics.filter((diagnostic) => diagnostic.rule === 'heading-space').length;
}

function headingSpaceCount(found: vscode.Diagnostic[]): number {
  return found.filter((d) => String((d.code as { value?: unknown } | undefined)?.value ?? d.code) === 'heading-space').length;
}

/** A heading line whose space, deleted, the heading-space rule reports; -1 when there is none. */
function headingToBreak(text: string): number {
  const before = headingSpaces(text);
  const lines = text.split('\n');
  return lines.findIndex(
    (value, i) => /^#{1,6} \S/.test(value) && headingSpaces(lines.map((other, j) => (j === i ? other.replace(' ', '') : other)).join('\n')) > before,
  );
}

async function keystrokesOn(editor: vscode.TextEditor, count: number, result: HostResult): Promise<void> {
  const shown = await vscode.window.showTextDocument(editor.document);
  const { document } = shown;
  const { uri } = document;
  const text = document.getText();
  const line = headingToBreak(text);
  if (line < 0) {
    result.errors.push(`no heading in ${uri.path} to take the space out of`);
  } else {
    const hashes = document.lineAt(line).text.indexOf(' ');
    const at = new vscode.Position(line, hashes);
    // What the core says the server should report once the key is in: the same core, the same text.
    const predicted = (key: 'Delete' | 'Space'): number => {
      const offset = document.offsetAt(at);
      const text = document.getText();
      return headingSpaces(key === 'Delete' ? text.slice(0, offset) + text.slice(offset + 1) : text.slice(0, offset) + ' ' + text.slice(offset));
    };
    for (let i = 0; i < count; i++) {
      const broken = predicted('Delete');
      if (!(await keystroke(shown, 'postmortem', at, 'Delete', (found) => headingSpaceCount(found) === broken, result))) break;
      const mended = predicted('Space');
      if (!(await keystroke(shown, 'postmortem', at, 'Space', (found) => headingSpaceCount(found) === mended, result))) break;
    }
  }
}

/** The built-in Markdown validation: the link at the end, mended by Backspace and broken again by "x". */
async function markdownKeystrokesOn(editor: vscode.TextEditor, count: number, result: HostResult): Promise<void> {
  const shown = await vscode.window.showTextDocument(editor.document);
  const { document } = shown;
  const linkLine = document
    .getText()
    .split('\n')
    .findIndex((value) => value === LINK_LINE);
  if (linkLine < 0) {
    result.errors.push('the link line is not in the document');
    return;
  }
  const end = LINK_LINE.indexOf('.mdx') + '.mdx'.length;
  const uri = document.uri;
  // The validation may not have run on this document since it was last shown: wait for the link's diagnostic.
  if ((await when(uri, 'markdown', (found) => found.length > 0)) === null) {
    result.errors.push('the built-in Markdown validation never reported the broken link');
    return;
  }
  for (let i = 0; i < count; i++) {
    const before = ofSource(uri, 'markdown').length;
    if (!(await keystroke(shown, 'markdown', new vscode.Position(linkLine, end), 'Backspace', (found) => found.length === before - 1, result))) break;
    if (!(await keystroke(shown, 'markdown', new vscode.Position(linkLine, end - 1), 'x', (found) => found.length === before, result))) break;
  }
}

/**
 * Puts the cursor at `at`, presses `key` in the browser and times it to the first diagnostics event
 * after which the document's diagnostics of `source` are what `expected` says they should be for the
 * text the key makes. False when that never came.
 */
async function keystroke(
  editor: vscode.TextEditor,
  source: Source,
  at: vscode.Position,
  key: string,
  expected: (diagnostics: vscode.Diagnostic[]) => boolean,
  result: HostResult,
): Promise<boolean> {
  const { uri } = editor.document;
  editor.selection = new vscode.Selection(at, at);
  const version = editor.document.version;
  const arrived = when(uri, source, (found) => editor.document.version > version && expected(found), true);
  const typed = press(key);
  const seen = await arrived;
  if (seen === null) {
    result.errors.push(
      `${source}: the expected diagnostics did not arrive within ${WAIT_MS / 1000} s of ${key} (line now ${JSON.stringify(editor.document.lineAt(at.line).text)}, version ${editor.document.version})`,
    );
    return false;
  }
  result.keystrokes[source].push(Math.round(seen - typed));
  return true;
}
