/**
 * The language status item: problem counts and the incident's duration for the active
 * postmortem, from the server's `postmortem/status`. Clicking it opens the Problems panel.
 * Also sets the `postmortem.isPostmortem` context key that shows the preview button.
 */
import { commands, languages, LanguageStatusSeverity, window, workspace, type ExtensionContext, type TextDocument, type TextEditor } from 'vscode';
import { STATUS_METHOD, type StatusParams, type StatusResult } from '../../server/src/protocol';
import { DOCUMENT_SELECTOR } from './selector';
import { ask, documentParams } from './requests';

export const IS_POSTMORTEM_CONTEXT = 'postmortem.isPostmortem';

export function registerStatus(context: ExtensionContext): { refresh(): Promise<StatusResult | null> } {
  const item = languages.createLanguageStatusItem('postmortem.status', DOCUMENT_SELECTOR);
  item.name = 'Postmortem';
  item.command = { title: 'Show Problems', command: 'workbench.actions.view.problems' };
  context.subscriptions.push(item);

  let generation = 0;
  /** The server's last answer for each document: whether it checks it. */
  const checkedBefore = new Map<string, boolean>();
  const refresh = async (editor: TextEditor | undefined = window.activeTextEditor): Promise<StatusResult | null> => {
    const mine = ++generation;
    const served = editor !== undefined && languages.match(DOCUMENT_SELECTOR, editor.document) > 0;
    if (!served) {
      void commands.executeCommand('setContext', IS_POSTMORTEM_CONTEXT, false);
      return null;
    }
    // The server decides which documents are postmortems. Until it answers for this one, the menus
    // and keys go by its last answer for it, else by what needs no reading of the text (the
    // postmortem language, a path the documentGlobs setting names), never by the previous report's:
    // Ctrl+K V pressed as a report opens then opens our preview, not VS Code's.
    const key = editor.document.uri.toString();
    void commands.executeCommand('setContext', IS_POSTMORTEM_CONTEXT, checkedBefore.get(key) ?? checkedByName(editor.document));
    const asked = await ask<StatusResult>(STATUS_METHOD, { uri: documentParams(editor.document).uri } satisfies StatusParams);
    // Not answered (the server is starting again or gone): the next change or diagnostics refresh.
    if (!asked.ok) return null;
    const status = asked.value;
    checkedBefore.set(key, status.checked);
    if (mine !== generation) return status;
    void commands.executeCommand('setContext', IS_POSTMORTEM_CONTEXT, status.checked);
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
    workspace.onDidCloseTextDocument((document) => checkedBefore.delete(document.uri.toString())),
    languages.onDidChangeDiagnostics((event) => {
      const active = window.activeTextEditor?.document.uri.toString();
      if (active && event.uris.some((uri) => uri.toString() === active)) void refresh();
    }),
  );
  void refresh();
  return { refresh: () => refresh() };
}

/** Whether the server checks the document whatever it holds: by its language or by a glob of its path. */
function checkedByName(document: TextDocument): boolean {
  if (document.languageId === 'postmortem') return true;
  const globs = workspace.getConfiguration('postmortem', document.uri).get<string[]>('documentGlobs') ?? [];
  return globs.some((pattern) => typeof pattern === 'string' && languages.match({ pattern }, document) > 0);
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
  if (status.durationMinutes !== null) parts.push(`$(watch) ${status.durationText ?? `${status.durationMinutes} min`}`);
  item.text = parts.join('  ');
  item.detail = `${status.errors} errors, ${status.warnings} warnings · ${status.timedEntries} timed entries · ${status.openActionItems} open action items`;
  item.severity = status.errors > 0 ? LanguageStatusSeverity.Error : status.warnings > 0 ? LanguageStatusSeverity.Warning : LanguageStatusSeverity.Information;
}
