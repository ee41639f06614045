/**
 * Completion reads the cursor's line from the live text in slices (the server's text is in
 * pieces, and is never joined for it), and the timeline facts it needs from the model's pieces.
 * It must answer the same from a string and from pieces, whatever the line breaks and however
 * long the line.
 */
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyze, Analyzer } from '../../server/src/analysis/index';
import type { PostmortemModel } from '../../server/src/analysis/model';
import { completionsAt, type CompletionEntry } from '../../server/src/analysis/providers/completion';
import { entryNow } from '../../server/src/analysis/providers/entryFormat';
import { snippetToText } from '../../server/src/analysis/templates';
import type { TextSource } from '../../server/src/analysis/text';
import { PieceText } from '../../server/src/pieceText';
import { mulberry32 } from '../support/random';

const FIXTURES = join(__dirname, '..', 'fixtures');

function complete(text: TextSource, offset: number, model: PostmortemModel): CompletionEntry[] {
  return completionsAt({ text, offset, line: model.doc.index.positionAt(offset).line, model, snippets: true });
}

describe('completion', () => {
  for (const name of ['out-of-order-atx-bullets.md', 'clean-table-timeline.md', 'duration-mismatch-bold-labels.md', 'word-bullets-pasted.md']) {
    it(`answers the same from pieces as from the string, at every line start and after every time: ${name}`, () => {
      const text = readFileSync(join(FIXTURES, name), 'utf8');
      const { model } = analyze(text);
      const pieces = PieceText.of(text, 16);
      const offsets = new Set<number>();
      for (let line = 0; line < model.doc.index.lineCount; line++) offsets.add(model.doc.index.start(line));
      for (const entry of model.timeline.entries) if (entry.time) offsets.add(entry.time.end + 1);
      let answered = 0;
      for (const offset of offsets) {
        const fromString = complete(text, offset, model);
        assert.deepEqual(complete(pieces, offset, model), fromString, `at ${offset}`);
        if (fromString.length > 0) answered++;
      }
      assert.ok(answered > 5, `${answered} places answered`);
    });
  }

  it('finds the line start behind a line longer than one slice, and after a lone "\\r"', () => {
    const long = `Context: ${'x'.repeat(1000)} at 10:15 `;
    for (const lineBreak of ['\n', '\r\n', '\r']) {
      const text = ['# Postmortem', '', '## Timeline', `- ${long}`].join(lineBreak);
      const { model } = analyze(text);
      const zones = complete(PieceText.of(text, 64), text.length, model);
      assert.equal(zones[0]?.kind, 'zone', JSON.stringify(lineBreak));
      assert.equal(zones[0].replaceStart, text.length);
      // A heading typed at the start of a line, after a long one: it replaces from the line start.
      const typed = `${text}${lineBreak}## Ro`;
      const sections = complete(PieceText.of(typed, 64), typed.length, analyze(typed).model);
      const rootCause = sections.find((item) => item.label === 'Root Cause');
      assert.ok(rootCause, JSON.stringify(lineBreak));
      assert.equal(typed.slice(rootCause.replaceStart, rootCause.replaceEnd), '## Ro', JSON.stringify(lineBreak));
      // The cursor's own line longer than a slice: a new entry, indented as far as the cursor.
      const indented = `${text}${lineBreak}${' '.repeat(600)}`;
      const entry = complete(PieceText.of(indented, 64), indented.length, analyze(indented).model).find((item) => item.kind === 'entry');
      assert.equal(entry?.replaceStart, indented.length, JSON.stringify(lineBreak));
    }
  });

  it('answers from a model one edit behind, as the server does while a check waits', () => {
    const before = ['# Postmortem', '', '## Timeline', '', '- 09:00 UTC: Deploy.', '- 09:20 UTC: Rolled back.', '', '## Root Cause', '', 'A bad flag.'].join(
      '\r\n',
    );
    const { model } = analyze(before);
    const at = before.indexOf('\r\n\r\n## Root Cause');
    const after = `${before.slice(0, at)}\r\n- ${before.slice(at)}`;
    const offset = at + 4;
    const items = completionsAt({ text: PieceText.of(after, 16), offset, line: 6, model, snippets: true });
    const entry = items.find((item) => item.kind === 'entry');
    assert.ok(entry, JSON.stringify(items.map((item) => item.label)));
    assert.equal(entry.replaceStart, at + 2);
    assert.match(entry.insertText, /^- \$\{1:HH:MM\} \$\{2:UTC\}: /);
  });

  it('completes at the very start, in an empty text and before a leading line break', () => {
    for (const text of ['', '\n## Timeline', '\r\n']) {
      const items = complete(PieceText.of(text, 16), 0, analyze(text).model);
      assert.ok(items.length > 0 && items.every((item) => item.kind === 'section' && item.replaceStart === 0 && item.replaceEnd === 0), JSON.stringify(text));
    }
  });

  it("continues a numbered timeline from its last timed entry, and offers the report's zones first", () => {
    const text = ['# Postmortem', '', '## Timeline', '', '1. 09:00 CET: Deploy.', '2. Paged the on-call.', '3. 09:20 UTC: Rolled back.', '4. '].join('\n');
    const { model } = analyze(text);
    const entry = complete(text, text.length, model).find((item) => item.kind === 'entry');
    assert.ok(entry);
    assert.match(entry.insertText, /^3\. \$\{1:HH:MM\} \$\{2:UTC\}: /, "the time to fill in, in the report's format and zone");
    const zones = complete(text, text.indexOf('09:00 ') + 6, model);
    assert.deepEqual(
      zones.slice(0, 2).map((item) => [item.label, item.detail]),
      [
        ['CET', "This report's timezone"],
        ['UTC', "This report's timezone"],
      ],
    );
    assert.equal(zones[2].detail, 'Timezone');
  });

  it('offers the zones of a model kept by edits, in blocks of 4, as of a cold one', () => {
    const random = mulberry32(7);
    const zones = ['UTC', 'CET', 'PST', 'EST', 'IST'];
    let text = [
      '# Postmortem',
      '',
      '## Timeline',
      '',
      ...Array.from({ length: 40 }, (_, i) => `- ${10 + (i % 10)}:${String(i).padStart(2, '0')} ${zones[i % 2]}: step ${i}`),
    ].join('\n');
    const analyzer = new Analyzer({ blockSize: 4 });
    analyzer.analyze(text);
    for (let step = 0; step < 60; step++) {
      // Rewrite one entry's zone, or add an entry with a zone of its own.
      const lines = text.split('\n');
      const line = 4 + Math.floor(random() * (lines.length - 4));
      const replacement =
        random() < 0.5
          ? lines[line].replace(/ [A-Z]{3}:/, ` ${zones[Math.floor(random() * zones.length)]}:`)
          : `${lines[line]}\n- 11:11 ${zones[Math.floor(random() * zones.length)]}: added`;
      const from = lines.slice(0, line).join('\n').length + 1;
      const previousTo = from + lines[line].length;
      text = text.slice(0, from) + replacement + text.slice(previousTo);
      const kept = analyzer.analyze(text, {}, { from, previousTo, to: from + replacement.length }).model;
      // Just after the first entry's time and a space: "- 10:00 |".
      const offset = text.indexOf('\n- 1') + 1 + '- 10:00 '.length;
      const cold = analyze(text).model;
      const line0 = cold.doc.index.positionAt(offset).line;
      const asKept = completionsAt({ text, offset, line: line0, model: kept, snippets: true }).map((item) => [item.label, item.detail]);
      assert.deepEqual(
        asKept,
        completionsAt({ text, offset, line: line0, model: cold, snippets: true }).map((item) => [item.label, item.detail]),
        `step ${step}`,
      );
      assert.equal(asKept[0]?.[1], "This report's timezone", `step ${step}`);
    }
  });

  it('offers only the sections the report does not have, each once, with nothing made up in them', () => {
    const text = [
      '# Postmortem',
      '',
      '## Issue Summary',
      '',
      'Search failed.',
      '',
      '## Root Cause and Resolution',
      '',
      'A bad flag.',
      '',
      '## Timeline (all times UTC)',
      '',
      '- 09:00: Deploy.',
      '',
      '',
    ].join('\n');
    const { model } = analyze(text);
    const sections = complete(text, text.length, model).filter((item) => item.kind === 'section');
    assert.deepEqual(
      sections.map((item) => item.label),
      ['Impact', 'Corrective and Preventative Measures', 'Lessons Learned'],
    );
    for (const item of sections) {
      assert.doesNotMatch(snippetToText(item.insertText), /\d{1,2}:\d{2}|\d{4}-\d{2}-\d{2}|\bminutes\b|\bUTC\b/, item.label);
    }
    const all = completionsAt({ text: '', offset: 0, line: 0, model: analyze('').model, snippets: true }).filter((item) => item.kind === 'section');
    assert.equal(new Set(all.map((item) => item.label)).size, all.length, 'no section twice');
    const summary = snippetToText(all.find((item) => item.label === 'Issue Summary')!.insertText);
    const withSummary = `# Postmortem\n\n${summary}\n`;
    const findings = analyze(withSummary).diagnostics.filter((d) => d.rule !== 'placeholder' && d.rule !== 'missing-section');
    assert.deepEqual(
      findings.map((d) => d.rule),
      ['missing-timezone'],
      'besides its placeholders, only that the zone is still to be stated',
    );
  });

  it('offers everything after "pm-" at a line start, in any section, the entry stamped now in the report\'s format', () => {
    const text = ['# Postmortem', '', '## Timeline', '', '- **2026-11-20 9:05 AM PST** Deploy.', '', '## Root Cause', '', 'pm-'].join('\n');
    const { model } = analyze(text);
    const items = completionsAt({ text, offset: text.length, line: 8, model, snippets: true, now: new Date('2026-11-20T18:47:00Z') });
    const byFilter = new Map(items.map((item) => [item.filterText, item]));
    assert.deepEqual([...byFilter.keys()].sort(), ['pm-action', 'pm-entry', 'pm-impact', 'pm-lessons', 'pm-measures', 'pm-now', 'pm-resolution', 'pm-summary']);
    assert.ok(items.every((item) => item.replaceStart === text.length - 3 && item.replaceEnd === text.length));
    // 18:47 UTC is 10:47 AM in PST, dated, bold, in 12-hour time: as the report writes entries.
    assert.equal(snippetToText(byFilter.get('pm-now')!.insertText), '- **2026-11-20 10:47 AM PST**: <describe what happened>');
    assert.equal(items.filter((item) => item.kind === 'entry' && item.label === 'Timeline entry now').length, 1);
    assert.equal(
      completionsAt({ text, offset: text.length, line: 8, model, snippets: true }).filter((item) => item.filterText === 'pm-now').length,
      0,
      'not without the time',
    );
    // After a bullet typed first, the bullet is replaced, and the items answer to "- pm-...".
    const bulleted = `${text.slice(0, -3)}- pm-n`;
    const after = completionsAt({ text: bulleted, offset: bulleted.length, line: 8, model, snippets: true, now: new Date('2026-11-20T18:47:00Z') }).find(
      (item) => item.label === 'Timeline entry now',
    )!;
    assert.deepEqual([after.filterText, after.replaceStart], ['- pm-now', bulleted.length - 6]);
  });

  it('stamps "now" as Insert Timeline Entry Now does: same time, zone and format', () => {
    const text = ['# Postmortem', '', '## Timeline (all times CET)', '', '1. 09:00: Deploy.', '2. 09:20: Rolled back.', '3. '].join('\n');
    const { model } = analyze(text);
    const now = new Date('2026-03-05T10:47:00Z');
    const entry = completionsAt({ text, offset: text.length, line: 6, model, snippets: true, now }).find(
      (item) => item.filterText === '3. ' && item.label === 'Timeline entry now',
    );
    assert.ok(entry);
    const inserted = entryNow(model, now)!;
    assert.equal(snippetToText(entry.insertText).replace('<describe what happened>', 'What happened'), inserted.newText.trim());
  });
});
