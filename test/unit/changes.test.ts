/**
 * Two edits in a row, as the server combines them while a re-check waits: the combined change
 * must describe the region between the first text and the last.
 */
import { strict as assert } from 'node:assert';
import { combineChanges } from '../../server/src/workspace';

function apply(text: string, from: number, previousTo: number, inserted: string): string {
  return text.slice(0, from) + inserted + text.slice(previousTo);
}

describe('combining edits', () => {
  it('covers every pair of random edits', () => {
    let seed = 3;
    const random = (): number => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed / 0x7fffffff;
    };
    for (let trial = 0; trial < 5000; trial++) {
      const original = 'abcdefghijklmnopqrstuvwxyz'.slice(0, 5 + Math.floor(random() * 20));
      const f1 = Math.floor(random() * (original.length + 1));
      const t1 = f1 + Math.floor(random() * (original.length - f1 + 1));
      const i1 = 'XYZ'.slice(0, Math.floor(random() * 4));
      const middle = apply(original, f1, t1, i1);
      const f2 = Math.floor(random() * (middle.length + 1));
      const t2 = f2 + Math.floor(random() * (middle.length - f2 + 1));
      const i2 = '1234'.slice(0, Math.floor(random() * 5));
      const final = apply(middle, f2, t2, i2);
      const combined = combineChanges({ from: f1, previousTo: t1, to: f1 + i1.length }, { from: f2, previousTo: t2, to: f2 + i2.length });
      // Outside the combined region the texts agree, and inside it the final text is what it says.
      assert.equal(original.slice(0, combined.from), final.slice(0, combined.from), JSON.stringify({ original, middle, final, combined }));
      assert.equal(original.slice(combined.previousTo), final.slice(combined.to), JSON.stringify({ original, middle, final, combined }));
      assert.ok(combined.from <= combined.previousTo && combined.from <= combined.to);
    }
  });
});
