/**
 * Fixtures carry their expected diagnostics inline, markdownlint style:
 *   `<!-- expect: rule-a, rule-b -->` at the end of the line the diagnostics start on;
 *   `<!-- expect-document: missing-section(rootCause), missing-timezone -->` for problems of the
 *   whole report, matched by rule (and section) wherever they point.
 */
import type { Diagnostic } from '../../server/src/analysis/index';
import { LineIndex } from '../../server/src/analysis/text';

export interface Expected {
  rule: string;
  /** 1-based line, or null for a document-level expectation. */
  line: number | null;
  section?: string;
}

export function readExpectations(text: string): Expected[] {
  const expected: Expected[] = [];
  const lines = text.split(/\r\n|\n|\r/);
  lines.forEach((lineText, i) => {
    for (const match of lineText.matchAll(/<!--\s*expect(-document)?:\s*([^>]*?)\s*-->/g)) {
      for (const item of match[2]
        .split(',')
        .map((part) => part.trim())
        .filter(Boolean)) {
        const parsed = /^([a-z-]+)(?:\(([a-zA-Z]+)\))?$/.exec(item);
        if (!parsed) throw new Error(`bad expectation "${item}" on line ${i + 1}`);
        expected.push({ rule: parsed[1], line: match[1] ? null : i + 1, ...(parsed[2] ? { section: parsed[2] } : {}) });
      }
    }
  });
  return expected;
}

/** Returns human-readable differences; empty when the diagnostics are exactly the expected ones. */
export function compareToExpectations(text: string, diagnostics: Diagnostic[], expected: Expected[]): string[] {
  const index = LineIndex.of(text);
  const actual = diagnostics.map((diagnostic) => ({
    rule: diagnostic.rule,
    line: index.lineAt(diagnostic.start) + 1,
    section: diagnostic.data?.section as string | undefined,
    message: diagnostic.message,
  }));
  const unmatched = [...actual];
  const problems: string[] = [];
  // Line expectations first, so a document-level one cannot take a diagnostic a line expects.
  const ordered = [...expected].sort((a, b) => (a.line === null ? 1 : 0) - (b.line === null ? 1 : 0));
  for (const want of ordered) {
    const at = unmatched.findIndex(
      (got) => got.rule === want.rule && (want.line === null || got.line === want.line) && (want.section === undefined || got.section === want.section),
    );
    if (at >= 0) unmatched.splice(at, 1);
    else problems.push(`missing ${want.rule}${want.section ? `(${want.section})` : ''}${want.line ? ` on line ${want.line}` : ''}`);
  }
  for (const got of unmatched) problems.push(`unexpected ${got.rule}${got.section ? `(${got.section})` : ''} on line ${got.line}: ${got.message}`);
  return problems;
}
