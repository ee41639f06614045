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

// The fixtures with no time in their timeline: the loop below would check nothing on them.
const UNTIMED = new Set(['empty-section-template.md']);

describe('hover', () => {
  for (const name of readdirSync(FIXTURES)
    .filter((file) => file.endsWith('.md'))
    .sort()) {
    it(`hovers every time of every timeline entry as a search of all entries finds it: ${name}`, () => {
      const text = readFileSync(join(FIXTURES, name), 'utf8');
      const { model } = analyze(text);
      const windowTimes = [model.window.start?.mention, model.window.end?.mention].filter((time) => time !== undefined);
      let checked = 0;
      for (const entry of model.timeline.entries) {
        for (const [time, label] of [
          [entry.time, 'Timeline entry'],
          [entry.endTime, 'Timeline entry (end of range)'],
        ] as const) {
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
          checked++;
        }
      }
      if (!UNTIMED.has(name)) {
        assert.ok(checked > 0, `${name}: no timeline time was found to hover`);
        return;
      }
      // A template without times: nothing hovers as an entry, and its headings hover as their sections.
      assert.equal(checked, 0, `${name} has times now: take it out of UNTIMED`);
      const hovers = Array.from({ length: text.length + 1 }, (_, offset) => hoverAt(model, offset)).filter((hover) => hover !== null);
      assert.deepEqual(
        hovers.filter((hover) => hover.markdown.startsWith('**Timeline entry')),
        [],
        `${name}: an entry hover without an entry`,
      );
      const timeline = text.indexOf('## Timeline') + 3;
      assert.match(hoverAt(model, timeline)?.markdown ?? '', /^\*\*Timeline\*\*: /, `${name}: the Timeline heading`);
    });
  }

  it('hovers the same on a model kept up to date by edits (blocks of 4) as on a cold one', () => {
    const random = mulberry32(20261122);
    for (const name of ['out-of-order-atx-bullets.md', 'dst-mismatch-date-subheadings.md', 'clean-table-timeline.md', 'clean-midnight.md']) {
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

describe('hover on a time: the date, and UTC said once', () => {
  const REPORT = (zone: string, dated = false): string =>
    `# P\n\n## Summary\n\nFrom 2025-02-03 22:00 ${zone} to 2025-02-04 01:00 ${zone}.\n\n## Timeline (all times ${zone})\n\n- ${dated ? '2025-02-03 ' : ''}22:15: Alert fired\n- 00:30: Rolled back\n`;
  const hover = (text: string, needle: string): string => hoverAt(analyze(text).model, text.indexOf(needle) + 1)!.markdown;

  it('in a UTC report, one UTC line with the date, counted from the start across midnight', () => {
    assert.equal(
      hover(REPORT('UTC'), '22:15'),
      '**Timeline entry** `22:15`\n\n- UTC: 2025-02-03 22:15 (date counted from the incident start)\n- T+15 min from the incident start',
    );
    assert.match(hover(REPORT('UTC'), '00:30'), /^- UTC: 2025-02-04 00:30 \(date counted from the incident start\)$/m);
    assert.match(hover(REPORT('UTC', true), '22:15'), /^- UTC: 2025-02-03 22:15$/m);
  });

  it('in another zone, the local time with its date and the UTC time', () => {
    const value = hover(REPORT('PST'), '00:30');
    assert.match(value, /^- Local: 2025-02-04 00:30 PST \(date counted from the incident start\)$/m);
    assert.match(value, /^- UTC: 2025-02-04 08:30$/m);
  });
});
