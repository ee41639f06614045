/**
 * Prints the corpus figures and every mismatch: `npm run corpus`.
 */
import { loadLabelled, scoreCorpus, sharedAvailable } from './score';

if (!sharedAvailable()) {
  console.log('../shared/ is not here: nothing to score.');
  process.exit(0);
}
const score = scoreCorpus(loadLabelled());
for (const mismatch of score.mismatches) console.log(`${mismatch.doc}\t${mismatch.what}\t${mismatch.kind}\t${mismatch.detail}`);
console.log(`documents ${score.documents}`);
console.log(`windows   ${score.windows.exact}/${score.windows.of} read exactly`);
console.log(`sections  ${score.sections}`);
console.log(`timeline  ${score.timeline}`);
console.log(`problems  ${score.problems}`);
