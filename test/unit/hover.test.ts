/**
 * Hover reads the timeline piece under the cursor, not the whole timeline: on every time of every
 * fixture it must find what a search of all the placed entries finds.
 */
import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyze, Analyzer } from '../../server/src/analysis/index';
import { hoverAt } from '../../server/src/analysis/providers/hover';
import { mulberry32 } from '../support/random';

const FIXTURES = join(__dirname, '..', 'fixtures');

describe('hover', () => {
  for (const name of readdirSync(FIXTURES).filter((file) => file.endsWith('.md')).sort()) {
    it(`hovers every time of every timeline entry as a search of all entries finds it: ${name}`, () => {
      const text = readFileSync(join(FIXTURES, name), 'utf8');
      const { model } = analyze(text);
      const windowTimes = [model.window.start?.mention, model.window.end?.mention].filter((time) => time !== undefined);
      for (const entry of model.timeline.entries) {
        for (const [time, label] of [[entry.time, 'Timeline entry'], [entry.endTime, 'Timeline entry (end of range)']] as const) {
          // The window's own times are hovered as the incident start or end.
          if (!time || windowTimes.some((mention) => mention.start === time.start)) continue;
          const end = time.start + time.raw.trimEnd().length;
          for (let offset = time.start; offset <= end; offset++) {
            const hover = hoverAt(model, offset);
            assert.ok(hover, `${name}: no hover at ${offset} on "${time.raw}"`);
            assert.deepEqual([hover.start, hover.end], [time.start, end], `${name}: at ${offset}`);
            assert.ok(hover.markdown.startsWith(`**${label}** \``), hover.markdown);
            if (entry.zone && time.minutes !== null) assert.ok(hover.markdown.includes(` ${entry.zone.text}`), hover.markdown);
          }
        }
      }
    });
  }

  it('hovers the same on a model kept up to date by edits (blocks of 4) as on a cold one', () => {
    const random = mulberry32(20261122);
    for (const name of ['atx-bullets.md', 'date-subheadings.md', 'table-timeline.md', 'midnight.md']) {
      let text = readFileSync(join(FIXTURES, name), 'utf8');
      const analyzer = new Analyzer({ blockSize: 4 });
      analyzer.analyze(text);
      for (let step = 0; step < 30; step++) {
        const from = Math.floor(random() * (text.length + 1));
        const inserted = ['x', '\n', '- 10:50 UTC: more\n', ' 11:05 '][Math.floor(random() * 4)];
        text = text.slice(0, from) + inserted + text.slice(from);
        const kept = analyzer.analyze(text, {}, { from, previousTo: from, to: from + inserted.length }).model;
        const cold = analyze(text).model;
        for (const entry of cold.timeline.entries) {
          if (!entry.time) continue;
          const offset = entry.time.start + 1;
          assert.deepEqual(hoverAt(kept, offset), hoverAt(cold, offset), `${name}, step ${step}: at ${offset}`);
        }
      }
    }
  });
});
