/**
 * Random edit sequences for the incremental-equals-cold checks: the edits, the documents they
 * start from, what is compared after each, and the loop that compares. The unit tests run fixed
 * seeds of it; `npm run fuzz:incremental` runs it at scale.
 */
import { analyze, Analyzer, toInspectJson, type Analysis, type TextChange } from '../../server/src/analysis/index';
import { Chunk, linesParsedWhole, parseDocument } from '../../server/src/analysis/parse';
import { mulberry32, type Random } from './random';

// Edits that move chunk boundaries: blank lines, headings, bullets, fences, HTML comments,
// line breaks of every kind, and ordinary typing.
export const INSERTS = [
  'x',
  ' ',
  '\n',
  '\n\n',
  '\r\n',
  '\r',
  '# ',
  '## Timeline\n',
  '- ',
  '- 10:15 UTC: a\n',
  '```\n',
  '```markdown\n',
  '~~~\n',
  '<!--',
  '-->',
  '<pre>',
  '</pre>',
  '    ',
  '\t',
  '* * *\n',
  '---\n',
  '| 10:00 | a |\n',
  '•\t',
  '**',
  '17:59 PM',
  '23:50 ',
  '00:10 ',
  '### 2024-05-01\n',
  'Root Cause\n',
  '> ',
  '1. ',
  '[TODO]',
  '😅',
  '\uFEFF',
];

// Edits that change what a line after a blank line means: ordered items starting past 1 (which
// cannot interrupt a block), empty items, indented code (which stays open across blank lines),
// lazy continuation lines, block quotes and tabs.
export const CONTAINER_INSERTS = [
  '2) ',
  '3. ',
  '10. ',
  '0) ',
  '1.',
  '1)',
  '-',
  '*\n',
  '+ ',
  '\t-\n',
  '    $ kubectl rollout undo\n',
  '\tcode\n',
  '     ',
  '\t\t',
  ' \t',
  '> ',
  '>',
  '> > ',
  '>\t',
  'lazy line\n',
  'pasted Word text\n',
  '- [ ] owner: @ana\n',
  '2) ## Root Cause\n',
  '2) # Corrective actions',
  '3. ### Timeline\n',
  '> - 10:15 UTC: a\n',
  '  - ',
  '   1. ',
  '\n\n    ',
  '\n\t',
  '\n2) ',
  '\n-\n',
  '- > 2) x\n',
  '+ 2) ',
  '> 3. ',
];

const ALL_INSERTS = [...INSERTS, ...CONTAINER_INSERTS];

/** A random edit: a deletion of up to 40 characters, or an insertion from `inserts`, anywhere or (often) at a line start. */
export function edit(text: string, random: Random, inserts: readonly string[] = INSERTS, lineStarts = 0): { text: string; change: TextChange } {
  let at = Math.floor(random() * (text.length + 1));
  if (random() < lineStarts) {
    const before = text.lastIndexOf('\n', at - 1);
    at = before + 1;
  }
  if (random() < 0.35 && text.length > 0) {
    const length = 1 + Math.floor(random() * Math.min(40, text.length - Math.min(at, text.length - 1)));
    const from = Math.min(at, text.length - 1);
    const to = Math.min(text.length, from + length);
    return { text: text.slice(0, from) + text.slice(to), change: { from, previousTo: to, to: from } };
  }
  const inserted = inserts[Math.floor(random() * inserts.length)];
  return { text: text.slice(0, at) + inserted + text.slice(at), change: { from: at, previousTo: at, to: at + inserted.length } };
}

/** An edit from every kind of insert, half of them at a line start, where block structure is decided. */
export function containerEdit(text: string, random: Random): { text: string; change: TextChange } {
  return edit(text, random, ALL_INSERTS, 0.5);
}

const BLOCKS: Array<(random: Random) => string> = [
  () => 'DB down.',
  () => '## Summary',
  () => '## Root Cause',
  () => '## Timeline',
  () => 'Root Cause',
  (random) => `${random() < 0.5 ? '    ' : '\t'}$ kubectl rollout undo`,
  (random) => `${2 + Math.floor(random() * 9)}${random() < 0.5 ? ')' : '.'} ${random() < 0.5 ? '## Root Cause' : 'restart the pods'}`,
  (random) => `1${random() < 0.5 ? ')' : '.'} paged`,
  (random) => (random() < 0.5 ? '-' : '\t-'),
  () => '- [ ] owner: @ana\nWord bullet pasted below\nanother pasted line',
  () => '> quoted 10:15 UTC\nlazy continuation\n> - item',
  () => '- 10:15 UTC: paged\n  - 10:20 UTC: nested\nlazy 10:30',
  () => '```\ncode\n```',
  () => '| 10:00 | a |',
  () => '### 2024-05-01',
];

