/**
 * Every fixture under test/fixtures/ (and its subfolders) is analysed and must produce exactly the
 * diagnostics written inline in it.
 */
import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyze } from '../../server/src/analysis/index';
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
