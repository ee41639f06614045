/**
 * What must hold for any document: analysis and every provider finish without throwing, no
 * rule fails, and every diagnostic range and fix edit lies inside the text and does not cut a
 * surrogate pair in half (so it is a valid UTF-16 position for LSP).
 */
import { analyze } from '../../server/src/analysis/index';
import { codeLenses } from '../../server/src/analysis/providers/codelens';
import { completionsAt } from '../../server/src/analysis/providers/completion';
import { entryNow } from '../../server/src/analysis/providers/entryFormat';
import { foldingRegions } from '../../server/src/analysis/providers/folding';
import { hoverAt } from '../../server/src/analysis/providers/hover';
import { documentSymbols } from '../../server/src/analysis/providers/symbols';

const NOW = new Date('2026-11-21T12:00:00Z');

/** Whether `offset` falls between the two halves of a surrogate pair. */
function splitsPair(text: string, offset: number): boolean {
  if (offset <= 0 || offset >= text.length) return false;
  const before = text.charCodeAt(offset - 1);
  const after = text.charCodeAt(offset);
  return before >= 0xd800 && before <= 0xdbff && after >= 0xdc00 && after <= 0xdfff;
}

export function checkRange(text: string, start: number, end: number, what: string): string | null {
  if (!Number.isInteger(start) || !Number.isInteger(end)) return `${what}: non-integer range ${start}..${end}`;
  if (start < 0 || end > text.length || start > end) return `${what}: range ${start}..${end} outside 0..${text.length}`;
  if (splitsPair(text, start) || splitsPair(text, end)) return `${what}: range ${start}..${end} cuts a surrogate pair`;
  return null;
}

/** The problems found for `text`; an empty list when everything holds. Throws only if analysis throws. */
export function checkDocument(text: string): string[] {
  const problems: string[] = [];
  const analysis = analyze(text, { now: NOW });
  for (const failure of analysis.failures) problems.push(`rule ${failure.rule} threw: ${failure.error}`);
  for (const diagnostic of analysis.diagnostics) {
    const bad = checkRange(text, diagnostic.start, diagnostic.end, `${diagnostic.rule} diagnostic`);
    if (bad) problems.push(bad);
    if (!diagnostic.message || /[\r\n]/.test(diagnostic.message)) problems.push(`${diagnostic.rule}: message is empty or has a line break`);
    for (const edit of diagnostic.fix?.edits ?? []) {
      const badEdit = checkRange(text, edit.start, edit.end, `${diagnostic.rule} fix edit`);
      if (badEdit) problems.push(badEdit);
    }
  }
  const { model } = analysis;
  documentSymbols(model);
  documentSymbols(model, { markdownOutline: true });
  foldingRegions(model);
  codeLenses(model);
  entryNow(model, NOW);
  // Providers at a few positions: start, end, middle, and just after each of the first times.
  const offsets = new Set([0, text.length, Math.floor(text.length / 2)]);
  for (const entry of model.timeline.entries.slice(0, 5)) if (entry.time) offsets.add(entry.time.end);
  for (const offset of offsets) {
    hoverAt(model, offset);
    for (const item of completionsAt({ text, offset, line: model.doc.index.positionAt(offset).line, model, snippets: true })) {
      const bad = checkRange(text, item.replaceStart, item.replaceEnd, `completion ${item.label}`);
      if (bad) problems.push(bad);
    }
  }
  return problems;
}
