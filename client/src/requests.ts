/**
 * Asking the language server. The extension carries no copy of the core: whether a document is
 * checked, the preview, the entry format and the start time all come from the server's answers to
 * the requests typed in server/src/protocol.ts. A request made while the server starts waits for it;
 * one that fails (the server crashed, is restarting, or never started) resolves to a reason that
 * the caller can show, never to an exception.
 */
import { languages, type TextDocument } from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import type { DocumentParams } from '../../server/src/protocol';
import { DOCUMENT_SELECTOR } from './selector';

let current: LanguageClient | undefined;
let loading: Promise<LanguageClient | undefined> | undefined;

/**
 * The client the requests go to, set once by `activate`: a promise, because its code loads just
 * after activation. A request made before then waits for it; so does one made while the server starts.
 * The promise resolves to undefined when the client could not be loaded.
 */
export function useClient(client: Promise<LanguageClient | undefined>): void {
  loading = client;
  void client.then((loaded) => (current = loaded));
}

export type Answer<T> = { ok: true; value: T } | { ok: false; reason: string };

export async function ask<T>(method: string, params: object): Promise<Answer<T>> {
  const client = await loading;
  if (!client) return { ok: false, reason: 'the Postmortem language server has not started' };
  try {
    return { ok: true, value: await client.sendRequest<T>(method, params) };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    // vscode-languageclient says "Client is not running" after a failed start or a crash.
    const reason = /not running|inactive|disposed|connection got closed/i.test(message)
      ? 'the Postmortem language server is not running (see Output › Postmortem)'
      : `the Postmortem language server could not answer (${message})`;
    return { ok: false, reason };
  }
}

/**
 * What a request about `document` carries: its URI, and its text when the server does not have a copy.
 * (Until the client has loaded, the URI is written as the client's converter would: it has no custom one.)
 */
export function documentParams(document: TextDocument): DocumentParams {
  const uri = current ? current.code2ProtocolConverter.asUri(document.uri) : document.uri.toString();
  return languages.match(DOCUMENT_SELECTOR, document) > 0 ? { uri } : { uri, text: document.getText() };
}
