/**
 * The preview panel: one webview that shows the active postmortem, re-rendered as it is edited and
 * scrolled with its editor. The server renders the content (`postmortem/preview`, with the core and
 * the Markdown toolchain the extension does not carry); the shell is `buildShell` (shell.ts, a bundle
 * of its own that loads when a preview first opens); this module only wires them to the editor.
 */
import * as vscode from 'vscode';
import { PREVIEW_METHOD, type PreviewParams, type PreviewResult } from '../../../server/src/protocol';
import { loadBundle } from '../bundles';
import { ask, documentParams } from '../requests';
import type * as PreviewShellModule from './shell';

const VIEW_TYPE = 'postmortem.preview';
const DEBOUNCE_MS = 100;
// After one side scrolls the other, its echo is ignored for this long.
const ECHO_MS = 300;

export interface RenderedForTest {
  uri: string;
  version: number;
  html: string;
}

/** What the webview reports it shows after an update, measured in the page. */
export interface ShownForTest {
  uri: string;
  /** The smallest chart text as drawn, in CSS pixels; null without a chart. */
  chartTextPx: number | null;
  /** The editor font size VS Code gives the webview (`--vscode-editor-font-size`). */
  editorFontPx: number | null;
  /** The text of each placeholder laid out on the page. */
  placeholders: string[];
}

const shown = new vscode.EventEmitter<ShownForTest>();
/** Fires when the webview has shown an update (the integration tests read what a user sees from it). */
export const onDidShowPreview = shown.event;

let lastRendered: RenderedForTest | undefined;
const rendered = new vscode.EventEmitter<RenderedForTest>();
/** Fires after each render, as it is posted to the webview (the integration tests wait on it). */
export const onDidRenderPreview = rendered.event;

/** What the panel last posted to its webview (for integration tests; also the command `postmortem.preview.lastRenderedForTest`). */
export function lastRenderedForTest(): RenderedForTest | undefined {
  return lastRendered;
}

/** Not "Preview x.md", which is the built-in Markdown preview's tab title: ours says whose it is. */
export function previewTitle(uri: vscode.Uri): string {
  return `Postmortem Preview: ${uri.path.split('/').pop() ?? ''}`;
}

function allowRemoteImages(): boolean {
  return vscode.workspace.getConfiguration('postmortem').get<boolean>('preview.allowRemoteImages', false);
}

class Preview {
  private readonly disposables: vscode.Disposable[] = [];
  private timer: ReturnType<typeof setTimeout> | undefined;
  // A huge report takes long to render: wait at least twice the last render between renders,
  // so typing in it never queues renders back to back in the extension host.
  private delay = DEBOUNCE_MS;
  private ignoreEditorScrollUntil = 0;
  private isDisposed = false;
  /** Counts renders asked for: an answer to an older one is dropped. */
  private generation = 0;
  private readonly disposed = new vscode.EventEmitter<void>();
  readonly onDidDispose = this.disposed.event;

  constructor(
    private readonly panel: vscode.WebviewPanel,
    private readonly mediaRoot: vscode.Uri,
    private document: vscode.TextDocument,
    /** The shell's module: a bundle of its own, loaded when a preview first opens (bundles.ts). */
    private readonly shell: () => typeof PreviewShellModule,
  ) {
    this.setShell();
    this.disposables.push(
      panel.onDidDispose(() => this.dispose()),
      panel.webview.onDidReceiveMessage((message: unknown) => this.onMessage(message)),
      vscode.workspace.onDidChangeTextDocument((event) => {
        if (event.document === this.document) this.schedule();
      }),
      vscode.window.onDidChangeActiveTextEditor((editor) => {
        // Only documents the server checks: not a README, not a diff's other side (it answers null for those).
        if (editor && editor.document !== this.document) void this.render(editor.document, true);
      }),
      vscode.window.onDidChangeTextEditorVisibleRanges((event) => {
        if (event.textEditor.document !== this.document || Date.now() < this.ignoreEditorScrollUntil) return;
        const line = event.visibleRanges[0]?.start.line;
        if (line !== undefined) void this.panel.webview.postMessage({ type: 'scroll', line });
      }),
      vscode.workspace.onDidChangeConfiguration((event) => {
        // The CSP depends on this setting, so the shell is rebuilt, not just the content.
        if (event.affectsConfiguration('postmortem.preview')) this.setShell();
      }),
    );
  }

  show(document: vscode.TextDocument): void {
    // The document asked for is the panel's at once: a webview that reloads meanwhile (a reveal in
    // another column reloads it) asks for content with 'ready', and must get this one, not the last shown.
    this.document = document;
    void this.render(document);
  }

  reveal(column: vscode.ViewColumn, preserveFocus: boolean): void {
    this.panel.reveal(column, preserveFocus);
  }

  private setShell(): void {
    const { webview } = this.panel;
    const { buildShell, createNonce } = this.shell();
    webview.html = buildShell({
      cspSource: webview.cspSource,
      nonce: createNonce(),
      scriptUri: webview.asWebviewUri(vscode.Uri.joinPath(this.mediaRoot, 'preview.js')).toString(),
      styleUri: webview.asWebviewUri(vscode.Uri.joinPath(this.mediaRoot, 'preview.css')).toString(),
      allowRemoteImages: allowRemoteImages(),
    });
    // The new shell asks for content with a 'ready' message.
  }

