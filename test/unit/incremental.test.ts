/**
 * Incremental analysis equals a cold analysis of the same text, on random edit sequences:
 * the Analyzer keeps chunks, their facts and the line index across versions, and none of it
 * may leak into a result.
 */
import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyze, Analyzer, type TextChange } from '../../server/src/analysis/index';
import { Chunk, ChunkCache, parseDocument } from '../../server/src/analysis/parse';
import { OpenDocument } from '../../server/src/document';
import { edit, runContainerEdits, signature } from '../support/incremental';
import { mulberry32 } from '../support/random';
import { generateLongTimeline } from '../../bench/generate';

const FIXTURES = join(__dirname, '..', 'fixtures');
const NOW = new Date('2026-11-21T12:00:00Z');

describe('incremental analysis equals cold analysis', () => {
  for (const name of readdirSync(FIXTURES)
    .filter((file) => file.endsWith('.md'))
    .sort()) {
    it(`after 120 random edits to ${name}`, () => {
      const random = mulberry32(name.length * 7919 + name.charCodeAt(0));
      const analyzer = new Analyzer();
      let text = readFileSync(join(FIXTURES, name), 'utf8');
      for (let step = 0; step < 120; step++) {
        const next = edit(text, random);
        text = next.text;
        // Half the edits say where they are, as an editor does; the others are found by comparing.
        const incremental = analyzer.analyze(text, { now: NOW }, step % 2 === 0 ? next.change : undefined);
        const cold = analyze(text, { now: NOW });
        if (signature(incremental) !== signature(cold)) assert.fail(`step ${step}: incremental differs from cold for ${JSON.stringify(text)}`);
      }
    });
  }
});

describe('incremental analysis of the server document equals cold analysis of its text', () => {
  // The server keeps the text in pieces and the analysis reads it in slices: edits go through the
  // server's document as LSP ranges, as the server gets them, with the change it derives from them.
  // Small pieces put piece boundaries everywhere in these short reports; with them, the analysis
  // keeps its lists (chunks, timeline pieces) in blocks of 4, so that edits move many blocks.
  for (const name of readdirSync(FIXTURES)
    .filter((file) => file.endsWith('.md'))
    .sort()) {
    for (const pieceSize of [16, 256]) {
      it(`after 120 random edits to ${name} (pieces of ${pieceSize})`, () => {
        const random = mulberry32(name.length * 131 + pieceSize);
        const analyzer = new Analyzer(pieceSize === 16 ? { blockSize: 4 } : {});
        let document = OpenDocument.create('file:///a.postmortem.md', 'postmortem', 1, readFileSync(join(FIXTURES, name), 'utf8'), pieceSize);
        analyzer.analyze(document.text, { now: NOW });
        for (let step = 0; step < 120; step++) {
          const next = edit(document.getText(), random);
          const range = { start: document.positionAt(next.change.from), end: document.positionAt(next.change.previousTo) };
          const inserted = next.text.slice(next.change.from, next.change.to);
          const from = document.offsetAt(range.start);
          const change = { from, previousTo: document.offsetAt(range.end), to: from + inserted.length };
          document = OpenDocument.update(document, [{ range, text: inserted }], document.version + 1);
          const incremental = analyzer.analyze(document.text, { now: NOW }, change);
          const text = document.getText();
          const cold = analyze(text, { now: NOW });
          if (signature(incremental) !== signature(cold)) assert.fail(`step ${step}: incremental differs from cold for ${JSON.stringify(text)}`);
          assert.equal(incremental.model.doc.text, text);
        }
      });
    }
  }
});

