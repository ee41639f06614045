/**
 * A fixed-seed slice of the property-based fuzzing that `npm run fuzz` runs at scale
 * (scripts/fuzz.ts, 100,000 documents and more): same generators, same checks.
 */
import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { checkDocument, checkRange } from './check';
import { documentArbitrary, hostileDocumentArbitrary } from './documents';

const SEED = 20261121;

describe('fuzzing (fixed-seed slice)', function () {
  it('analyses 1,000 postmortem-shaped documents without an exception or a bad range', () => {
    fc.assert(
      fc.property(documentArbitrary, (text) => assert.deepEqual(checkDocument(text), [])),
      { seed: SEED, numRuns: 1000 },
    );
  });

  it('analyses 150 documents of random code units, graphemes and huge lines', () => {
    fc.assert(
      fc.property(hostileDocumentArbitrary, (text) => assert.deepEqual(checkDocument(text), [])),
      { seed: SEED, numRuns: 150 },
    );
  });

  it('rejects ranges outside the text or inside a surrogate pair (the check can fail)', () => {
    assert.equal(checkRange('ab', 0, 2, 'x'), null);
    assert.match(checkRange('ab', 0, 3, 'x')!, /outside/);
    assert.match(checkRange('ab', 2, 1, 'x')!, /outside/);
    assert.match(checkRange('a😀', 2, 3, 'x')!, /surrogate/);
    assert.equal(checkRange('a😀', 1, 3, 'x'), null);
  });

  it('regression: completion at the very start of a document that begins with a line break', () => {
    assert.deepEqual(checkDocument('\n| Time (UTC) |\n|---|'), []);
  });

  it('regression: a zone at a line end is not joined to a dash on the next line (UTC\\n- 2024 was UTC-20:24)', () => {
    assert.deepEqual(checkDocument('# Issue Summary\n- End: 2024-03-05 10:15 UTC\n- 2024-03-05 **10:15** UTC: \n| Time (UTC) |\n|---|\n| 00:00 |'), []);
  });
});
