/**
 * Fix round-trips over every document we have: our fixtures, the bundled examples, the seeds
 * and the real-world corpus. Every quick fix offered is applied; the re-lint must no longer
 * report that problem, asking again must offer nothing more to do there, and the text outside
 * the edit must be byte for byte the same. "Fix all" and "Sort Timeline" must reach a fixed
 * point. The seeds and corpus come from ../shared/ and are skipped, saying so, without it.
 */
import { strict as assert } from 'node:assert';
import { analyze, buildModel, type Diagnostic } from '../../server/src/analysis/index';
import { applyEdits, fixAllEdits, sortTimelineFix } from '../../server/src/analysis/edits';
import type { TextEdit } from '../../server/src/analysis/rules/rule';
import { loadLabelled, sharedAvailable, SHARED, repoDocuments, type RepoDocument } from './score';

const NOW = new Date('2026-11-21T12:00:00Z');
/** An inserted section is a template: its prompt and its empty body are reported, on purpose. */
const WRITTEN_BY_TEMPLATES = ['placeholder', 'empty-section'];
const MAX_FIX_ALL_PASSES = 5;

type Document = RepoDocument;

/** Where an offset of the old text is in the new one; inside an edit, the edit's new span. */
function mapRange(start: number, end: number, edits: readonly TextEdit[]): { start: number; end: number } {
  let shift = 0;
  let mappedStart = start;
  let mappedEnd = end;
  for (const edit of [...edits].sort((a, b) => a.start - b.start)) {
    const delta = edit.newText.length - (edit.end - edit.start);
    if (edit.end <= start) mappedStart = start + shift + delta;
    else if (edit.start < start) mappedStart = edit.start + shift;
    if (edit.end <= end) mappedEnd = end + shift + delta;
    else if (edit.start < end) mappedEnd = edit.start + shift + edit.newText.length;
    shift += delta;
  }
  return { start: Math.min(mappedStart, mappedEnd), end: mappedEnd };
}

function overlaps(diagnostic: Diagnostic, range: { start: number; end: number }): boolean {
  return diagnostic.start <= range.end && range.start <= diagnostic.end;
}

function ruleCounts(diagnostics: readonly Diagnostic[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const diagnostic of diagnostics) counts.set(diagnostic.rule, (counts.get(diagnostic.rule) ?? 0) + 1);
  return counts;
}

/** Checks one quick fix; returns nothing, throws with the document and problem on failure. */
function checkQuickFix(document: Document, before: readonly Diagnostic[], diagnostic: Diagnostic): void {
  const where = `${document.name}: ${diagnostic.rule} "${diagnostic.message}" at ${diagnostic.start}`;
  const { text } = document;
  const edits = [...diagnostic.fix!.edits].sort((a, b) => a.start - b.start);
  assert.ok(edits.length > 0, `${where}: the fix has no edits`);
  for (let i = 1; i < edits.length; i++) assert.ok(edits[i - 1].end <= edits[i].start, `${where}: the fix's edits overlap`);
  for (const edit of edits) assert.ok(0 <= edit.start && edit.start <= edit.end && edit.end <= text.length, `${where}: an edit is outside the text`);
  const fixed = applyEdits(text, edits);
  assert.notEqual(fixed, text, `${where}: the fix changes nothing`);

  // Outside the span of the edits, nothing moved.
  const first = edits[0].start;
  const tail = text.length - edits[edits.length - 1].end;
  assert.equal(fixed.slice(0, first), text.slice(0, first), `${where}: text before the edit changed`);
  assert.equal(fixed.slice(fixed.length - tail), text.slice(text.length - tail), `${where}: text after the edit changed`);
  // Between edits too, when a fix has several.
  for (let i = 1; i < edits.length; i++) {
    const between = text.slice(edits[i - 1].end, edits[i].start);
    const at = mapRange(edits[i - 1].end, edits[i - 1].end, edits).end;
    assert.equal(fixed.slice(at, at + between.length), between, `${where}: text between the fix's edits changed`);
  }

  const after = analyze(fixed, { now: NOW }).diagnostics;
  const mapped = mapRange(diagnostic.start, diagnostic.end, edits);
  const still = after.filter((d) => d.rule === diagnostic.rule && d.message === diagnostic.message && overlaps(d, mapped));
  assert.deepEqual(
    still.map((d) => d.message),
    [],
    `${where}: still reported after the fix`,
  );
  // Asking for the same fix again: nothing more to change where this one worked.
  const changed = { start: edits[0].start, end: mapRange(edits[edits.length - 1].end, edits[edits.length - 1].end, edits).end };
  const again = after.filter(
    (d) =>
      d.rule === diagnostic.rule && d.message === diagnostic.message && d.fix?.edits.some((edit) => edit.start <= changed.end && changed.start <= edit.end),
  );
  assert.deepEqual(
    again.map((d) => d.message),
    [],
    `${where}: a second application would change the text again`,
  );
  // No problem of another kind appears, but for what an inserted template says about itself.
  const beforeCounts = ruleCounts(before);
  for (const [rule, count] of ruleCounts(after)) {
    if (rule === diagnostic.rule || WRITTEN_BY_TEMPLATES.includes(rule)) continue;
    assert.ok(count <= (beforeCounts.get(rule) ?? 0), `${where}: the fix introduced ${rule} problems (${beforeCounts.get(rule) ?? 0} -> ${count})`);
  }
}