describe('incremental analysis: cases found by stress testing', () => {
  // Each is a previous text, an edit, and the text after it, where a chunk once got other lines
  // parsed alone than parsed with its neighbours.
  const cases: Array<[string, TextChange, string]> = [
    ['Timeline\n- x\nx 10:00', { from: 11, previousTo: 12, to: 12 }, 'Timeline\n- -\nx 10:00'],
    ['a\n- 1. x\nb', { from: 2, previousTo: 2, to: 2 }, 'a\n- 2. x\nb'],
    ['a\n\n# Timeline\n', { from: 3, previousTo: 3, to: 4 }, 'a\n\n\uFEFF# Timeline\n'],
    ['Timeline\n\nx\n===', { from: 9, previousTo: 9, to: 10 }, 'Timeline\n\uFEFF\nx\n==='],
    // Indented code stays open across blank lines, and an ordered item not numbered 1 (or an
    // empty item) cannot interrupt it: after it, such a line is a paragraph, not a new chunk.
    ['', { from: 0, previousTo: 0, to: 27 }, '\t-\n\n2) # Corrective actions'],
    [
      '## Summary\n\nDB down.\n\n    $ kubectl rollout undo\n\n2) ## Root Cause\n\nA bad config.\n',
      { from: 66, previousTo: 66, to: 67 },
      '## Summary\n\nDB down.\n\n    $ kubectl rollout undo\n\n2) ## Root Cause \n\nA bad config.\n',
    ],
    ['    code\n\nx', { from: 10, previousTo: 11, to: 11 }, '    code\n\n-'],
    // Indented code behind the BOM that opens the document (remark drops the BOM there).
    ['\uFEFF    $ kubectl rollout undo\n[TODO] x\n', { from: 28, previousTo: 28, to: 31 }, '\uFEFF    $ kubectl rollout undo\n\n-\n[TODO] x\n'],
    // The same at any depth of the markers that open the line, and through a block quote.
    ['    code\n\n+ 1) ## Root Cause\nb', { from: 12, previousTo: 13, to: 13 }, '    code\n\n+ 2) ## Root Cause\nb'],
    ['    code\n\n> x\nb', { from: 12, previousTo: 13, to: 13 }, '    code\n\n> -\nb'],
    ['a\n- > 1) x\nb', { from: 6, previousTo: 7, to: 7 }, 'a\n- > 2) x\nb'],
    // An HTML comment opened behind containers, closed by the lazy line after it, ended at the start of that line.
    ['\r\n\r* * > 2) ## Root Cause\n- 1\n-od\t.-', { from: 12, previousTo: 12, to: 16 }, '\r\n\r* * > 2) <!--## Root Cause\n- 1\n-od\t.-'],
  ];
  for (const [before, change, after] of cases) {
    it(JSON.stringify(after), () => {
      const analyzer = new Analyzer();
      analyzer.analyze(before, { now: NOW });
      assert.equal(signature(analyzer.analyze(after, { now: NOW }, change)), signature(analyze(after, { now: NOW })));
      for (const span of parseDocument(after).chunks) assert.deepEqual(span.chunk.lines, new Chunk(span.chunk.text).lines);
    });
  }
});

describe('incremental analysis equals cold analysis on containers, indented code and lazy lines', () => {
  // Ordered items starting past 1, empty items, indented code, lazy continuation lines, block
  // quotes and tabs, typed mostly at line starts; `npm run fuzz:incremental` runs 100,000 steps.
  for (let seed = 1; seed <= 8; seed++) {
    it(`after 200 edits (seed ${seed})`, () => {
      const failure = runContainerEdits(seed, 200, mulberry32(seed * 7331));
      if (failure !== null) assert.fail(failure);
    });
  }
});

