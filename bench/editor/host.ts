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
 *   through the console, test/e2e/keys.ts) until the diagnostics it changes arrive: Delete after a
 *   heading's "##" (heading-space appears), Space (it goes); for Markdown, Backspace and "x" at the
 *   end of a link target (a broken link mends and breaks).
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
  return vscode.languages.getDiagnostics(uri).filter((diagnostic) => (source === 'postmortem' ? diagnostic.source === 'postmortem' : diagnostic.source !== 'postmortem'));
}

/** Resolves with the time (performance.now()) at which `accept` first holds for the document's diagnostics of `source`; null after WAIT_MS. */
function when(uri: vscode.Uri, source: Source, accept: (diagnostics: vscode.Diagnostic[]) => boolean): Promise<number | null> {
  if (accept(ofSource(uri, source))) return Promise.resolve(performance.now());
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

/** VS Code's own activation figures for the extension, from Developer: Startup Performance. */
async function activationFromPerfView(result: HostResult): Promise<void> {
  const opened = new Promise<vscode.TextDocument | undefined>((resolve) => {
    const found = (): vscode.TextDocument | undefined => vscode.workspace.textDocuments.find((document) => document.uri.scheme === 'perf' && document.getText().includes(EXTENSION_ID));
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
  const row = document.getText().split('\n').find((line) => line.includes(EXTENSION_ID)) ?? null;
  result.activationRaw = row;
  // "| postmortem.postmortem | false | 48 | 2 | 0 | onLanguage:markdown | ... |"
  const cells = row?.split('|').map((cell) => cell.trim()) ?? [];
  const numbers = cells.map(Number);
  const at = cells.indexOf(EXTENSION_ID);
  if (at >= 0 && [2, 3, 4].every((i) => Number.isFinite(numbers[at + i]))) {
    result.activation = { loadCode: numbers[at + 2], callActivate: numbers[at + 3], finishActivate: numbers[at + 4], event: cells[at + 5] ?? '' };
  }
  await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
}

function press(keys: string): number {
  const at = performance.now();
  console.log(`${PRESS_PREFIX}${keys}`);
  return at;
}

export async function run(): Promise<void> {
  const result: HostResult = { activation: null, activationRaw: null, coldOpenedAt: null, opens: [], keystrokes: { postmortem: [], markdown: [] }, markdownSources: [], errors: [] };
  const config = JSON.parse(process.env.POSTMORTEM_BENCH ?? '{}') as { keystrokes?: number };
  const keystrokes = config.keystrokes ?? 5;
  try {
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
    if (!folder) throw new Error('no workspace folder');
    const files = (await vscode.workspace.findFiles('postmortems/*.md')).sort((a, b) => a.path.localeCompare(b.path));
    if (vscode.extensions.getExtension(EXTENSION_ID)?.isActive) result.errors.push('the extension was active before any document was opened: the cold figure is not cold');
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
      result.opens.push({ file: uri.path.split('/').pop()!, cold: i === 0, postmortem: round(ours && ours - start), markdown: round(theirs && theirs - start) });
      for (const diagnostic of ofSource(uri, 'markdown')) if (!result.markdownSources.includes(String(diagnostic.source))) result.markdownSources.push(String(diagnostic.source));
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

/** A heading line whose space, deleted, the heading-space rule reports; -1 when there is none. */
function headingToBreak(text: string): number {
  const headingSpaces = (value: string): number => analyze(value).diagnostics.filter((diagnostic) => diagnostic.rule === 'heading-space').length;
  const before = headingSpaces(text);
  const lines = text.split('\n');
  return lines.findIndex((value, i) => /^#{1,6} \S/.test(value) && headingSpaces(lines.map((other, j) => (j === i ? other.replace(' ', '') : other)).join('\n')) > before);
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
    for (let i = 0; i < count && (await keystroke(shown, 'postmortem', new vscode.Position(line, hashes), 'Delete', result)) && (await keystroke(shown, 'postmortem', new vscode.Position(line, hashes), 'Space', result)); i++);
  }
}

/** The built-in Markdown validation: the link at the end, mended by Backspace and broken again by "x". */
async function markdownKeystrokesOn(editor: vscode.TextEditor, count: number, result: HostResult): Promise<void> {
  const shown = await vscode.window.showTextDocument(editor.document);
  const { document } = shown;
  const linkLine = document.getText().split('\n').findIndex((value) => value === LINK_LINE);
  if (linkLine < 0) {
    result.errors.push('the link line is not in the document');
    return;
  }
  const end = LINK_LINE.indexOf('.mdx') + '.mdx'.length;
  for (let i = 0; i < count && (await keystroke(shown, 'markdown', new vscode.Position(linkLine, end), 'Backspace', result)) && (await keystroke(shown, 'markdown', new vscode.Position(linkLine, end - 1), 'x', result)); i++);
}

/** The diagnostics of `source` on a document, as one comparable string. */
function signature(uri: vscode.Uri, source: Source): string {
  return JSON.stringify(ofSource(uri, source).map((d) => [d.range.start.line, d.range.start.character, d.range.end.line, d.range.end.character, d.message]));
}

/**
 * Puts the cursor at `at`, presses `key` in the browser and times it to the first change of the
 * document's diagnostics of `source` (each key here adds or removes one). False when none came.
 */
async function keystroke(editor: vscode.TextEditor, source: Source, at: vscode.Position, key: string, result: HostResult): Promise<boolean> {
  const { uri } = editor.document;
  editor.selection = new vscode.Selection(at, at);
  const before = signature(uri, source);
  const changed = when(uri, source, () => signature(uri, source) !== before);
  const typed = press(key);
  const seen = await changed;
  if (seen === null) {
    result.errors.push(`${source}: the diagnostics did not change within ${WAIT_MS / 1000} s of ${key} (line now ${JSON.stringify(editor.document.lineAt(at.line).text)})`);
    return false;
  }
  result.keystrokes[source].push(Math.round(seen - typed));
  return true;
}
