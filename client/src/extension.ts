/**
 * The extension: starts the language client. Commands and the preview live in their own modules.
 */
import * as path from 'node:path';
import type { ExtensionContext } from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';

let client: LanguageClient | undefined;

export async function activate(context: ExtensionContext): Promise<void> {
  const module = context.asAbsolutePath(path.join('out', 'server.js'));
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6009'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { language: 'postmortem' },
      { language: 'markdown', pattern: '**/*{postmortem,post-mortem}*.md' },
      { language: 'markdown', pattern: '**/{postmortems,post-mortems,incidents}/**/*.md' },
    ],
  };
  client = new LanguageClient('postmortem', 'Postmortem', serverOptions, clientOptions);
  await client.start();
}

export async function deactivate(): Promise<void> {
  await client?.stop();
}
