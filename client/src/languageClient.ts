/**
 * Starts the language server over node IPC (with a debug port when debugging the extension).
 * The client sends every Markdown document; the server decides which are postmortems
 * (globs, front matter, content) and stays silent on the rest.
 *
 * This module is a bundle of its own (out/languageClient.js): vscode-languageclient is most of the
 * extension's code, and `activate` loads it just after it has returned (extension.ts).
 */
import * as path from 'node:path';
import { workspace, type ExtensionContext } from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { CONFIG_FILE_NAME } from '../../server/src/protocol';
import { DOCUMENT_SELECTOR } from './selector';

/** The client, not yet started: the extension starts it once this module has loaded, without waiting. */
export function createLanguageClient(context: ExtensionContext): LanguageClient {
  const module = context.asAbsolutePath(path.join('out', 'server.js'));
  // Each keystroke on a big report makes a new copy of its text: a larger young generation makes
  // the collections that follow rarer (bench/editing.ts: keystroke p95 on 1 MB from about 9 to 6 ms).
  const execArgv = ['--max-semi-space-size=32'];
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc, options: { execArgv } },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: [...execArgv, '--nolazy', '--inspect=6009'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: DOCUMENT_SELECTOR,
    // The server pulls settings itself; it needs telling when a project file changes.
    synchronize: { fileEvents: workspace.createFileSystemWatcher(`**/${CONFIG_FILE_NAME}`) },
  };
  return new LanguageClient('postmortem', 'Postmortem', serverOptions, clientOptions);
}