  private schedule(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.render(), this.delay);
  }

  /**
   * Asks the server for `document`'s content and posts it to the webview. Renders overtaken by a
   * later one are dropped; `onlyIfChecked` (following the active editor) switches documents only when
   * the server checks the new one.
   */
  private async render(document = this.document, onlyIfChecked = false): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    const mine = ++this.generation;
    const started = Date.now();
    const params: PreviewParams = { ...documentParams(document), allowRemoteImages: allowRemoteImages(), onlyIfChecked };
    const asked = await ask<PreviewResult | null>(PREVIEW_METHOD, params);
    if (mine !== this.generation || this.isDisposed) return;
    // Following the active editor: not a postmortem (or no answer), so keep showing this one.
    if (onlyIfChecked && (!asked.ok || asked.value === null)) return;
    this.document = document;
    this.panel.title = previewTitle(document.uri);
    let bodyHtml: string;
    let version = document.version;
    if (!asked.ok) {
      // Keep the panel alive and say why, rather than freezing on the last good render.
      bodyHtml = notice(`The preview is not available: ${asked.reason}. The editor is unaffected; the preview updates when the server answers again.`);
    } else if (!asked.value) {
      bodyHtml = notice('The preview could not render this document. The editor and its diagnostics are unaffected.');
    } else {
      bodyHtml = asked.value.bodyHtml;
      version = asked.value.version ?? version;
    }
    this.delay = Math.max(DEBOUNCE_MS, 2 * (Date.now() - started));
    lastRendered = { uri: document.uri.toString(), version, html: bodyHtml };
    const editor = vscode.window.visibleTextEditors.find((candidate) => candidate.document === document);
    // A hidden panel drops the message (its webview reloads and asks with 'ready' when shown again).
    // The webview says which document an update it shows was of: a report it showed before the panel
    // switched to another is not reported as the new one.
    void this.panel.webview.postMessage({ type: 'update', html: bodyHtml, line: editor?.visibleRanges[0]?.start.line, uri: document.uri.toString() });
    rendered.fire(lastRendered);
    // Edited while the server rendered: the next render is already scheduled by the change.
  }

  private onMessage(message: unknown): void {
    if (typeof message !== 'object' || message === null) return;
    const { type, line } = message as { type?: unknown; line?: unknown };
    if (type === 'shown') {
      const { chartTextPx, editorFontPx, placeholders, uri } = message as Record<string, unknown>;
      shown.fire({
        uri: typeof uri === 'string' ? uri : this.document.uri.toString(),
        chartTextPx: typeof chartTextPx === 'number' ? chartTextPx : null,
        editorFontPx: typeof editorFontPx === 'number' ? editorFontPx : null,
        placeholders: Array.isArray(placeholders) ? placeholders.filter((value): value is string => typeof value === 'string') : [],
      });
    } else if (type === 'ready') {
      void this.render();
    } else if (type === 'reveal' && typeof line === 'number' && Number.isInteger(line) && line >= 0) {
      const editor = vscode.window.visibleTextEditors.find((candidate) => candidate.document === this.document);
      if (!editor) return;
      const target = new vscode.Range(Math.min(line, this.document.lineCount - 1), 0, Math.min(line, this.document.lineCount - 1), 0);
      this.ignoreEditorScrollUntil = Date.now() + ECHO_MS;
      editor.revealRange(target, vscode.TextEditorRevealType.AtTop);
    }
  }

  dispose(): void {
    // Closing the panel and deactivating both end up here.
    if (this.isDisposed) return;
    this.isDisposed = true;
    if (this.timer) clearTimeout(this.timer);
    for (const disposable of this.disposables.splice(0)) disposable.dispose();
    this.panel.dispose();
    this.disposed.fire();
    this.disposed.dispose();
  }
}

/** A message in the content element: the text is escaped, so no document or error text becomes markup. */
function notice(text: string): string {
  const escaped = text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
  return `<p>${escaped}</p>`;
}

export function registerPreview(context: vscode.ExtensionContext): void {
  const mediaRoot = vscode.Uri.joinPath(context.extensionUri, 'media');
  let preview: Preview | undefined;

  const open = async (toSide: boolean, uri?: vscode.Uri): Promise<void> => {
    // From the editor title menu or the explorer the command gets the file; from the palette, the active editor.
    const document = uri instanceof vscode.Uri ? await vscode.workspace.openTextDocument(uri) : vscode.window.activeTextEditor?.document;
    if (!document) {
      void vscode.window.showInformationMessage('Open a postmortem to preview it.');
      return;
    }
    const column = toSide ? vscode.ViewColumn.Beside : (vscode.window.activeTextEditor?.viewColumn ?? vscode.ViewColumn.Active);
    if (preview) {
      preview.reveal(column, toSide);
      preview.show(document);
      return;
    }
    const panel = vscode.window.createWebviewPanel(
      VIEW_TYPE,
      previewTitle(document.uri),
      { viewColumn: column, preserveFocus: toSide },
      // Scripts on for our own nonce'd script only (the CSP allows nothing else); media only from our folder.
      { enableScripts: true, enableCommandUris: false, localResourceRoots: [mediaRoot] },
    );
    preview = new Preview(panel, mediaRoot, document, () => loadBundle(context, 'previewShell'));
    preview.onDidDispose(() => (preview = undefined));
  };

  context.subscriptions.push(
    vscode.commands.registerCommand('postmortem.openPreview', (uri?: vscode.Uri) => open(false, uri)),
    vscode.commands.registerCommand('postmortem.openPreviewToSide', (uri?: vscode.Uri) => open(true, uri)),
    vscode.commands.registerCommand('postmortem.preview.lastRenderedForTest', () => lastRenderedForTest()),
    { dispose: () => preview?.dispose() },
  );
}
