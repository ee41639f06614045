/**
 * Whether the server checks a document, decided on the client without a round trip, with the
 * server's own function and the same settings, so the preview, the menus and the status agree
 * with the diagnostics. (.postmortemrc.json does not choose documents, so it is not needed here.)
 */
import { workspace, type TextDocument } from 'vscode';
import { DEFAULT_GLOBS, isPostmortemDocument } from '../../server/src/selection';

const SCHEMES = new Set(['file', 'untitled', 'vscode-remote']);

export function isCheckedDocument(document: TextDocument): boolean {
  if (!SCHEMES.has(document.uri.scheme) && document.languageId !== 'postmortem') return false;
  const settings = workspace.getConfiguration('postmortem', document.uri);
  return isPostmortemDocument(document.uri.toString(), document.languageId, document.getText(), {
    globs: settings.get<string[]>('documentGlobs', DEFAULT_GLOBS),
    detectByContent: settings.get<boolean>('detectByContent', false),
  });
}
