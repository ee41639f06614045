/**
 * Completion, hover and code lens.
 */
import { CompletionItemKind, InsertTextFormat, MarkupKind, type Connection, type CompletionItem, type ServerCapabilities } from 'vscode-languageserver/node';
import type { TextDocuments } from 'vscode-languageserver/node';
import { codeLenses, type CompletionKind, completionsAt, hoverAt, hoverShowsMetrics, metricsSteps } from '../analysis/index';
import type { OpenDocument } from '../document';
import type { Workspace } from '../workspace';
import { toRange } from './convert';

const KIND: Record<CompletionKind, CompletionItemKind> = {
  section: CompletionItemKind.Module,
  zone: CompletionItemKind.Unit,
  entry: CompletionItemKind.Event,
  action: CompletionItemKind.Snippet,
};

export function registerEditing(
  connection: Connection,
  workspace: Workspace,
  documents: TextDocuments<OpenDocument>,
  snippets: () => boolean,
): Partial<ServerCapabilities> {
  connection.onCompletion(async (params): Promise<CompletionItem[]> => {
    await workspace.ready(params.textDocument.uri);
    const state = workspace.get(params.textDocument.uri);
    const document = documents.get(params.textDocument.uri);
    if (!state || !document) return [];
    // The last analysis, however old: completion does not wait for a parse. The text is read in
    // slices around the cursor, not joined.
    const offset = document.offsetAt(params.position);
    const line = document.positionAt(offset).line;
    const items = completionsAt({ text: document.text, offset, line, model: state.analysis?.model ?? null, snippets: snippets(), now: new Date() });
    return items.map((item) => ({
      label: item.label,
      kind: KIND[item.kind],
      detail: item.detail,
      ...(item.documentation ? { documentation: { kind: MarkupKind.Markdown, value: item.documentation } } : {}),
      textEdit: { range: toRange(document, item.replaceStart, item.replaceEnd), newText: item.insertText },
      insertTextFormat: item.isSnippet ? InsertTextFormat.Snippet : InsertTextFormat.PlainText,
      sortText: item.sortText,
      filterText: item.filterText,
    }));
  });
  connection.onHover(async (params) => {
    await workspace.ready(params.textDocument.uri);
    const state = workspace.get(params.textDocument.uri);
    let analysis = await workspace.current(params.textDocument.uri);
    if (!state || !analysis) return null;
    const offset = state.document.offsetAt(params.position);
    // The Timeline heading's hover shows the metrics: built in slices, while others are served.
    if (hoverShowsMetrics(analysis.model, offset)) analysis = (await workspace.currentWith(params.textDocument.uri, metricsSteps))?.analysis ?? null;
    if (!analysis) return null;
    const hover = hoverAt(analysis.model, offset);
    if (!hover) return null;
    return { contents: { kind: MarkupKind.Markdown, value: hover.markdown }, range: toRange(state.document, hover.start, hover.end) };
  });
  connection.onCodeLens(async (params) => {
    await workspace.ready(params.textDocument.uri);
    const state = workspace.get(params.textDocument.uri);
    // The lens shows the metrics, built when first read: on a large report, in slices while others are served.
    const current = await workspace.currentWith(params.textDocument.uri, metricsSteps);
    if (!state || !current) return null;
    return codeLenses(current.analysis.model).map((lens) => ({
      range: toRange(state.document, lens.start, lens.end),
      command: { title: lens.title, command: '' },
    }));
  });
  return {
    // "-": typing "pm-" at a line start offers the templates where quick suggestions are off (Markdown).
    completionProvider: { triggerCharacters: ['#', ' ', '-'] },
    hoverProvider: true,
    codeLensProvider: { resolveProvider: false },
  };
}