/** Applies "Fix all" until it offers nothing; returns the passes it took. */
function fixAllToFixedPoint(document: Document): number {
  let text = document.text;
  let problems = analyze(text, { now: NOW }).diagnostics.length;
  for (let pass = 0; pass <= MAX_FIX_ALL_PASSES; pass++) {
    const edits = fixAllEdits(analyze(text, { now: NOW }).diagnostics);
    if (edits.length === 0) return pass;
    const fixed = applyEdits(text, edits);
    assert.notEqual(fixed, text, `${document.name}: fix-all pass ${pass + 1} changes nothing but offers edits`);
    const left = analyze(fixed, { now: NOW }).diagnostics.length;
    assert.ok(left < problems, `${document.name}: fix-all pass ${pass + 1} did not reduce the problems (${problems} -> ${left})`);
    text = fixed;
    problems = left;
  }
  assert.fail(`${document.name}: fix-all still offers edits after ${MAX_FIX_ALL_PASSES} passes`);
}

function checkDocuments(documents: Document[]): { fixes: number; byRule: Map<string, number>; fixAllPasses: number; sorted: number } {
  const byRule = new Map<string, number>();
  let fixes = 0;
  let fixAllPasses = 0;
  let sorted = 0;
  for (const document of documents) {
    const before = analyze(document.text, { now: NOW }).diagnostics;
    for (const diagnostic of before.filter((d) => d.fix)) {
      checkQuickFix(document, before, diagnostic);
      byRule.set(diagnostic.rule, (byRule.get(diagnostic.rule) ?? 0) + 1);
      fixes++;
    }
    fixAllPasses += fixAllToFixedPoint(document);
    const sort = sortTimelineFix(buildModel(document.text));
    if (sort) {
      const once = applyEdits(document.text, sort.edits);
      assert.ok(!analyze(once, { now: NOW }).diagnostics.some((d) => d.rule === 'out-of-order'), `${document.name}: still out of order after sorting`);
      assert.equal(sortTimelineFix(buildModel(once)), null, `${document.name}: sorting a sorted timeline would change it again`);
      sorted++;
    }
  }
  return { fixes, byRule, fixAllPasses, sorted };
}

function summary(result: ReturnType<typeof checkDocuments>): string {
  const rules = [...result.byRule]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([rule, count]) => `${rule} ${count}`)
    .join(', ');
  return `${result.fixes} quick fixes (${rules}); fix-all passes ${result.fixAllPasses}; timelines sorted ${result.sorted}`;
}

describe('fix round-trips on every document', () => {
  it('our fixtures and the bundled examples', () => {
    const documents = [...repoDocuments('test/fixtures'), ...repoDocuments('examples')];
    assert.ok(
      documents.some((document) => document.name.startsWith('examples/')),
      'the examples are read',
    );
    const result = checkDocuments(documents);
    console.log(`      ${documents.length} documents: ${summary(result)}`);
    // Every mechanical rule's fix is exercised somewhere in our own documents.
    for (const rule of ['heading-space', 'word-bullets', 'invalid-time', 'missing-section', 'missing-timezone', 'out-of-order']) {
      assert.ok(result.byRule.has(rule), `no fixture offers a ${rule} fix`);
    }
  });

  it('the seeds and the real-world corpus in ../shared', function () {
    if (!sharedAvailable()) {
      console.log(`      SKIPPED: ${SHARED} is not present, so the fix round-trips over the corpus cannot run.`);
      this.skip();
    }
    const documents = loadLabelled().map(({ name, text }) => ({ name, text }));
    const result = checkDocuments(documents);
    console.log(`      ${documents.length} documents: ${summary(result)}`);
    assert.ok(result.fixes >= 20, `expected fixes offered on the corpus, got ${result.fixes}`);
  });

  it('the mapping of ranges through edits, which the checks above rely on', () => {
    const edits = [
      { start: 2, end: 4, newText: 'abcd' },
      { start: 10, end: 10, newText: 'x' },
    ];
    assert.deepEqual(mapRange(0, 1, edits), { start: 0, end: 1 });
    assert.deepEqual(mapRange(5, 6, edits), { start: 7, end: 8 });
    assert.deepEqual(mapRange(3, 3, edits), { start: 2, end: 6 });
    assert.deepEqual(mapRange(11, 12, edits), { start: 14, end: 15 });
    assert.equal(applyEdits('0123456789AB', edits), '01abcd456789xAB');
  });
});