describe('incremental analysis after checks stopped part way', () => {
  // The server stops the check of a version a newer one replaced (Analyzer.analyzeSteps): the
  // analyzer must go on from the version before, as if the stopped one had never started.
  for (const name of ['duration-mismatch-bold-labels.md', 'clean-midnight.md', 'heading-space-numbered-headings.md']) {
    it(`equals cold analysis after 120 edits to ${name}, a third of them checked only part way`, () => {
      const random = mulberry32(name.length * 31);
      const analyzer = new Analyzer({ blockSize: 4 });
      let text = readFileSync(join(FIXTURES, name), 'utf8');
      analyzer.analyze(text, { now: NOW });
      for (let step = 0; step < 120; step++) {
        const next = edit(text, random);
        if (random() < 0.35) {
          // Checked part way, then replaced: the next edit is from the text before this one.
          const steps = analyzer.analyzeSteps(next.text, { now: NOW }, next.change);
          for (let i = Math.floor(random() * 12); i > 0 && !steps.next().done; i--);
          steps.return(undefined as never);
          continue;
        }
        text = next.text;
        const incremental = analyzer.analyze(text, { now: NOW }, next.change);
        if (signature(incremental) !== signature(analyze(text, { now: NOW })))
          assert.fail(`step ${step}: incremental differs from cold for ${JSON.stringify(text)}`);
      }
    });
  }
});

describe('incremental analysis of a report with front matter', () => {
  // Front matter is looked for in the first 200 lines: edits below them are re-parsed by chunk,
  // edits above them from the start.
  it('equals cold analysis after 150 random edits above and below line 200', () => {
    const random = mulberry32(17);
    const body = readdirSync(FIXTURES)
      .filter((file) => file.endsWith('.md'))
      .sort()
      .map((file) => readFileSync(join(FIXTURES, file), 'utf8').replace(/^---[\s\S]*?\n---\n/, ''))
      .join('\n\n');
    let text = `---\ntitle: Outage\ndate: 2024-05-01 10:00 UTC\nstatus: resolved\n---\n${body}`;
    assert.ok(text.split('\n').length > 400);
    const analyzer = new Analyzer();
    analyzer.analyze(text, { now: NOW });
    for (let step = 0; step < 150; step++) {
      const next = edit(text, random);
      text = next.text;
      const incremental = analyzer.analyze(text, { now: NOW }, next.change);
      if (signature(incremental) !== signature(analyze(text, { now: NOW })))
        assert.fail(`step ${step}: incremental differs from cold for ${JSON.stringify(text)}`);
    }
  });
});

describe('the chunk cache', () => {
  it('holds the chunks of the last version and a few replaced ones, however long the editing', () => {
    const random = mulberry32(11);
    const cache = new ChunkCache();
    let text = readdirSync(FIXTURES)
      .filter((file) => file.endsWith('.md'))
      .sort()
      .map((file) => readFileSync(join(FIXTURES, file), 'utf8'))
      .join('\n\n');
    let doc = parseDocument(text, cache);
    for (let step = 0; step < 2000; step++) {
      const next = edit(text, random);
      text = next.text;
      doc = parseDocument(text, cache, doc, next.change);
      assert.ok(cache.size <= doc.chunks.length + 64, `step ${step}: ${cache.size} chunks cached for ${doc.chunks.length}`);
    }
  });
});

describe('chunks parsed in groups', () => {
  it('get the lines each chunk gets when parsed alone', () => {
    const documents = readdirSync(FIXTURES)
      .filter((file) => file.endsWith('.md'))
      .map((file) => readFileSync(join(FIXTURES, file), 'utf8'));
    const random = mulberry32(99);
    for (let i = 0; i < 60; i++) {
      let text = documents[i % documents.length];
      for (let step = 0; step < 30; step++) text = edit(text, random).text;
      documents.push(text);
    }
    for (const text of documents) {
      for (const span of parseDocument(text).chunks) {
        assert.deepEqual(span.chunk.lines, new Chunk(span.chunk.text).lines, JSON.stringify(span.chunk.text));
      }
    }
  });
});

