/**
 * Folding ranges: every heading's section, front matter, and fenced code. Lines are 0-based.
 */
import type { PostmortemModel } from '../model';
import { documentSymbols, type OutlineSymbol } from './symbols';

export interface FoldingRegion {
  startLine: number;
  endLine: number;
  kind: 'region' | 'comment';
}

export function foldingRegions(model: PostmortemModel): FoldingRegion[] {
  const { index, lines } = model.doc;
  const regions: FoldingRegion[] = [];
  const visit = (symbols: OutlineSymbol[]): void => {
    for (const symbol of symbols) {
      if (symbol.kind === 'section' || symbol.kind === 'heading') {
        const startLine = index.lineAt(symbol.start);
        const endLine = index.lineAt(symbol.end);
        if (endLine > startLine) regions.push({ startLine, endLine, kind: 'region' });
        visit(symbol.children);
      }
    }
  };
  visit(documentSymbols(model));

  // Runs of front matter or code lines.
  let line = 0;
  while (line < lines.length) {
    const kind = lines.at(line).kind;
    if (kind !== 'frontMatter' && kind !== 'code') {
      line++;
      continue;
    }
    const first = line;
    while (line + 1 < lines.length && lines.at(line + 1).kind === kind) line++;
    if (line > first) regions.push({ startLine: first, endLine: line, kind: kind === 'frontMatter' ? 'comment' : 'region' });
    line++;
  }
  return regions.sort((a, b) => a.startLine - b.startLine || b.endLine - a.endLine);
}
