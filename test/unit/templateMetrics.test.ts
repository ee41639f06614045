/**
 * Metrics on a report in each template family: the times to detect, mitigate and resolve are the
 * ones a reader finds in its timeline or timing table, or unknown; never a guess from a negated
 * sentence. Expected values are read off each fixture's own entries (minutes from its stated start).
 */
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildModel } from '../../server/src/analysis/model';

const TEMPLATES = join(__dirname, '..', 'fixtures', 'templates');

// [detect, mitigate, resolve]; null where the report's words establish nothing.
const EXPECTED: Record<string, [number | null, number | null, number | null]> = {
  // 09:15 alert pages, 09:58 node restarted, 10:05 **OUTAGE ENDS** (from 09:10).
  'srebook.md': [5, 48, 55],
  // 14:02 alert fires, 14:30 image rolled back, 14:47 lag back to normal.
  'pagerduty.md': [0, 28, 45],
  // 16:48 monitor alerts, 17:25 success rate back above 99%; installing the certificate names no mitigation.
  'atlassian.md': [8, null, 45],
  // 11:24 alert fires, 12:25 back to normal; pruning the cache names no mitigation.
  'gitlab.md': [9, null, 70],
  // The Azure form has no timeline.
  'azure.md': [null, null, null],
  // 10:31 alert pages, 11:15 back to normal.
  'cloudbook.md': [11, null, 55],
  // The incident-timing table states all three: 20:19, 20:41, 20:55 (from 20:15).
  'kehoe.md': [4, 26, 40],
};

describe('metrics per template family', () => {
  for (const [file, [detect, mitigate, resolve]] of Object.entries(EXPECTED)) {
    it(`${file}: detection, mitigation and resolution are right or unknown`, () => {
      const { metrics } = buildModel(readFileSync(join(TEMPLATES, file), 'utf8'));
      assert.deepEqual([metrics.timeToDetectMinutes, metrics.timeToMitigateMinutes, metrics.timeToResolveMinutes], [detect, mitigate, resolve]);
      for (const kind of ['detect', 'mitigate', 'resolve'] as const) {
        const known = { detect, mitigate, resolve }[kind] !== null;
        assert.equal(metrics.sources[kind] !== null, known, `${kind} has a source exactly when it is known`);
      }
    });
  }
  it('never guesses from a negated sentence in any family', () => {
    for (const file of Object.keys(EXPECTED)) {
      const text = readFileSync(join(TEMPLATES, file), 'utf8');
      const { metrics } = buildModel(text);
      for (const source of Object.values(metrics.sources)) {
        if (!source || source.how !== 'guessed') continue;
        const line = text.split(/\r?\n/)[source.line];
        assert.doesNotMatch(line, /\b(?:but|persist\w*|attempt\w*|does not|did not|still)\b/i, `${file}: ${line}`);
      }
    }
  });
});