describe('incremental analysis equals cold analysis where the timeline carries context across chunks', () => {
  // Each chunk's piece of the timeline is reused while the state it is read in (the day, the
  // zone, the entry before, the roll past midnight) is unchanged: these edits change that state
  // for the chunks after them, far from the edit.
  const TIMELINE_EDITS = [
    '### 2024-05-02\n\n',
    '### 2024-11-03\n',
    '**May 3, 2024**\n',
    '2024-03-10 (all times PST)\n',
    'All times in CET.\n',
    '| Time (PDT) | Event |\n|---|---|\n',
    '- 23:55 UTC: late\n',
    '- 00:05 PDT: after midnight\n',
    '- 11:30 PM: evening\n',
    '- 09:15 AM PST: morning\n',
    '- 2024-05-01 12:00: dated\n',
    '- 07:00: plain\n',
    ' (all times UTC)',
    ' PST',
    ' PDT',
    '12:00 PM',
    '9',
    '0',
    ':',
    '## Timeline\n\n',
    '## Root Cause\n\n',
    '\n\n',
    '- ',
    '   ',
    '<br> 10:01 next',
    'Start: 2024-05-01 09:00 UTC\n',
    'End: 2024-05-01 11:00 UTC\n',
    'Duration: 3 hours\n',
    // Headings that end the timeline inside a chunk (no blank line before them).
    'Root Cause\n',
    '**Resolution**\n',
    'LESSONS LEARNED\n',
    'Timeline:\n',
  ];
  const DAY = [
    '- 22:10 PDT: paged',
    '- 22:40: mitigation started',
    '| 23:20 | table row |',
    '- 23:50 PDT: still going',
    '- 00:20: recovered',
    '- 11:45 PM: twelve-hour',
    '- 01:10 UTC: other zone',
  ];

  function report(random: () => number): string {
    const parts = ['# Outage', '', '## Summary', '', 'From 22:00 to 02:00 PDT on 2024-05-01.', '', '## Timeline (all times PDT)', ''];
    for (let day = 1; day <= 6; day++) {
      parts.push(random() < 0.8 ? `### 2024-05-0${day}` : `**May ${day}, 2024**`, '');
      for (let i = 0; i < 8; i++) parts.push(DAY[Math.floor(random() * DAY.length)]);
      parts.push('');
    }
    parts.push('## Root Cause', '', 'A bad deploy.', '', '## Action Items', '', '- [ ] Fix it', '');
    return parts.join('\n');
  }

  /** An edit at a line start or a random place, or the deletion of whole lines (a day heading, the Timeline heading). */
  function timelineEdit(text: string, random: () => number): { text: string; change: TextChange } {
    const lineStarts = [0];
    for (let i = 0; i < text.length; i++) if (text[i] === '\n') lineStarts.push(i + 1);
    const roll = random();
    if (roll < 0.25 && lineStarts.length > 2) {
      const line = Math.floor(random() * (lineStarts.length - 1));
      const count = 1 + Math.floor(random() * 3);
      const from = lineStarts[line];
      const to = lineStarts[Math.min(lineStarts.length - 1, line + count)];
      return { text: text.slice(0, from) + text.slice(to), change: { from, previousTo: to, to: from } };
    }
    const at = roll < 0.7 ? lineStarts[Math.floor(random() * lineStarts.length)] : Math.floor(random() * (text.length + 1));
    const inserted = TIMELINE_EDITS[Math.floor(random() * TIMELINE_EDITS.length)];
    return { text: text.slice(0, at) + inserted + text.slice(at), change: { from: at, previousTo: at, to: at + inserted.length } };
  }

  for (let seed = 1; seed <= 8; seed++) {
    it(`after 150 timeline edits (seed ${seed})`, () => {
      const random = mulberry32(seed * 104729);
      // Even seeds keep the chunks and pieces in blocks of 4: the timeline spans many blocks.
      const analyzer = new Analyzer(seed % 2 === 0 ? { blockSize: 4 } : {});
      let text = report(random);
      analyzer.analyze(text, { now: NOW });
      for (let step = 0; step < 150; step++) {
        const next = timelineEdit(text, random);
        text = next.text;
        const incremental = analyzer.analyze(text, { now: NOW }, step % 3 === 2 ? undefined : next.change);
        const cold = analyze(text, { now: NOW });
        if (signature(incremental) !== signature(cold)) assert.fail(`step ${step}: incremental differs from cold for ${JSON.stringify(text)}`);
      }
    });
  }

  it('when the timeline comes to end at another line of its last chunk', () => {
    // A plain-line heading inside a run of table rows ends the timeline there; without it, the
    // same chunk holds more of the timeline (and here, an entry outside the window).
    const before =
      '# Outage\n\n## Summary\n\nFrom 10:00 to 11:00 UTC on 2024-05-01.\n\n## Timeline\n\n| 10:10 | a |\n| 10:20 | b |\nRoot Cause\n| 15:00 | late |\n| 09:00 | early |\n';
    const cut = before.indexOf('Root Cause\n');
    const after = before.slice(0, cut) + before.slice(cut + 'Root Cause\n'.length);
    for (const [from, to, change] of [
      [before, after, { from: cut, previousTo: cut + 11, to: cut }],
      [after, before, { from: cut, previousTo: cut, to: cut + 11 }],
    ] as const) {
      const analyzer = new Analyzer();
      analyzer.analyze(from, { now: NOW });
      assert.equal(signature(analyzer.analyze(to, { now: NOW }, change)), signature(analyze(to, { now: NOW })));
    }
  });

  it('with the same chunk in several places of the timeline', () => {
    // Identical chunks are one Chunk object, read in as many states as places.
    const random = mulberry32(5);
    const analyzer = new Analyzer();
    const day = (n: number): string => `### 2024-05-0${n}\n\n- 23:50 PDT: same\n- 00:10 PDT: same\n\n`;
    let text = `# Outage\n\n## Timeline\n\n${day(1)}${day(2)}${day(3)}${day(1)}## Root Cause\n\nx\n`;
    for (let step = 0; step < 80; step++) {
      const next = timelineEdit(text, random);
      text = next.text;
      assert.equal(signature(analyzer.analyze(text, { now: NOW }, next.change)), signature(analyze(text, { now: NOW })), `step ${step}`);
    }
  });
});

