/**
 * A quick fix removes its diagnostic, changes nothing outside its edit, and writes the right text.
 * The same checks over every fixture, example, seed and corpus document: test/corpus/fixes.test.ts.
 */
import { strict as assert } from 'node:assert';
import { analyze, type Diagnostic } from '../../server/src/analysis/index';
import { applyEdits, describeFixed, fixAllEdits, fixAllPlan } from '../../server/src/analysis/edits';
import { buildModel } from '../../server/src/analysis/index';
import { turnOffRuleEdits, turnOffRuleText } from '../../server/src/features/codeActions';

const NOW = new Date('2026-11-21T12:00:00Z');

function applyFix(text: string, diagnostic: Diagnostic): string {
  return applyEdits(text, diagnostic.fix!.edits);
}

function sameDiagnostic(a: Diagnostic, b: Diagnostic): boolean {
  return a.rule === b.rule && a.message === b.message;
}

// Each sample triggers the rule; `allowed` lists rules the fix may newly trigger (the prompt
// written by an inserted section is a placeholder, and leaves the section empty, on purpose).
const SAMPLES: Record<string, { text: string; allowed?: string[] }> = {
  'heading-space': { text: '# Report\n\n## Issue Summary\n\n###Duration:\n\n30 minutes\n' },
  'word-bullets': { text: 'Report\r\nTimeline\r\n\u2022\t10:00 UTC: a\r\no\tdetail\r\n\uf0a7\tdeeper\r\n\u2022\t10:05 UTC: b\r\n' },
  'invalid-time': { text: '# Report\n\n## Timeline (all times UTC)\n\n- 09:05 AM: Start.\n- 17:59 PM: Still broken.\n- 0710 AM: Next day.\n' },
  'duration-mismatch': { text: '# Report\n\n## Summary\n\n- Duration: 25 minutes (10:15 AM - 10:45 AM UTC)\n' },
  'dst-mismatch': { text: '# Report\n\n## Summary\n\nOn July 10, 2024, from 10:15 AM to 10:45 AM PST the API failed.\n' },
  'out-of-order': { text: '# Report\n\n## Timeline (all times UTC)\n\n- 23:50: a\n  more about a\n\n- 23:40: b\n- 00:10: c\n\n## Root Cause\n\nx\n' },
  'missing-timezone': { text: '# Report\n\n## Summary\n\nFrom 10:00 to 11:00.\n\n## Timeline\n\n- 10:00: a\n' },
  'outside-window': {
    text: '# Report\n\n## Summary\n\nFrom 07:30 pm to 08:10 pm UTC the site was down.\n\n## Timeline\n\n07:30 - Site down, alert fires\n07:45 - Rolled back\n08:10 - Service restored\n',
  },
  'missing-section': {
    text: '# Report\r\n\r\n## Summary\r\n\r\nFrom 10:00 to 11:00 UTC.\r\n\r\n## Root Cause\r\n\r\nx\r\n',
    allowed: ['placeholder', 'empty-section'],
  },
};

