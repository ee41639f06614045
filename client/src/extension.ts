/**
 * The extension: starts the language client and registers the commands, the preview and the
 * status item, each from its own module. It carries no copy of the core: everything it shows about
 * a report it asks the server for (requests.ts).
 */
import { window, type Event, type ExtensionContext } from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { registerCommands } from './commands/index';
import { createLanguageClient } from './languageClient';
import { onDidRenderPreview, onDidShowPreview, registerPreview, type RenderedForTest, type ShownForTest } from './preview/panel';
import { useClient } from './requests';
import { registerStatus } from './status';

let client: LanguageClient | undefined;

/** What activate returns: the integration tests read it through `extension.exports`. */
export interface PostmortemApi {
  client: LanguageClient;
  /** Resolves once the server has started (or failed to: the client then says why in its output channel). */
  ready: Promise<void>;
  onDidRenderPreview: Event<RenderedForTest>;
  onDidShowPreview: Event<ShownForTest>;
  /**
   * Asks the server about the active editor's document and resolves once the menus and keys follow
   * its answer (the `postmortem.isPostmortem` context): what a user sees as the preview button appearing.
   */
  refreshStatus(): Promise<unknown>;
}

export function activate(context: ExtensionContext): PostmortemApi {
  const activated = Date.now();
  client = createLanguageClient(context);
  useClient(client);
  // Everything registers at once; requests made while the server starts wait for it. Activation
  // does not wait for the server, so the editor never waits for us (bench/editor.ts measures both).
  registerCommands(context);
  registerPreview(context);
  const status = registerStatus(context);
  const started = client;
  const ready = started.start().then(
    () => started.outputChannel.appendLine(`[postmortem] activated in ${activationMs} ms; server ready ${Date.now() - activated} ms after activation began`),
    (error: unknown) => {
      // The client has already logged the details; one message says what it means.
      void window.showErrorMessage(
        `Postmortem: the language server did not start, so reports are not checked. ${error instanceof Error ? error.message : String(error)}`,
      );
    },
  );
  const activationMs = Date.now() - activated;
  return { client, ready, onDidRenderPreview, onDidShowPreview, refreshStatus: () => status.refresh() };
}

export async function deactivate(): Promise<void> {
  await client?.stop();
}
