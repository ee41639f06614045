/**
 * Every name an answer is kept under is defined once (incremental/keys.ts): two computations under
 * one name would read each other's answers and the incremental tests might not reach the case.
 */
import { strict as assert } from 'node:assert';
import { analyze } from '../../server/src/analysis/index';
import { defineFact, defineMemoSlot, keptNames } from '../../server/src/analysis/incremental/keys';
import { queryNames } from '../../server/src/analysis/query';

describe('names answers are kept under', () => {
  it('a second definition of a name throws, for carried facts and for chunk memos', () => {
    defineFact('test:keys-once');
    assert.throws(() => defineFact('test:keys-once'), /Two carried facts are named "test:keys-once"/);
    defineMemoSlot('test:keys-once');
    assert.throws(() => defineMemoSlot('test:keys-once'), /Two chunk memos are named "test:keys-once"/);
  });

  it('every query has its carried fact, and the core its own, each once', () => {
    analyze('# Postmortem\n\n## Timeline\n\n- 10:00 UTC: started\n');
    const { facts, memos } = keptNames();
    for (const query of queryNames()) assert.ok(facts.includes(query), `${query} has a carried fact`);
    for (const core of ['outline:chunks-with-headings', 'timeline:timed', 'timeline:zone-note', 'sort:moves'])
      assert.ok(facts.includes(core), `${core} is defined`);
    for (const memo of ['outline:headings', 'timeline:lines', 'timeline:piece', 'actions:lines']) assert.ok(memos.includes(memo), `${memo} is defined`);
    assert.equal(new Set(facts).size, facts.length);
  });
});
