/**
 * Diagnostics: pushed after each analysis, or, for clients that pull them
 * (`textDocument/diagnostic`), answered on request.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  DiagnosticSeverity,
  DocumentDiagnosticReportKind,
  type Connection,
  type Diagnostic as LspDiagnostic,
  type ServerCapabilities,
} from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { CONFIG_RULE_ID, LineIndex } from '../analysis/index';
import type { Diagnostic } from '../analysis/index';
import type { EffectiveSettings } from '../settings';
import type { Workspace } from '../workspace';
import { toRange } from './convert';

const SEVERITY: Record<Diagnostic['severity'], DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

// The rule pages ship with the extension: link to the local copy, which works offline.
const DOCS_DIR = [join(__dirname, '..', 'docs', 'rules'), join(__dirname, '..', '..', '..', 'docs', 'rules')].find((dir) => existsSync(dir)) ?? null;

/** The link to a rule's page, to spread into a diagnostic (nothing when the pages are not shipped). */
function documentationOf(rule: string): Pick<LspDiagnostic, 'codeDescription'> {
  return DOCS_DIR ? { codeDescription: { href: pathToFileURL(join(DOCS_DIR, `${rule}.md`)).href } } : {};
}

export function toLspDiagnostic(document: TextDocument, diagnostic: Diagnostic): LspDiagnostic {
  return {
    range: toRange(document, diagnostic.start, diagnostic.end),
    severity: SEVERITY[diagnostic.severity],
    code: diagnostic.rule,
    ...documentationOf(diagnostic.rule),
    source: 'postmortem',
    message: diagnostic.message,
    ...(diagnostic.data ? { data: diagnostic.data } : {}),
  };
}

export function registerDiagnostics(connection: Connection, workspace: Workspace, pull: boolean): Partial<ServerCapabilities> {
  const reportedProjectFiles = new Set<string>();
  workspace.onAnalyzed = (state) => {
    if (pull) {
      connection.languages.diagnostics.refresh().catch(() => undefined);
      return;
    }
    const diagnostics = state.analysis?.diagnostics.map((diagnostic) => toLspDiagnostic(state.document, diagnostic)) ?? [];
    void connection.sendDiagnostics({ uri: state.document.uri, version: state.document.version, diagnostics });
  };
  workspace.onReleased = (uri) => {
    if (!pull) void connection.sendDiagnostics({ uri, diagnostics: [] });
  };
  workspace.onSettings = (settings: EffectiveSettings) => {
    const file = settings.projectFile;
    if (!file) return;
    // A broken project file gets one clear diagnostic on the file itself, and is ignored.
    if (file.errors.length === 0 && !reportedProjectFiles.has(file.uri)) return;
    reportedProjectFiles.add(file.uri);
    // One diagnostic, on the first offending key or value, naming every problem.
    const first = file.errors[0];
    const lines = LineIndex.of(file.text);
    const diagnostics: LspDiagnostic[] =
      first === undefined
        ? []
        : [
            {
              range: { start: lines.positionAt(first.start), end: lines.positionAt(first.end) },
              severity: DiagnosticSeverity.Error,
              code: CONFIG_RULE_ID,
              ...documentationOf(CONFIG_RULE_ID),
              source: 'postmortem',
              message: `This ${file.path.split(/[\\/]/).pop()} is ignored until it is fixed: ${file.errors.map((error) => error.message).join('; ')}.`,
            },
          ];
    void connection.sendDiagnostics({ uri: file.uri, diagnostics });
  };
  if (!pull) return {};
  connection.languages.diagnostics.on(async (params) => {
    await workspace.ready(params.textDocument.uri);
    const analysis = await workspace.current(params.textDocument.uri);
    const state = workspace.get(params.textDocument.uri);
    if (!analysis || !state) return { kind: DocumentDiagnosticReportKind.Full, items: [] };
    return { kind: DocumentDiagnosticReportKind.Full, items: analysis.diagnostics.map((diagnostic) => toLspDiagnostic(state.document, diagnostic)) };
  });
  return { diagnosticProvider: { interFileDependencies: false, workspaceDiagnostics: false } };
}
