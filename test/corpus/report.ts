/**
 * Prints the corpus figures and every mismatch: `npm run corpus`.
 */
import { loadLabelled, scoreByFamily, scoreCorpus, sharedAvailable, type CorpusScore } from './score';

if (!sharedAvailable()) {
  console.log('../shared/ is not here: nothing to score.');
  process.exit(0);
}
const documents = loadLabelled();
const score = scoreCorpus(documents);
for (const mismatch of score.mismatches) console.log(`${mismatch.doc}\t${mismatch.what}\t${mismatch.kind}\t${mismatch.detail}`);
for (const family of scoreByFamily(documents)) print(family.family, family.score);
print('all', score);

function print(title: string, figures: CorpusScore): void {
  console.log(`\n${title}: ${figures.documents} documents`);
  console.log(`  windows   ${figures.windows.exact}/${figures.windows.of} read exactly`);
  console.log(`  sections  ${figures.sections}`);
  console.log(`  timeline  ${figures.timeline}`);
  console.log(`  problems  ${figures.problems}`);
}