/** A document of the blocks the container edits play with, joined by no, one or two blank lines. */
export function containerDocument(random: Random): string {
  const count = 3 + Math.floor(random() * 10);
  let text = '';
  for (let i = 0; i < count; i++) {
    if (i > 0) text += ['\n', '\n\n', '\n\n\n', '\n \n'][Math.floor(random() * 4)];
    text += BLOCKS[Math.floor(random() * BLOCKS.length)](random);
  }
  return random() < 0.5 ? text + '\n' : text;
}

/**
 * What an edit carries over or shifts instead of computing again: the line index, every line's
 * facts (read through the chunks), where each chunk stands, and the chunk and piece positions kept
 * per fact (a version may share these with the one before).
 */
function parseSignature(model: Analysis['model']): unknown {
  const { doc, timeline } = model;
  const lines = Array.from({ length: doc.lines.length }, (_, line) => doc.lines.at(line));
  const chunks = Array.from(doc.chunks, (span) => [span.firstLine, span.start, span.chunk.text]);
  const carried = (facts: typeof doc.carried): unknown =>
    [...facts]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([key, fact]) => [key, fact.setting, typeof fact.value === 'number' ? fact.value : Array.from(fact.value)]);
  return {
    starts: Array.from({ length: doc.index.lineCount }, (_, line) => doc.index.start(line)),
    ends: Array.from({ length: doc.index.lineCount }, (_, line) => doc.index.end(line)),
    lines,
    chunks,
    carried: carried(doc.carried),
    pieces: [timeline.firstPiece, timeline.lastPiece, carried(timeline.carried)],
  };
}

/** The model, the parse and the diagnostics of an analysis, as one string to compare. */
export function signature(analysis: Analysis): string {
  return JSON.stringify({
    model: toInspectJson(analysis.model),
    parse: parseSignature(analysis.model),
    diagnostics: analysis.diagnostics,
    failures: analysis.failures,
  });
}

/**
 * The first chunk of `text`'s parse whose lines differ from the lines of its text parsed alone, or
 * from its text parsed in one piece with no run of plain lines left out; or null.
 */
export function chunkParsedApart(text: string): string | null {
  for (const span of parseDocument(text).chunks) {
    const lines = JSON.stringify(span.chunk.lines);
    if (lines !== JSON.stringify(new Chunk(span.chunk.text).lines) || lines !== JSON.stringify(linesParsedWhole(span.chunk.text))) return span.chunk.text;
  }
  return null;
}

const NOW = new Date('2026-11-21T12:00:00Z');

/**
 * `steps` container edits from a container document, seeded, each analysed incrementally and
 * compared with a cold analysis (and every chunk with its text parsed alone); a third of the
 * versions are first checked part way and stopped. Returns the first difference, or null.
 */
export function runContainerEdits(seed: number, steps: number, random: Random): string | null {
  const analyzer = new Analyzer(seed % 2 === 0 ? { blockSize: 4 } : {});
  // Its own stream, so that the edits of a seed stay the ones they were.
  const stops = mulberry32(seed * 977 + 1);
  let text = containerDocument(random);
  analyzer.analyze(text, { now: NOW });
  for (let step = 0; step < steps; step++) {
    const previous = text;
    const next = containerEdit(text, random);
    text = next.text;
    // Every third edit is found by comparing the texts, as when the server is not told where.
    const change = step % 3 === 2 ? undefined : next.change;
    // A third of the versions are first checked only part way and stopped, as the server stops one
    // a newer version replaces (here the newer has the same text): that check must leave nothing behind.
    if (stops() < 1 / 3) {
      const stopped = analyzer.analyzeSteps(text, { now: NOW }, change);
      for (let i = Math.floor(stops() * 24); i > 0 && !stopped.next().done; i--);
      stopped.return(undefined as never);
    }
    const incremental = analyzer.analyze(text, { now: NOW }, change);
    if (signature(incremental) !== signature(analyze(text, { now: NOW }))) {
      return `seed ${seed}, step ${step}: incremental differs from cold after ${JSON.stringify(previous)} became ${JSON.stringify(text)}`;
    }
    const apart = chunkParsedApart(text);
    if (apart !== null) return `seed ${seed}, step ${step}: chunk ${JSON.stringify(apart)} of ${JSON.stringify(text)} parsed alone differs`;
  }
  return null;
}
