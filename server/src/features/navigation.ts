/**
 * Document symbols (the outline), folding ranges and selection ranges.
 */
import { FoldingRangeKind, SymbolKind, type Connection, type DocumentSymbol, type SelectionRange, type ServerCapabilities } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { documentSymbolsSteps, foldingRegions, type OutlineSymbol, type PostmortemModel } from '../analysis/index';
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

// The outline, built in slices through the workspace (which keeps one build per analysis and part:
// the parts are these two functions, so each is made once).
const SYMBOLS = (model: PostmortemModel): Generator<void, OutlineSymbol[]> => documentSymbolsSteps(model);
const SYMBOLS_BESIDE_MARKDOWN = (model: PostmortemModel): Generator<void, OutlineSymbol[]> => documentSymbolsSteps(model, { markdownOutline: true });

export function registerNavigation(connection: Connection, workspace: Workspace): Partial<ServerCapabilities> {
  connection.onDocumentSymbol(async (params) => {
    await workspace.ready(params.textDocument.uri);
    const state = workspace.get(params.textDocument.uri);
    if (!state) return null;
    // In a Markdown document the editor's own Markdown outline lists the headings: ours adds only what it lacks.
    // Built in slices (the entries placed, the action items read) while other documents are served.
    const built = await workspace.currentWith(params.textDocument.uri, state.document.languageId === 'markdown' ? SYMBOLS_BESIDE_MARKDOWN : SYMBOLS);
    if (!built) return null;
    return built.value.map((symbol) => toDocumentSymbol(state.document, symbol));
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
    const built = await workspace.currentWith(params.textDocument.uri, SYMBOLS);
    if (!state || !built) return null;
    const symbols = built.value;
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
