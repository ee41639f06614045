/**
 * Sort Timeline and Fix All: both ask the server for its source action of that kind on the
 * active document and apply the one WorkspaceEdit it returns, so the palette commands, the
 * Source Action menu and "fix on save" all run the same code.
 */
import { CodeActionKind, commands, Range, window, workspace, type CodeAction, type TextEditor } from 'vscode';
import * as protocol from '../../../server/src/protocol';

export const SORT_TIMELINE_KIND = CodeActionKind.Empty.append(protocol.SORT_TIMELINE_KIND);
export const FIX_ALL_KIND = CodeActionKind.Empty.append(protocol.FIX_ALL_KIND);

/** Applies the server's action of `kind`; returns whether there was one to apply. `done` says what was applied. */
export async function applySourceAction(
  editor: TextEditor,
  kind: CodeActionKind,
  nothingToDo: string,
  done?: (action: CodeAction) => string,
): Promise<boolean> {
  const { document } = editor;
  const whole = new Range(0, 0, document.lineCount, 0);
  const actions = (await commands.executeCommand<CodeAction[]>('vscode.executeCodeActionProvider', document.uri, whole, kind.value)) ?? [];
  const action = actions.find((candidate) => candidate.kind && kind.contains(candidate.kind) && candidate.edit);
  if (!action?.edit) {
    void window.showInformationMessage(nothingToDo);
    return false;
  }
  const applied = await workspace.applyEdit(action.edit);
  if (!applied) void window.showWarningMessage(`Postmortem: "${action.title}" could not be applied (the document changed meanwhile). Try again.`);
  else if (done) void window.showInformationMessage(done(action));
  return applied;
}

export function sortTimeline(editor: TextEditor): Promise<boolean> {
  return applySourceAction(
    editor,
    SORT_TIMELINE_KIND,
    'Postmortem: nothing to sort. The timeline is already in time order, has fewer than two timed entries, or this file has no Timeline section (or is not checked as a postmortem).',
  );
}

export function fixAll(editor: TextEditor): Promise<boolean> {
  // The server's title says what it fixes: "Fix 3 problems: 2 heading-space, 1 word-bullets".
  return applySourceAction(
    editor,
    FIX_ALL_KIND,
    'Postmortem: no mechanical problems to fix in this document.',
    (action) => `Postmortem: ${action.title.replace(/^Fix /, 'Fixed ')}.`,
  );
}
