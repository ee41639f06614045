/**
 * A fixed-seed slice of hostile and half-formed input: the core never throws, no rule
 * fails, and every diagnostic range lies inside the document. (The full fuzz run with
 * many more documents belongs to a separate script.)
 */
import { strict as assert } from 'node:assert';
import { analyze } from '../../server/src/analysis/index';
import { mulberry32 } from '../support/random';

const FRAGMENTS = [
  '# Postmortem',
  '## Issue Summary',
  '## Timeline (all times UTC)',
  '###Duration:',
  'ROOT CAUSE',
  '**Root Cause:**',
  'Root cause and resolution:',
  '- 10:15 AM PST: x',
  '* **14:00 UTC** - y',
  '| 2023-02-14 07:30 | z |',
  '|---|---|',
  '11:30 AM\t\tw',
  '•\tDuration:',
  'o\tStart Time: June 1, 2024, 14:00 UTC',
  '\uf0a7\tv',
  '17:59 PM',
  '00:30 AM',
  '25:10',
  '2306HRS',
  '0710 AM',
  'March 20,2024, 09:05 AM - 17:59 PM:',
  '<br> 21:14 - a',
  '```markdown',
  '```',
  '---',
  'date: 2020-05-24T17:36:00+00:00',
  '> quoted 10:00',
  '    - nested 10:01',
  '- [ ] task @owner due 2024-07-01',
  '✅ done',
  '😅🔥',
  '\uFEFF',
  '\t',
  '',
  '<describe it>',
  '[TODO]',
  'TBD',
  'From 10:15 AM to 9:00 AM UTC (30 minutes)',
  'Timeline (all times Greenwich)',
  'PST/PDT',
  'UTC+5:30',
  '2024-02-30',
  '31/31/30',
  '9/11/18',
  ':::::::',
  '**',
  '####### x',
  '<details>',
  '</details>',
  '1. **14:30 UTC**:',
  '\\\\',
];
const NEWLINES = ['\n', '\r\n', '\r'];

function randomDocument(random: () => number): string {
  const parts: string[] = [];
  const count = Math.floor(random() * 60);
  for (let i = 0; i < count; i++) {
    const roll = random();
    if (roll < 0.75) parts.push(FRAGMENTS[Math.floor(random() * FRAGMENTS.length)]);
    else if (roll < 0.9) parts.push(String.fromCharCode(...Array.from({ length: Math.floor(random() * 30) }, () => Math.floor(random() * 0xffff))));
    else parts.push('  '.repeat(Math.floor(random() * 20)) + '- ' + '> '.repeat(Math.floor(random() * 10)) + '10:00');
    parts.push(NEWLINES[Math.floor(random() * NEWLINES.length)]);
  }
  return parts.join('');
}

describe('robustness: generated hostile documents', () => {
  it('analyses 400 generated documents without an exception, with every range in the document', () => {
    const random = mulberry32(20261121);
    for (let i = 0; i < 400; i++) {
      const text = randomDocument(random);
      const analysis = analyze(text, { now: new Date('2026-11-21') });
      assert.deepEqual(analysis.failures, [], `document ${i}: ${JSON.stringify(text).slice(0, 200)}`);
      for (const diagnostic of analysis.diagnostics) {
        assert.ok(
          diagnostic.start >= 0 && diagnostic.start <= diagnostic.end && diagnostic.end <= text.length,
          `document ${i}: ${diagnostic.rule} ${diagnostic.start}-${diagnostic.end}`,
        );
        for (const edit of diagnostic.fix?.edits ?? []) assert.ok(edit.start >= 0 && edit.end <= text.length);
      }
    }
  });
  // Inputs that once crashed (deep nesting overflowed the stack) or took minutes (regexes
  // backtracking over runs of spaces, emphasis delimiters in one paragraph). Mocha's timeout
  // catches a return of the slowness; no timing is asserted here.
  const pathological: Record<string, string> = {
    colons: ':'.repeat(200_000),
    'bold markers': '**'.repeat(100_000),
    digits: '1'.repeat(200_000),
    breaks: '<br>'.repeat(50_000),
    pipes: '|'.repeat(200_000),
    hashes: '#'.repeat(200_000),
    times: '10:00 '.repeat(40_000),
    'spaces inside a line': `a${' '.repeat(200_000)}b`,
    'spaces inside a heading': `## a${' '.repeat(200_000)}b`,
    'spaces inside bold': `**a${' '.repeat(200_000)}**`,
    'emphasis run': '*a'.repeat(20_000),
    brackets: `${'['.repeat(50_000)}${']'.repeat(50_000)}`,
    'nested list markers': `${'- '.repeat(3_000)}x`,
    'nested quotes': `${'>'.repeat(5_000)} hi`,
    'indented nesting': Array.from({ length: 400 }, (_, i) => `${'  '.repeat(i)}- x`).join('\n'),
  };
  for (const [name, body] of Object.entries(pathological)) {
    it(`analyses pathological input, every rule running: ${name}`, () => {
      const analysis = analyze(`## Timeline\n${body}\n`);
      assert.deepEqual(analysis.failures, []);
    });
  }
});
