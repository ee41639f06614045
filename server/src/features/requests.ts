/**
 * The extension's own requests about a document: Insert Timeline Entry Now
 * (`postmortem/timelineEntry`) and New Postmortem's start time (`postmortem/readStart`), each a
 * call into the core; and the one way those requests and the preview find the text they are about.
 */
import type { Connection, TextDocuments } from 'vscode-languageserver/node';
import { buildModel, entryNow, LineIndex, readStart } from '../analysis/index';
import type { OpenDocument } from '../document';
import {
  READ_START_METHOD,
  TIMELINE_ENTRY_METHOD,
  type DocumentParams,
  type ReadStartParams,
  type ReadStartResult,
  type TimelineEntryParams,
  type TimelineEntryResult,
} from '../protocol';
import type { Workspace } from '../workspace';

export interface DocumentSource {
  text: string;
  /** The server's version of it; null for text sent with the request. */
  version: number | null;
  /** Whether the server checks it as a postmortem. */
  checked: boolean;
  /** Offsets to positions in `text`. */
  positionAt(offset: number): { line: number; character: number };
}

/**
 * The document a request is about: the server's own copy once its opening is done, else the text
 * the client sent (a document it does not synchronise); null when there is neither.
 */
export async function documentText(
  workspace: Workspace,
  documents: TextDocuments<OpenDocument>,
  params: DocumentParams | null | undefined,
): Promise<DocumentSource | null> {
  const uri = typeof params?.uri === 'string' ? params.uri : '';
  await workspace.ready(uri);
  const document = documents.get(uri);
  if (document)
    return {
      text: document.getText(),
      version: document.version,
      checked: workspace.get(uri) !== undefined,
      positionAt: (offset) => document.positionAt(offset),
    };
  if (typeof params?.text !== 'string') return null;
  const index = LineIndex.of(params.text);
  return { text: params.text, version: null, checked: false, positionAt: (offset) => index.positionAt(offset) };
}

export function registerRequests(connection: Connection, workspace: Workspace, documents: TextDocuments<OpenDocument>): void {
  connection.onRequest(TIMELINE_ENTRY_METHOD, async (params: TimelineEntryParams): Promise<TimelineEntryResult | null> => {
    const source = await documentText(workspace, documents, params);
    if (!source) return null;
    const now = new Date(typeof params.now === 'string' ? params.now : Number.NaN);
    // The analysis the document already has (waited for, in slices, while others are served); a
    // document the server does not check is read here, as it is sent.
    const uri = typeof params?.uri === 'string' ? params.uri : '';
    const served = source.checked ? await workspace.current(uri) : null;
    // Only the analysis of the text read above (not of an edit since, nor the one before a failed check).
    const state = workspace.get(uri);
    const current = served && state?.analyzedVersion === source.version && state.analysis === served;
    const model = current ? served.model : buildModel(source.text);
    // The client's clock is the user's: without a readable one, the server's.
    const insertion = entryNow(model, Number.isNaN(now.getTime()) ? new Date() : now);
    return {
      version: source.version,
      insertion: insertion && {
        position: source.positionAt(insertion.offset),
        newText: insertion.newText,
        selectStart: insertion.textStart,
        selectEnd: insertion.textEnd,
      },
    };
  });

  connection.onRequest(READ_START_METHOD, (params: ReadStartParams): ReadStartResult =>
    readStart(typeof params?.value === 'string' ? params.value : '', typeof params?.date === 'string' ? params.date : undefined),
  );
}
