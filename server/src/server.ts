/**
 * The language server: a thin adapter from LSP to the analysis core.
 * Runs over stdio (`--stdio`) or node IPC (`--node-ipc`), as the client chooses.
 */
import {
  CodeActionKind,
  createConnection,
  DiagnosticSeverity,
  ProposedFeatures,
  TextDocuments,
  TextDocumentSyncKind,
  type CodeAction,
  type Diagnostic as LspDiagnostic,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { analyze, type Diagnostic } from './analysis/index';

const connection = createConnection(ProposedFeatures.all);
const documents = new TextDocuments(TextDocument);
/** The last analysis of each open document, keyed by URI, for code actions. */
const lastDiagnostics = new Map<string, { version: number; diagnostics: Diagnostic[] }>();

const SEVERITY: Record<Diagnostic['severity'], DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

connection.onInitialize(() => ({
  capabilities: {
    textDocumentSync: TextDocumentSyncKind.Incremental,
    codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] },
  },
  serverInfo: { name: 'postmortem-language-server', version: '0.1.0' },
}));

function toLsp(document: TextDocument, diagnostic: Diagnostic): LspDiagnostic {
  return {
    range: { start: document.positionAt(diagnostic.start), end: document.positionAt(diagnostic.end) },
    severity: SEVERITY[diagnostic.severity],
    code: diagnostic.rule,
    source: 'postmortem',
    message: diagnostic.message,
    data: diagnostic.data,
  };
}

function validate(document: TextDocument): void {
  const { diagnostics } = analyze(document.getText(), { now: new Date() });
  lastDiagnostics.set(document.uri, { version: document.version, diagnostics });
  void connection.sendDiagnostics({ uri: document.uri, version: document.version, diagnostics: diagnostics.map((d) => toLsp(document, d)) });
}

documents.onDidOpen((event) => validate(event.document));
documents.onDidChangeContent((event) => validate(event.document));
documents.onDidClose((event) => {
  lastDiagnostics.delete(event.document.uri);
  void connection.sendDiagnostics({ uri: event.document.uri, diagnostics: [] });
});

connection.onCodeAction((params) => {
  const document = documents.get(params.textDocument.uri);
  const cached = lastDiagnostics.get(params.textDocument.uri);
  if (!document || !cached || cached.version !== document.version) return [];
  const from = document.offsetAt(params.range.start);
  const to = document.offsetAt(params.range.end);
  const actions: CodeAction[] = [];
  for (const diagnostic of cached.diagnostics) {
    if (!diagnostic.fix || diagnostic.end < from || diagnostic.start > to) continue;
    actions.push({
      title: diagnostic.fix.title,
      kind: CodeActionKind.QuickFix,
      diagnostics: [toLsp(document, diagnostic)],
      isPreferred: true,
      edit: {
        changes: {
          [document.uri]: diagnostic.fix.edits.map((edit) => ({
            range: { start: document.positionAt(edit.start), end: document.positionAt(edit.end) },
            newText: edit.newText,
          })),
        },
      },
    });
  }
  return actions;
});

documents.listen(connection);
connection.listen();
