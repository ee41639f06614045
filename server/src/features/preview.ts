/**
 * `postmortem/preview`: the preview panel's content, rendered here by the pure renderer
 * (preview/render.ts) so that the extension carries neither the Markdown toolchain nor the core.
 */
import type { Connection, TextDocuments } from 'vscode-languageserver/node';
import type { OpenDocument } from '../document';
import { PreviewRenderer } from '../preview/renderer';
import { PREVIEW_METHOD, type PreviewParams, type PreviewResult } from '../protocol';
import type { Workspace } from '../workspace';
import { documentText } from './requests';

export function registerPreview(connection: Connection, workspace: Workspace, documents: TextDocuments<OpenDocument>): PreviewRenderer {
  // Off the server's thread: a large report's preview does not hold the other documents up.
  const renderer = new PreviewRenderer();
  connection.onRequest(PREVIEW_METHOD, async (params: PreviewParams): Promise<PreviewResult | null> => {
    const source = await documentText(workspace, documents, params);
    if (!source || (params.onlyIfChecked === true && !source.checked)) return null;
    const { bodyHtml, blockedImages } = await renderer.render(source.text, params.allowRemoteImages === true);
    return { version: source.version, checked: source.checked, bodyHtml, blockedImages };
  });
  return renderer;
}
