/**
 * Starts the language server over node IPC (with a debug port when debugging the extension).
 * The client sends every Markdown document; the server decides which are postmortems
 * (globs, front matter, content) and stays silent on the rest.
 */
import * as path from 'node:path';
import { workspace, type ExtensionContext } from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { CONFIG_FILE_NAME } from '../../server/src/protocol';

export const DOCUMENT_SELECTOR = [
  { language: 'postmortem' },
  { language: 'markdown', scheme: 'file' },
  { language: 'markdown', scheme: 'untitled' },
  { language: 'markdown', scheme: 'vscode-remote' },
];

/** The client, not yet started: `activate` starts it without waiting, so activation stays quick. */
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