describe('quick fixes', () => {
  for (const [rule, { text, allowed = [] }] of Object.entries(SAMPLES)) {
    it(`${rule}: the fix removes the diagnostic and touches nothing else`, () => {
      const before = analyze(text, { now: NOW }).diagnostics.filter((d) => d.rule === rule);
      assert.ok(before.length > 0, `sample should trigger ${rule}`);
      for (const diagnostic of before) {
        assert.ok(diagnostic.fix, `${rule} should offer a fix`);
        const fixed = applyFix(text, diagnostic);
        const edits = [...diagnostic.fix!.edits].sort((a, b) => a.start - b.start);
        // Before the first edit and after the last, the text is byte for byte the same.
        const tail = text.length - edits[edits.length - 1].end;
        assert.equal(fixed.slice(0, edits[0].start), text.slice(0, edits[0].start));
        assert.equal(fixed.slice(fixed.length - tail), text.slice(text.length - tail));
        const after = analyze(fixed, { now: NOW }).diagnostics;
        assert.ok(!after.some((d) => sameDiagnostic(d, diagnostic)), `fixed text still reports: ${diagnostic.message}\n${fixed}`);
        // Fixing must not create problems of another rule either.
        const otherBefore = analyze(text, { now: NOW })
          .diagnostics.filter((d) => d.rule !== rule)
          .map((d) => d.rule)
          .sort();
        const otherAfter = after
          .filter((d) => d.rule !== rule && !allowed.includes(d.rule))
          .map((d) => d.rule)
          .sort();
        assert.deepEqual(
          otherAfter,
          otherBefore.filter((r) => !allowed.includes(r)),
        );
      }
    });
  }

  // The exact text each fix writes: the round-trips over the corpus check that a fix removes its
  // problem and stays inside its edit; these check that what it writes is right.
  const EXACT: Array<[string, string, string]> = [
    ['heading-space', 'Insert a space after the heading marker', '# Report\n\n## Issue Summary\n\n### Duration:\n\n30 minutes\n'],
    ['invalid-time', 'Write "17:59"', '# Report\n\n## Timeline (all times UTC)\n\n- 09:05 AM: Start.\n- 17:59: Still broken.\n- 0710 AM: Next day.\n'],
    ['invalid-time', 'Write "07:10 AM"', '# Report\n\n## Timeline (all times UTC)\n\n- 09:05 AM: Start.\n- 17:59 PM: Still broken.\n- 07:10 AM: Next day.\n'],
    ['duration-mismatch', 'Write "30 minutes"', '# Report\n\n## Summary\n\n- Duration: 30 minutes (10:15 AM - 10:45 AM UTC)\n'],
    ['dst-mismatch', 'Write PDT', '# Report\n\n## Summary\n\nOn July 10, 2024, from 10:15 AM to 10:45 AM PDT the API failed.\n'],
    [
      'missing-timezone',
      'State the timezone in the Timeline heading: "(all times UTC)"',
      '# Report\n\n## Summary\n\nFrom 10:00 to 11:00.\n\n## Timeline (all times UTC)\n\n- 10:00: a\n',
    ],
  ];
  for (const [rule, title, expected] of EXACT) {
    it(`${rule}: "${title}" writes exactly that`, () => {
      const fixes = analyze(SAMPLES[rule].text, { now: NOW }).diagnostics.filter((d) => d.rule === rule && d.fix?.title === title);
      assert.equal(fixes.length, 1, `one ${rule} fix titled ${title}`);
      assert.equal(applyFix(SAMPLES[rule].text, fixes[0]), expected);
    });
  }

  it('missing-section inserts the section at its canonical place', () => {
    const text = SAMPLES['missing-section'].text;
    const timeline = analyze(text).diagnostics.find((d) => d.rule === 'missing-section' && d.data?.section === 'timeline')!;
    assert.equal(
      applyFix(text, timeline),
      '# Report\r\n\r\n## Summary\r\n\r\nFrom 10:00 to 11:00 UTC.\r\n\r\n## Timeline\r\n\r\n- <describe each event with its time and timezone, in order>\r\n\r\n## Root Cause\r\n\r\nx\r\n',
    );
  });

  // Issue 14, item 8: a report that ends inside a block nobody closed. CommonMark runs the block
  // to the end of the text, so a section appended there would be code or HTML, and offered again.
  const OPEN_AT_END: Record<string, { text: string; closer: string }> = {
    'a backtick fence': { text: '# Report\n\n## Summary\n\nFrom 10:00 to 11:00 UTC.\n\n```\nlog line\n\n', closer: '```' },
    'a longer tilde fence with an info string (CRLF)': { text: '# Report\r\n\r\n## Summary\r\n\r\nx\r\n\r\n~~~~ text\r\n~~~\r\nlog line', closer: '~~~~' },
    'an HTML comment': { text: '# Report\n\n## Summary\n\nx\n\n<!-- draft notes\n\nmore notes\n', closer: '-->' },
    'a <pre> block': { text: '# Report\n\n## Summary\n\nx\n\n<PRE>\nlog line\n', closer: '</pre>' },
    'a fence in a report with no section': { text: 'Queue backlog\n\n```\nlog line', closer: '```' },
    'a fence in a report pasted into an unclosed ````markdown fence': { text: '````markdown\n# Report\n\n## Summary\n\nx\n\n~~~\nlog line\n', closer: '~~~' },
  };
  for (const [name, { text, closer }] of Object.entries(OPEN_AT_END)) {
    it(`missing-section closes ${name} left open at the end, then inserts`, () => {
      const missing = analyze(text, { now: NOW }).diagnostics.filter((d) => d.rule === 'missing-section');
      assert.ok(missing.length >= 3, 'the sample misses sections');
      const kinds = (of: string): string[] => {
        const { lines, index } = buildModel(of).doc;
        return Array.from({ length: index.lineCount }, (_, line) => lines.at(line).kind);
      };
      for (const diagnostic of missing) {
        const [edit] = diagnostic.fix!.edits;
        const fixed = applyFix(text, diagnostic);
        assert.equal(fixed.slice(0, edit.start), text.slice(0, edit.start), 'the text before the insertion is unchanged');
        assert.equal(fixed.slice(edit.start + edit.newText.length), text.slice(edit.end), 'the text after the insertion is unchanged');
        const after = analyze(fixed, { now: NOW }).diagnostics;
        assert.ok(!after.some((d) => sameDiagnostic(d, diagnostic)), `still reported after the fix:\n${fixed}`);
        assert.equal(after.filter((d) => d.rule === 'missing-section').length, missing.length - 1, 'one section fewer is missing');
        // The block is closed the way it was opened, on a line of its own, and its lines are
        // still code or HTML: closed, not undone.
        assert.ok(edit.newText.split(/\r\n|\n/).includes(closer), `a line "${closer}" comes before the section`);
        const lineOfEdit = text.slice(0, edit.start).split(/\r\n|\n|\r/).length;
        assert.deepEqual(kinds(fixed).slice(0, lineOfEdit), kinds(text).slice(0, lineOfEdit));
      }
      // Applying the fixes one after the other ends, one application per missing section.
      let current = text;
      for (let i = 0; i < missing.length; i++) {
        const next = analyze(current, { now: NOW }).diagnostics.find((d) => d.rule === 'missing-section');
        assert.ok(next, `section ${i + 1} of ${missing.length} is still offered`);
        current = applyFix(current, next);
      }
      assert.deepEqual(
        analyze(current, { now: NOW })
          .diagnostics.filter((d) => d.rule === 'missing-section')
          .map((d) => d.message),
        [],
      );
      // And "Fix all" then reaches a fixed point.
      for (let pass = 0; ; pass++) {
        assert.ok(pass < 5, 'fix-all still offers edits after 5 passes');
        const edits = fixAllEdits(analyze(current, { now: NOW }).diagnostics);
        if (edits.length === 0) break;
        current = applyEdits(current, edits);
      }
    });
  }

  it('out-of-order sorts entries with the lines under them, keeping a midnight crossing', () => {
    const text = SAMPLES['out-of-order'].text;
    const diagnostic = analyze(text).diagnostics.find((d) => d.rule === 'out-of-order')!;
    assert.equal(
      applyFix(text, diagnostic),
      '# Report\n\n## Timeline (all times UTC)\n\n- 23:40: b\n\n- 23:50: a\n  more about a\n- 00:10: c\n\n## Root Cause\n\nx\n',
    );
  });

  it('out-of-order reports a newest-first timeline once, and its fix reverses it', () => {
    const text = '## Timeline (all times UTC)\n\n- 21:18: Traffic normal.\n- 20:09: Blocking attacks.\n- 19:12: Mitigated.\n- 18:52: Identified.\n';
    const diagnostics = analyze(text).diagnostics.filter((d) => d.rule === 'out-of-order');
    assert.equal(diagnostics.length, 1);
    assert.match(diagnostics[0].message, /newest first/);
    assert.equal(
      applyFix(text, diagnostics[0]),
      '## Timeline (all times UTC)\n\n- 18:52: Identified.\n- 19:12: Mitigated.\n- 20:09: Blocking attacks.\n- 21:18: Traffic normal.\n',
    );
  });

  it('word-bullets converts every level of a run', () => {
    const text = SAMPLES['word-bullets'].text;
    const diagnostic = analyze(text).diagnostics.find((d) => d.rule === 'word-bullets')!;
    assert.equal(applyFix(text, diagnostic), 'Report\r\nTimeline\r\n- 10:00 UTC: a\r\n  - detail\r\n    - deeper\r\n- 10:05 UTC: b\r\n');
  });
});

