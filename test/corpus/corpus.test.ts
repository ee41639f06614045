/**
 * The sweep over the seeds and the real-world corpus in ../shared/, scored against
 * their labels. Skipped, and said so, on a checkout without ../shared/.
 */
import { strict as assert } from 'node:assert';
import { analyze } from '../../server/src/analysis/index';
import { Chunk, parseDocument } from '../../server/src/analysis/parse';
import { loadLabelled, scoreByFamily, scoreCorpus, sharedAvailable, SHARED, type CorpusScore } from './score';

describe('corpus: seeds and real postmortems in ../shared', function () {
  let score: CorpusScore;

  before(function () {
    if (!sharedAvailable()) {
      console.log(`      SKIPPED: ${SHARED} is not present, so the corpus sweep cannot run.`);
      this.skip();
    }
    const documents = loadLabelled();
    score = scoreCorpus(documents);
    for (const family of [...scoreByFamily(documents), { family: 'all', score }]) {
      console.log(`      ${family.family}: ${family.score.documents} documents`);
      console.log(`        windows   ${family.score.windows.exact}/${family.score.windows.of} read exactly`);
      console.log(`        sections  ${family.score.sections}`);
      console.log(`        timeline  ${family.score.timeline}`);
      console.log(`        problems  ${family.score.problems}`);
    }
    for (const mismatch of score.mismatches) console.log(`      ${mismatch.doc}: ${mismatch.what} ${mismatch.kind}: ${mismatch.detail}`);
  });

  it('parses every document with every rule running', () => {
    for (const document of loadLabelled()) assert.deepEqual(analyze(document.text).failures, [], document.name);
  });
  it('parses chunks in groups exactly as it would one by one', () => {
    for (const document of loadLabelled()) {
      for (const span of parseDocument(document.text).chunks) assert.deepEqual(span.chunk.lines, new Chunk(span.chunk.text).lines, document.name);
    }
  });
  it('finds sections with precision and recall >= 0.95', () => {
    assert.ok(score.sections.precision >= 0.95, `${score.sections}`);
    assert.ok(score.sections.recall >= 0.95, `${score.sections}`);
  });
  it('finds timeline entries with precision and recall >= 0.95', () => {
    assert.ok(score.timeline.precision >= 0.95, `${score.timeline}`);
    assert.ok(score.timeline.recall >= 0.95, `${score.timeline}`);
  });
  it('reports the labelled problems with precision and recall >= 0.9', () => {
    assert.ok(score.problems.precision >= 0.9, `${score.problems}`);
    assert.ok(score.problems.recall >= 0.9, `${score.problems}`);
  });
});
