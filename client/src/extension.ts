/**
 * The extension: starts the language client and registers the commands, the preview and the
 * status item, each from its own module.
 */
import type { Event, ExtensionContext } from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { registerCommands } from './commands/index';
import { startLanguageClient } from './languageClient';
import { onDidRenderPreview, onDidShowPreview, registerPreview, type RenderedForTest, type ShownForTest } from './preview/panel';
import { registerStatus } from './status';

let client: LanguageClient | undefined;

/** What activate returns: the integration tests read it through `extension.exports`. */
export interface PostmortemApi {
  client: LanguageClient;
  onDidRenderPreview: Event<RenderedForTest>;
  onDidShowPreview: Event<ShownForTest>;
}

export async function activate(context: ExtensionContext): Promise<PostmortemApi> {
  // Commands first: they work (and explain themselves) even while the server starts.
  registerCommands(context);
  registerPreview(context);
  client = await startLanguageClient(context);
  registerStatus(context, client);
  return { client, onDidRenderPreview, onDidShowPreview };
}

export async function deactivate(): Promise<void> {
  await client?.stop();
}