describe('Fix All and turning a rule off: what they say and write', () => {
  it('says what Fix All fixes, most frequent rule first', () => {
    const text = '# Postmortem\n\n##Summary\n\nText.\n\n###Impact\n\nMore.\n\n\u2022 one\n\u2022 two\n';
    const { fixed, edits } = fixAllPlan(analyze(text).diagnostics);
    assert.equal(describeFixed(fixed), '3 problems: 2 heading-space, 1 word-bullets');
    assert.equal(edits.length, 4, 'two heading spaces and two bullets');
    assert.equal(describeFixed(fixed.slice(0, 1)), '1 problem: 1 heading-space');
  });

  it('turns a rule off in a new, an empty and an existing project file, keeping the rest as written', () => {
    assert.deepEqual(JSON.parse(turnOffRuleText('', 'placeholder')), { rules: { placeholder: 'off' } });
    assert.deepEqual(
      turnOffRuleEdits('  \n', 'placeholder').map((edit) => JSON.parse(edit.newText)),
      [{ rules: { placeholder: 'off' } }],
    );
    const tabs = '{\r\n\t"requiredSections": ["summary"]\r\n}\r\n';
    const edited = turnOffRuleText(tabs, 'out-of-order');
    assert.deepEqual(JSON.parse(edited), { requiredSections: ['summary'], rules: { 'out-of-order': 'off' } });
    assert.ok(edited.startsWith('{\r\n\t"requiredSections": ["summary"],\r\n\t"rules": {\r\n\t\t"out-of-order": "off"\r\n\t}'), JSON.stringify(edited));
    const already = '{"rules": {"out-of-order": "warning"}}';
    assert.deepEqual(JSON.parse(turnOffRuleText(already, 'out-of-order')), { rules: { 'out-of-order': 'off' } });
  });
});
