/**
 * Every fixture under test/fixtures/ (and its subfolders) is analysed and must produce exactly the
 * diagnostics written inline in it.
 */
import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyze, RULES } from '../../server/src/analysis/index';
import { compareToExpectations, readExpectations } from './expectations';

const FIXTURES = join(__dirname, '..', 'fixtures');
const NOW = new Date('2026-11-21T12:00:00Z');

describe('fixtures carry their expected diagnostics', () => {
  // Subfolders too: templates/ holds reports written in each of the industry's templates.
  for (const name of (readdirSync(FIXTURES, { recursive: true }) as string[]).filter((file) => file.endsWith('.md')).sort()) {
    it(name, () => {
      const text = readFileSync(join(FIXTURES, name), 'utf8');
      const analysis = analyze(text, { now: NOW });
      assert.deepEqual(analysis.failures, []);
      assert.deepEqual(compareToExpectations(text, analysis.diagnostics, readExpectations(text)), []);
    });
  }
});

describe('every diagnostic says what evidence it rests on', () => {
  it('data.evidence names the evidence, for every rule the fixtures exercise', () => {
    const seen = new Map<string, Set<string>>();
    for (const name of (readdirSync(FIXTURES, { recursive: true }) as string[]).filter((file) => file.endsWith('.md'))) {
      const text = readFileSync(join(FIXTURES, name), 'utf8');
      for (const diagnostic of analyze(text, { now: NOW }).diagnostics) {
        const evidence = diagnostic.data?.evidence;
        assert.ok(
          typeof evidence === 'string' && /^[a-z-]+$/.test(evidence),
          `${name}: ${diagnostic.rule} "${diagnostic.message}" has no evidence in its data`,
        );
        if (!seen.has(diagnostic.rule)) seen.set(diagnostic.rule, new Set());
        seen.get(diagnostic.rule)!.add(evidence);
      }
    }
    // The check above is only as good as the rules it reaches: every rule must be reached.
    for (const rule of RULES) assert.ok(seen.has(rule.id), `no fixture exercises ${rule.id}, so its evidence is unchecked`);
  });
});
