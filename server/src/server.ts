/**
 * The language server: connection, capabilities and wiring. Every feature lives in its own
 * module under features/ and delegates to the pure core in analysis/.
 * Serves any LSP client over stdio (`--stdio`) or node IPC (`--node-ipc`).
 */
import { createConnection, DidChangeConfigurationNotification, TextDocumentContentChangeEvent, ProposedFeatures, TextDocuments, TextDocumentSyncKind, type InitializeParams, type InitializeResult } from 'vscode-languageserver/node';
import { OpenDocument } from './document';
import { registerCodeActions } from './features/codeActions';
import { registerDiagnostics } from './features/diagnostics';
import { registerEditing } from './features/editing';
import { registerNavigation } from './features/navigation';
import { registerStatus } from './features/status';
import { Workspace } from './workspace';

const connection = createConnection(ProposedFeatures.all);
let workspace: Workspace;
// The edits of each change, so that re-analysis can start from where the text changed.
const documents = new TextDocuments<OpenDocument>({
  create: OpenDocument.create,
  update: (document, changes, version) => {
    const only = changes.length === 1 ? changes[0] : null;
    if (only && TextDocumentContentChangeEvent.isIncremental(only)) {
      const from = document.offsetAt(only.range.start);
      workspace.noteChange(document.uri, { from, previousTo: document.offsetAt(only.range.end), to: from + only.text.length });
    } else {
      workspace.noteChange(document.uri, null);
    }
    return OpenDocument.update(document, changes, version);
  },
});
let canPullConfiguration = false;
let canRegisterConfiguration = false;
let snippets = false;
workspace = new Workspace(connection, () => canPullConfiguration);

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
      ...registerCodeActions(connection, workspace),
    },
    serverInfo: { name: 'postmortem-language-server', version: '0.1.0' },
  };
});

connection.onInitialized(() => {
  if (canRegisterConfiguration) void connection.client.register(DidChangeConfigurationNotification.type, { section: 'postmortem' });
});

connection.onDidChangeConfiguration(() => void workspace.reconfigure(documents.all()));
// A .postmortemrc.json was created, changed or deleted (clients that watch files tell us).
connection.onDidChangeWatchedFiles(() => void workspace.reconfigure(documents.all()));

registerStatus(connection, workspace);

documents.onDidChangeContent((event) => workspace.change(event.document));
documents.onDidClose((event) => workspace.close(event.document.uri));

documents.listen(connection);
connection.listen();
