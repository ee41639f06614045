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
  // The thresholds hold over every labelled document: the seeds, the corpus the parser was written
  // against, and the second corpus of reports first seen after it was written. Each family is also
  // held to a floor, so that a change cannot trade one family's figures for another's.
  it('finds sections with precision and recall >= 0.95', () => {
    assert.ok(score.sections.precision >= 0.95 && score.sections.recall >= 0.95, `${score.sections}`);
  });
  it('finds timeline entries with precision and recall >= 0.95', () => {
    assert.ok(score.timeline.precision >= 0.95 && score.timeline.recall >= 0.95, `${score.timeline}`);
  });
  it('reports the labelled problems with precision and recall >= 0.9', () => {
    assert.ok(score.problems.precision >= 0.9 && score.problems.recall >= 0.9, `${score.problems}`);
  });
  it('reads >= 95% of windows exactly', () => {
    assert.ok(score.windows.exact / score.windows.of >= 0.95, `${score.windows.exact}/${score.windows.of}`);
  });
  it('holds each family at or above its floor', () => {
    // The seeds and the first corpus at the full thresholds; the second corpus's two batches at
    // their figures when they joined the sweep, less a margin of one document's worth.
    const floors: Record<string, { sections: number; timeline: number; problemsP: number; problemsR: number; windows: number }> = {
      seeds: { sections: 0.95, timeline: 0.95, problemsP: 0.9, problemsR: 0.9, windows: 0.95 },
      corpus: { sections: 0.95, timeline: 0.95, problemsP: 0.9, problemsR: 0.9, windows: 0.95 },
      'corpus2 061-075 (companies, open source)': { sections: 0.95, timeline: 0.95, problemsP: 0.9, problemsR: 0.85, windows: 0.95 },
      'corpus2 076-090 (varied writers)': { sections: 0.8, timeline: 0.95, problemsP: 0.85, problemsR: 0.9, windows: 0.9 },
    };
    for (const { family, score: figures } of scoreByFamily(loadLabelled())) {
      const floor = floors[family];
      if (!floor) continue;
      assert.ok(Math.min(figures.sections.precision, figures.sections.recall) >= floor.sections, `${family}: sections ${figures.sections}`);
      assert.ok(Math.min(figures.timeline.precision, figures.timeline.recall) >= floor.timeline, `${family}: timeline ${figures.timeline}`);
      assert.ok(figures.problems.precision >= floor.problemsP && figures.problems.recall >= floor.problemsR, `${family}: problems ${figures.problems}`);
      assert.ok(figures.windows.exact / figures.windows.of >= floor.windows, `${family}: windows ${figures.windows.exact}/${figures.windows.of}`);
    }
  });
});
