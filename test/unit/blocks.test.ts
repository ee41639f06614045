/**
 * BlockList: a list kept in blocks, whose numbers after an edit are moved by a shift kept per
 * block. After random splices it must read as the flat list it stands for, element by element.
 */
import { strict as assert } from 'node:assert';
import { BlockList } from '../../server/src/analysis/incremental/blocks';
import { mulberry32 } from '../support/random';

/** The flat list a BlockList stands for: values and two increasing columns. */
interface Flat {
  values: string[];
  lines: number[];
  offsets: number[];
}

function assertSame(list: BlockList<string>, flat: Flat, step: number): void {
  assert.equal(list.length, flat.values.length, `step ${step}: length`);
  for (let i = 0; i < flat.values.length; i++) {
    assert.equal(list.at(i), flat.values[i], `step ${step}: value ${i}`);
    assert.equal(list.number(0, i), flat.lines[i], `step ${step}: line of ${i}`);
    assert.equal(list.number(1, i), flat.offsets[i], `step ${step}: offset of ${i}`);
  }
  // Read backwards too: the block of the last element read must not be taken for another's.
  for (let i = flat.values.length - 1; i >= 0; i--) assert.equal(list.number(1, i), flat.offsets[i], `step ${step}: offset of ${i}, read backwards`);
  for (let probe = -1; probe <= (flat.offsets[flat.offsets.length - 1] ?? 0) + 1; probe++) {
    let expected = -1;
    for (let i = 0; i < flat.offsets.length && flat.offsets[i] <= probe; i++) expected = i;
    assert.equal(list.lastAtMost(1, probe), expected, `step ${step}: last at most ${probe}`);
  }
}

describe('BlockList', () => {
  for (const blockSize of [1, 4, 16]) {
    it(`reads as the flat list after 400 random splices (blocks of ${blockSize})`, () => {
      const random = mulberry32(blockSize * 7001);
      const count = 40;
      const flat: Flat = { values: [], lines: [], offsets: [] };
      for (let i = 0; i < count; i++) {
        flat.values.push(`v${i}`);
        flat.lines.push(i * 2);
        flat.offsets.push(i * 10);
      }
      let list = BlockList.of<string>(count, flat.values, [flat.lines, flat.offsets], blockSize);
      assertSame(list, flat, -1);
      let made = count;
      let mostBlocks = list.blockCount;
      for (let step = 0; step < 400; step++) {
        const from = Math.floor(random() * (flat.values.length + 1));
        const to = Math.min(flat.values.length, from + Math.floor(random() * 6));
        const added = Math.floor(random() * (flat.values.length < 10 ? 8 : 5));
        // Shifts as an edit makes them, moving the elements after the splice back or on, but
        // keeping both columns increasing (lastAtMost searches them).
        const base = from > 0 ? flat.offsets[from - 1] : 0;
        const baseLine = from > 0 ? flat.lines[from - 1] : 0;
        const lineShift = to < flat.lines.length ? baseLine + added + 1 - flat.lines[to] + Math.floor(random() * 3) : 0;
        const offsetShift = to < flat.offsets.length ? base + added + 1 - flat.offsets[to] + Math.floor(random() * 7) : 0;
        const values: string[] = [];
        const lines: number[] = [];
        const offsets: number[] = [];
        for (let i = 0; i < added; i++) {
          values.push(`v${made++}`);
          lines.push(baseLine + 1 + i);
          offsets.push(base + 1 + i);
        }
        list = list.spliced(from, to, { count: added, values, numbers: [lines, offsets] }, [lineShift, offsetShift]);
        const after = (column: number[], shift: number): number[] => column.slice(to).map((n) => n + shift);
        flat.values = [...flat.values.slice(0, from), ...values, ...flat.values.slice(to)];
        flat.lines = [...flat.lines.slice(0, from), ...lines, ...after(flat.lines, lineShift)];
        flat.offsets = [...flat.offsets.slice(0, from), ...offsets, ...after(flat.offsets, offsetShift)];
        assertSame(list, flat, step);
        mostBlocks = Math.max(mostBlocks, list.blockCount);
      }
      assert.ok(mostBlocks > 1, 'the list was kept in several blocks');
    });
  }

  it('shares the blocks an edit did not touch with the version before', () => {
    const values = Array.from({ length: 1000 }, (_, i) => i);
    const list = BlockList.of<number>(1000, values, [values], 100);
    const next = list.spliced(500, 501, { count: 1, values: [-1], numbers: [[500]] }, [7]);
    // The version before is unchanged.
    for (let i = 0; i < 1000; i++) assert.equal(list.number(0, i), i);
    assert.equal(next.at(500), -1);
    assert.equal(next.number(0, 499), 499);
    assert.equal(next.number(0, 501), 508);
    assert.equal(next.number(0, 999), 1006);
    assert.equal(next.blockCount, list.blockCount);
  });

  it('gives its values block by block, sharing the blocks a splice did not touch', () => {
    const values = Array.from({ length: 40 }, (_, i) => `v${i}`);
    const list = BlockList.of<string>(40, values, [], 4);
    const after = list.spliced(17, 18, { count: 2, values: ['a', 'b'], numbers: [] }, []);
    const before = list.valueBlocks();
    const blocks = after.valueBlocks();
    assert.deepEqual(before.flat(), values);
    assert.deepEqual(blocks.flat(), [...values.slice(0, 17), 'a', 'b', ...values.slice(18)]);
    const shared = blocks.filter((block) => before.includes(block)).length;
    assert.ok(shared >= before.length - 2, `${shared} of ${before.length} blocks shared`);
    assert.ok(!blocks.some((block) => block.includes('a') && before.includes(block)), 'the block the splice made is new');
  });
});
