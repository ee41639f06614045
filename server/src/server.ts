/**
 * The language server: connection, capabilities and wiring. Every feature lives in its own
 * module under features/ and delegates to the pure core in analysis/.
 * Serves any LSP client over stdio (`--stdio`) or node IPC (`--node-ipc`).
 */
import {
  createConnection,
  DidChangeConfigurationNotification,
  TextDocumentContentChangeEvent,
  ProposedFeatures,
  TextDocuments,
  TextDocumentSyncKind,
  type InitializeParams,
  type InitializeResult,
} from 'vscode-languageserver/node';
import { OpenDocument } from './document';
import { registerCodeActions } from './features/codeActions';
import { registerDiagnostics } from './features/diagnostics';
import { registerEditing } from './features/editing';
import { registerNavigation } from './features/navigation';
import { registerPreview } from './features/preview';
import { registerRequests } from './features/requests';
import { registerStatus } from './features/status';
import { Lifecycle } from './lifecycle';
import { VERSION } from './protocol';
import { Workspace } from './workspace';

// Every request before shutdown is answered before it; every request after it is refused.
const lifecycle = new Lifecycle();
const connection = createConnection(ProposedFeatures.all, { messageStrategy: lifecycle });
lifecycle.listen(connection);
// Made below, once the documents it reads exist; the callbacks above it run only after that.
// eslint-disable-next-line prefer-const
let workspace: Workspace;
// The edits of each change, so that re-analysis can start from where the text changed.
const documents = new TextDocuments<OpenDocument>({
  // A text that is not a string is a broken client: serve an empty document rather than crash on it.
  create: (uri, languageId, version, content) =>
    OpenDocument.create(uri, typeof languageId === 'string' ? languageId : '', version, typeof content === 'string' ? content : ''),
  update: (document, received, version) => {
    // A malformed change is dropped: applying it would corrupt our copy, and the client's is broken anyway.
    const changes = received.filter(isWellFormedChange);
    if (changes.length !== received.length)
      connection.console.error(`postmortem: ignored ${received.length - changes.length} malformed change(s) to ${document.uri}`);
    const only = changes.length === 1 ? changes[0] : null;
    if (only && TextDocumentContentChangeEvent.isIncremental(only)) {
      // A client may send the range's ends swapped; OpenDocument.update swaps them back, and so do we.
      const start = document.offsetAt(only.range.start);
      const end = document.offsetAt(only.range.end);
      const from = Math.min(start, end);
      workspace.noteChange(document.uri, { from, previousTo: Math.max(start, end), to: from + only.text.length });
    } else {
      workspace.noteChange(document.uri, null);
    }
    return OpenDocument.update(document, changes, version);
  },
});
function isPosition(value: unknown): boolean {
  const position = value as { line?: unknown; character?: unknown } | null;
  return typeof position === 'object' && position !== null && Number.isFinite(position.line) && Number.isFinite(position.character);
}

function isWellFormedChange(change: unknown): change is TextDocumentContentChangeEvent {
  const candidate = change as { text?: unknown; range?: { start?: unknown; end?: unknown } } | null;
  if (typeof candidate !== 'object' || candidate === null || typeof candidate.text !== 'string') return false;
  return candidate.range === undefined || (isPosition(candidate.range?.start) && isPosition(candidate.range?.end));
}

let canPullConfiguration = false;
let canRegisterConfiguration = false;
let snippets = false;
workspace = new Workspace(
  connection,
  () => canPullConfiguration,
  (uri) => documents.get(uri),
);

connection.onInitialize((params: InitializeParams): InitializeResult => {
  const capabilities = params.capabilities;
  canPullConfiguration = capabilities.workspace?.configuration === true;
  canRegisterConfiguration = capabilities.workspace?.didChangeConfiguration?.dynamicRegistration === true;
  snippets = capabilities.textDocument?.completion?.completionItem?.snippetSupport === true;
  // Clients that pull diagnostics get them on request; the others get them pushed.
  const pull = capabilities.textDocument?.diagnostic !== undefined;
  return {
    capabilities: {
      textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
      ...registerDiagnostics(connection, workspace, pull),
      ...registerNavigation(connection, workspace),
      ...registerEditing(connection, workspace, documents, () => snippets),
      ...registerCodeActions(connection, workspace, params),
    },
    serverInfo: { name: 'postmortem-language-server', version: VERSION },
  };
});

connection.onInitialized(() => {
  if (canRegisterConfiguration) void connection.client.register(DidChangeConfigurationNotification.type, { section: 'postmortem' });
});

connection.onDidChangeConfiguration(() => workspace.reconfigure(documents.all()).catch(logFailure('re-reading settings')));
// A .postmortemrc.json was created, changed or deleted (clients that watch files tell us).
connection.onDidChangeWatchedFiles(() => workspace.reconfigure(documents.all()).catch(logFailure('re-reading settings')));

registerStatus(connection, workspace);
registerPreview(connection, workspace, documents);
registerRequests(connection, workspace, documents);

documents.onDidChangeContent((event) => workspace.change(event.document));
documents.onDidClose((event) => workspace.close(event.document.uri));

function logFailure(what: string): (error: unknown) => void {
  return (error) => workspace.logFailure(what, error);
}
// The last line of defence: a promise nobody awaited must not take every open report down with it.
process.on('unhandledRejection', logFailure('an asynchronous step'));

documents.listen(connection);
connection.listen();
