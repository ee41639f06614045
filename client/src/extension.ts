/**
 * The extension: registers the commands, the preview and the status item, each from its own module,
 * and starts the language client. It carries no copy of the core: everything it shows about a
 * report it asks the server for (requests.ts).
 *
 * Activation is kept small: this bundle (out/client.js) holds our own code and none of
 * vscode-languageclient, which is a bundle of its own (out/languageClient.js, see bundles.ts) loaded
 * just after `activate` has returned. Everything a user can reach exists at once; a command or a preview that
 * asks the server before the client has loaded waits for it, as it waits for the server to start.
 * The time to the client's loading and the server's start is written to the output channel, and
 * bench/editor.ts reports it beside VS Code's activation figure, so the work moved out of
 * activation stays in sight.
 */
import { window, type Event, type ExtensionContext } from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { loadBundle } from './bundles';
import { registerCommands } from './commands/index';
import { onDidRenderPreview, onDidShowPreview, registerPreview, type RenderedForTest, type ShownForTest } from './preview/panel';
import { useClient } from './requests';
import { registerStatus } from './status';

/** The language client, once its code has loaded. */
let loadedClient: LanguageClient | undefined;
let deactivated = false;

/** What activate returns: the integration tests read it through `extension.exports`. */
export interface PostmortemApi {
  /** Resolves once the language client's code has loaded and the client exists (not yet started); rejects if it could not load. */
  client: Promise<LanguageClient>;
  /** Resolves once the server has started (or failed to: the client then says why in its output channel). */
  ready: Promise<void>;
  onDidRenderPreview: Event<RenderedForTest>;
  onDidShowPreview: Event<ShownForTest>;
  /**
   * Asks the server about the active editor's document and resolves once the menus and keys follow
   * its answer (the `postmortem.isPostmortem` context): what a user sees as the preview button appearing.
   */
  refreshStatus(): Promise<unknown>;
  /**
   * Lets the language client load when the integration suite's runner held it back
   * (POSTMORTEM_E2E_HOLD_CLIENT), so that a test can act before it has loaded. Does nothing otherwise.
   */
  releaseClientForTest(): void;
}

export function activate(context: ExtensionContext): PostmortemApi {
  const activated = Date.now();
  // A hold for the integration test of what a user does before the client has loaded; otherwise
  // the client loads on the event loop's next turn, once VS Code has what activate returns.
  let release: () => void = () => undefined;
  const turn = new Promise<void>((resolve) => {
    release = resolve;
    if (!process.env.POSTMORTEM_E2E_HOLD_CLIENT) setImmediate(resolve);
  });
  let loadedAt = 0;
  let codeMs = 0;
  const client = turn.then(() => {
    // Deactivated first (the window closed at once): nothing to load or start.
    if (deactivated) throw new Error('the extension was deactivated before its language client loaded');
    const start = Date.now();
    loadedClient = loadBundle(context, 'languageClient').createLanguageClient(context);
    loadedAt = Date.now();
    codeMs = loadedAt - start;
    return loadedClient;
  });
  useClient(
    client.then(
      (created) => created,
      () => undefined,
    ),
  );
  registerCommands(context);
  registerPreview(context);
  const status = registerStatus(context);
  const ready = client
    .then((created) =>
      created
        .start()
        .then(() =>
          created.outputChannel.appendLine(
            `[postmortem] activated in ${activationMs} ms; language client loaded ${loadedAt - activated} ms after activation began (its code ${codeMs} ms); server ready ${Date.now() - activated} ms after activation began`,
          ),
        ),
    )
    .catch((error: unknown) => {
      if (deactivated) return;
      // The client has already logged the details of a failed start; one message says what it means.
      void window.showErrorMessage(
        `Postmortem: the language server did not start, so reports are not checked. ${error instanceof Error ? error.message : String(error)}`,
      );
    });
  const activationMs = Date.now() - activated;
  return { client, ready, onDidRenderPreview, onDidShowPreview, refreshStatus: () => status.refresh(), releaseClientForTest: () => release() };
}

export async function deactivate(): Promise<void> {
  deactivated = true;
  await loadedClient?.stop();
}
