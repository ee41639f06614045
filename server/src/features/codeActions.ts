/**
 * Code actions: the quick fix each diagnostic carries, and "Fix all" for the fixes that are
 * safe to apply together. Each action is one WorkspaceEdit that changes nothing else.
 */
import { CodeActionKind, type CodeAction, type Connection, type ServerCapabilities, type TextEdit } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { fixAllEdits, sortTimelineFix } from '../analysis/rules/fixes';
import type { TextEdit as OffsetEdit } from '../analysis/rules/rule';
import type { Workspace } from '../workspace';
import { toRange } from './convert';
import { toLspDiagnostic } from './diagnostics';

export const FIX_ALL_KIND = `${CodeActionKind.SourceFixAll}.postmortem`;
/** Offered whenever the timeline is out of order, for the "Sort Timeline" command and the Source Action menu. */
export const SORT_TIMELINE_KIND = `${CodeActionKind.Source}.postmortem.sortTimeline`;

export function registerCodeActions(connection: Connection, workspace: Workspace): Partial<ServerCapabilities> {
  connection.onCodeAction(async (params) => {
    await workspace.ready(params.textDocument.uri);
    const state = workspace.get(params.textDocument.uri);
    const analysis = workspace.current(params.textDocument.uri);
    if (!state || !analysis) return [];
    const { document } = state;
    const only = params.context.only;
    const wants = (kind: string): boolean => !only || only.some((requested) => kind === requested || kind.startsWith(`${requested}.`));
    const actions: CodeAction[] = [];
    if (wants(CodeActionKind.QuickFix)) {
      const from = document.offsetAt(params.range.start);
      const to = document.offsetAt(params.range.end);
      for (const diagnostic of analysis.diagnostics) {
        if (!diagnostic.fix || diagnostic.end < from || diagnostic.start > to) continue;
        actions.push({
          title: diagnostic.fix.title,
          kind: CodeActionKind.QuickFix,
          diagnostics: [toLspDiagnostic(document, diagnostic)],
          isPreferred: true,
          edit: { changes: { [document.uri]: toTextEdits(document, diagnostic.fix!.edits) } },
        });
      }
    }
    if (wants(FIX_ALL_KIND)) {
      const edits = toTextEdits(document, fixAllEdits(analysis.diagnostics));
      if (edits.length > 0) actions.push({ title: 'Fix all mechanical postmortem problems', kind: FIX_ALL_KIND, edit: { changes: { [document.uri]: edits } } });
    }
    // Only when asked for: it is a source action, not a fix for a diagnostic under the cursor.
    if (only && wants(SORT_TIMELINE_KIND)) {
      const sort = sortTimelineFix(analysis.model);
      if (sort) actions.push({ title: sort.title, kind: SORT_TIMELINE_KIND, edit: { changes: { [document.uri]: toTextEdits(document, sort.edits) } } });
    }
    return actions;
  });
  return { codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND, SORT_TIMELINE_KIND] } };
}

function toTextEdits(document: TextDocument, edits: readonly OffsetEdit[]): TextEdit[] {
  return edits.map((edit) => ({ range: toRange(document, edit.start, edit.end), newText: edit.newText }));
}
