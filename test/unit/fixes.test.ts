/**
 * A quick fix removes its diagnostic and changes nothing outside its edit.
 */
import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyze, type Diagnostic } from '../../server/src/analysis/index';

const NOW = new Date('2026-11-21T12:00:00Z');

function applyFix(text: string, diagnostic: Diagnostic): string {
  const edits = [...diagnostic.fix!.edits].sort((a, b) => b.start - a.start);
  let result = text;
  for (const edit of edits) result = result.slice(0, edit.start) + edit.newText + result.slice(edit.end);
  return result;
}

function sameDiagnostic(a: Diagnostic, b: Diagnostic): boolean {
  return a.rule === b.rule && a.message === b.message;
}

const SAMPLES: Record<string, string> = {
  'heading-space': '# Report\n\n## Issue Summary\n\n###Duration:\n\n30 minutes\n',
  'invalid-time': '# Report\n\n## Timeline (all times UTC)\n\n- 09:05 AM: Start.\n- 17:59 PM: Still broken.\n- 0710 AM: Next day.\n',
  'duration-mismatch': '# Report\n\n## Summary\n\n- Duration: 25 minutes (10:15 AM - 10:45 AM UTC)\n',
  'dst-mismatch': '# Report\n\n## Summary\n\nOn July 10, 2024, from 10:15 AM to 10:45 AM PST the API failed.\n',
};

describe('quick fixes', () => {
  for (const [rule, text] of Object.entries(SAMPLES)) {
    it(`${rule}: the fix removes the diagnostic and touches nothing else`, () => {
      const before = analyze(text, { now: NOW }).diagnostics.filter((d) => d.rule === rule);
      assert.ok(before.length > 0, `sample should trigger ${rule}`);
      for (const diagnostic of before) {
        assert.ok(diagnostic.fix, `${rule} should offer a fix`);
        const fixed = applyFix(text, diagnostic);
        const edit = diagnostic.fix!.edits[0];
        // Outside the edit the text is byte for byte the same.
        assert.equal(fixed.slice(0, edit.start), text.slice(0, edit.start));
        assert.equal(fixed.slice(edit.start + edit.newText.length), text.slice(edit.end));
        const after = analyze(fixed, { now: NOW }).diagnostics;
        assert.ok(!after.some((d) => sameDiagnostic(d, diagnostic)), `fixed text still reports: ${diagnostic.message}`);
        // Fixing must not create problems of another rule either.
        const otherBefore = analyze(text, { now: NOW }).diagnostics.filter((d) => d.rule !== rule).map((d) => d.rule).sort();
        const otherAfter = after.filter((d) => d.rule !== rule).map((d) => d.rule).sort();
        assert.deepEqual(otherAfter, otherBefore);
      }
    });
  }

  it('every fix offered on the fixtures applies cleanly, and a second application finds nothing left to fix', () => {
    const dir = join(__dirname, '..', 'fixtures');
    let applied = 0;
    for (const name of readdirSync(dir).filter((file) => file.endsWith('.md'))) {
      const text = readFileSync(join(dir, name), 'utf8');
      for (const diagnostic of analyze(text, { now: NOW }).diagnostics.filter((d) => d.fix)) {
        const fixed = applyFix(text, diagnostic);
        const again = analyze(fixed, { now: NOW }).diagnostics.filter((d) => d.rule === diagnostic.rule && d.fix);
        assert.ok(!again.some((d) => d.start === diagnostic.start && d.message === diagnostic.message), `${name}: ${diagnostic.message}`);
        applied++;
      }
    }
    assert.ok(applied >= 3, `expected fixes on the fixtures, applied ${applied}`);
  });
});