describe('analysis in steps stopped at any step', () => {
  // The outline, the timeline and the rules yield every few chunks (steps.ts): a version the server
  // stops anywhere among them, even part way through the timeline, must leave nothing behind.
  const base = generateLongTimeline(1000);
  const NOW_LATER = new Date('2026-11-21T12:00:00Z');

  it('reads a long timeline in many steps and gives what one call gives', () => {
    const steps = new Analyzer().analyzeSteps(base, { now: NOW_LATER });
    let count = 0;
    let step = steps.next();
    for (; !step.done; step = steps.next()) count++;
    assert.ok(count > 100, `only ${count} steps`);
    assert.equal(signature(step.value), signature(analyze(base, { now: NOW_LATER })));
  });

  it('equals cold analysis after 30 edits to a 1000-line timeline, half of them stopped at a random step', () => {
    const random = mulberry32(1414);
    const analyzer = new Analyzer();
    let text = base;
    const total = (() => {
      const steps = analyzer.analyzeSteps(text, { now: NOW_LATER });
      let count = 0;
      while (!steps.next().done) count++;
      return count;
    })();
    for (let step = 0; step < 30; step++) {
      const next = edit(text, random, ['- 10:15 UTC: a\n', '### 2024-05-03\n', '\n\n', '23:50 ', 'x', '- 09:00 PST: b\n'], 0.5);
      if (step % 2 === 0) {
        const steps = analyzer.analyzeSteps(next.text, { now: NOW_LATER }, next.change);
        for (let i = Math.floor(random() * total); i > 0 && !steps.next().done; i--);
        steps.return(undefined as never);
        continue;
      }
      text = next.text;
      const incremental = analyzer.analyze(text, { now: NOW_LATER }, next.change);
      if (signature(incremental) !== signature(analyze(text, { now: NOW_LATER }))) assert.fail(`step ${step}: incremental differs from cold`);
    }
  });
});
