/**
 * Document symbols (the outline), folding ranges and selection ranges.
 */
import { FoldingRangeKind, SymbolKind, type Connection, type DocumentSymbol, type SelectionRange, type ServerCapabilities } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { actionsSteps, documentSymbols, foldingRegions, type OutlineSymbol } from '../analysis/index';
import type { Workspace } from '../workspace';
import { toRange } from './convert';

const KIND: Record<OutlineSymbol['kind'], SymbolKind> = {
  section: SymbolKind.Module,
  heading: SymbolKind.String,
  entry: SymbolKind.Event,
  action: SymbolKind.Boolean,
  group: SymbolKind.Namespace,
};

function toDocumentSymbol(document: TextDocument, symbol: OutlineSymbol): DocumentSymbol {
  return {
    name: symbol.name,
    detail: symbol.detail,
    kind: KIND[symbol.kind],
    range: toRange(document, symbol.start, symbol.end),
    selectionRange: toRange(document, symbol.selectionStart, symbol.selectionEnd),
    children: symbol.children.map((child) => toDocumentSymbol(document, child)),
  };
}

export function registerNavigation(connection: Connection, workspace: Workspace): Partial<ServerCapabilities> {
  connection.onDocumentSymbol(async (params) => {
    await workspace.ready(params.textDocument.uri);
    const state = workspace.get(params.textDocument.uri);
    // The action items are built when first read: on a large report, in slices while others are served.
    const analysis = (await workspace.currentWith(params.textDocument.uri, actionsSteps))?.analysis;
    if (!state || !analysis) return null;
    // In a Markdown document the editor's own Markdown outline lists the headings: ours adds only what it lacks.
    const markdownOutline = state.document.languageId === 'markdown';
    return documentSymbols(analysis.model, { markdownOutline }).map((symbol) => toDocumentSymbol(state.document, symbol));
  });
  connection.onFoldingRanges(async (params) => {
    await workspace.ready(params.textDocument.uri);
    const analysis = await workspace.current(params.textDocument.uri);
    if (!analysis) return null;
    return foldingRegions(analysis.model).map((region) => ({
      startLine: region.startLine,
      endLine: region.endLine,
      kind: region.kind === 'comment' ? FoldingRangeKind.Comment : FoldingRangeKind.Region,
    }));
  });
  connection.onSelectionRanges(async (params) => {
    await workspace.ready(params.textDocument.uri);
    const state = workspace.get(params.textDocument.uri);
    const analysis = await workspace.current(params.textDocument.uri);
    if (!state || !analysis) return null;
    const symbols = documentSymbols(analysis.model);
    return params.positions.map((position) => {
      const offset = state.document.offsetAt(position);
      // Innermost first: line, then each enclosing symbol, then the whole document.
      const chain: Array<[number, number]> = [];
      let level = symbols;
      for (;;) {
        const inside = level.find((symbol) => symbol.start <= offset && offset <= symbol.end);
        if (!inside) break;
        chain.push([inside.start, inside.end]);
        level = inside.children;
      }
      const lineStart = state.document.offsetAt({ line: position.line, character: 0 });
      const lineEnd = state.document.offsetAt({ line: position.line + 1, character: 0 });
      chain.push([lineStart, lineEnd]);
      let range: SelectionRange = { range: toRange(state.document, 0, state.document.text.length) };
      for (const [start, end] of chain) range = { range: toRange(state.document, start, end), parent: range };
      return range;
    });
  });
  return { documentSymbolProvider: true, foldingRangeProvider: true, selectionRangeProvider: true };
}
