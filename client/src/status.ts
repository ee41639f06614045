/**
 * The language status item: problem counts and the incident's duration for the active
 * postmortem, from the server's `postmortem/status`. Clicking it opens the Problems panel.
 * Also sets the `postmortem.isPostmortem` context key that shows the preview button.
 */
import { commands, languages, LanguageStatusSeverity, window, workspace, type ExtensionContext, type TextEditor } from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { NOT_CHECKED, STATUS_METHOD, type StatusParams, type StatusResult } from '../../server/src/protocol';
import { describeMinutes } from '../../server/src/analysis/time';
import { isCheckedDocument } from './documents';
import { DOCUMENT_SELECTOR } from './languageClient';

export const IS_POSTMORTEM_CONTEXT = 'postmortem.isPostmortem';

export function registerStatus(context: ExtensionContext, client: LanguageClient): { refresh(): Promise<StatusResult | null> } {
  const item = languages.createLanguageStatusItem('postmortem.status', DOCUMENT_SELECTOR);
  item.name = 'Postmortem';
  item.command = { title: 'Show Problems', command: 'workbench.actions.view.problems' };
  context.subscriptions.push(item);

  let generation = 0;
  const refresh = async (editor: TextEditor | undefined = window.activeTextEditor): Promise<StatusResult | null> => {
    const mine = ++generation;
    // Decided locally first, so menus never act on the last report's answer while this one is pending.
    const served = editor !== undefined && languages.match(DOCUMENT_SELECTOR, editor.document) > 0;
    const checked = served && isCheckedDocument(editor.document);
    void commands.executeCommand('setContext', IS_POSTMORTEM_CONTEXT, checked);
    if (!served) return null;
    if (!checked) {
      show(item, NOT_CHECKED);
      return null;
    }
    const params: StatusParams = { uri: client.code2ProtocolConverter.asUri(editor.document.uri) };
    let status: StatusResult;
    try {
      status = await client.sendRequest<StatusResult>(STATUS_METHOD, params);
    } catch {
      return null; // the server is restarting; the next change refreshes
    }
    if (mine !== generation) return status;
    show(item, status);
    return status;
  };

  // The duration can change without the diagnostics changing: also refresh a moment after edits.
  let timer: ReturnType<typeof setTimeout> | undefined;
  context.subscriptions.push(
    window.onDidChangeActiveTextEditor((editor) => void refresh(editor)),
    workspace.onDidChangeTextDocument((event) => {
      if (event.document !== window.activeTextEditor?.document) return;
      clearTimeout(timer);
      timer = setTimeout(() => void refresh(), 400);
    }),
    { dispose: () => clearTimeout(timer) },
    languages.onDidChangeDiagnostics((event) => {
      const active = window.activeTextEditor?.document.uri.toString();
      if (active && event.uris.some((uri) => uri.toString() === active)) void refresh();
    }),
  );
  void refresh();
  return { refresh: () => refresh() };
}

function show(item: ReturnType<typeof languages.createLanguageStatusItem>, status: StatusResult): void {
  if (!status.checked) {
    item.text = 'Not a postmortem';
    item.detail = 'Name it like *postmortem*.md, put it under postmortems/ or incidents/, or add front matter "type: postmortem".';
    item.severity = LanguageStatusSeverity.Information;
    return;
  }
  const problems = status.errors + status.warnings + status.others;
  const parts = [problems === 0 ? '$(check) No problems' : `$(warning) ${problems} problem${problems === 1 ? '' : 's'}`];
  if (status.durationMinutes !== null) parts.push(`$(watch) ${describeMinutes(status.durationMinutes)}`);
  item.text = parts.join('  ');
  item.detail = `${status.errors} errors, ${status.warnings} warnings · ${status.timedEntries} timed entries · ${status.openActionItems} open action items`;
  item.severity = status.errors > 0 ? LanguageStatusSeverity.Error : status.warnings > 0 ? LanguageStatusSeverity.Warning : LanguageStatusSeverity.Information;
}
