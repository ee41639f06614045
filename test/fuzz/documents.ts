/**
 * fast-check generators for documents: postmortem-shaped fragments (headings in every style
 * the parser reads, timeline lines, zones, durations, dates including impossible ones, Word
 * bullets, tables, task lists), mixed with hostile text (random code units including lone
 * surrogates, emoji, deep nesting, long runs, CRLF, lone CR, tabs, a BOM).
 */
import fc from 'fast-check';

const TITLES = [
  'Issue Summary',
  'Summary',
  'Impact',
  'Timeline',
  'Root Cause',
  'Resolution',
  'Root Cause and Resolution',
  'Corrective and Preventative Measures',
  'Action Items',
  'Lessons Learned',
  'Detection',
  'Trigger',
];
const ZONES = ['UTC', 'PST', 'PDT', 'EST', 'CET', 'CEST', 'GMT', 'IST', 'UTC+2', '+05:30', 'UTC-5', 'Pacific Time', 'America/New_York', 'XYZ', ''];
const TIMES = [
  '10:15',
  '9:05 AM',
  '17:59 PM',
  '25:10',
  '0710 AM',
  '14h05',
  '23:59',
  '00:00',
  '12:00 PM',
  '12:00 AM',
  '10:15:30',
  '7pm',
  '10.15',
  '1:1',
  '99:99',
];
const DATES = [
  '2024-03-05',
  '2024-02-30',
  '2023-13-01',
  'March 5, 2024',
  '5 March 2024',
  '2024/03/05',
  'Feb 29, 2023',
  'June 1, 2024',
  '0000-00-00',
  'tomorrow',
];
const DURATIONS = ['45 minutes', '1h 20m', '2 hours', '90 min', '1 hour 39 minutes', '0 minutes', '-5 minutes', '100000 hours'];
const WORDS = [
  'the',
  'API',
  'failed',
  'rollback',
  'deploy',
  'paged',
  'on-call',
  '[TODO]',
  '<describe>',
  'TBD',
  'db',
  '@ana',
  'owner:',
  'due',
  '**bold**',
  '`code`',
  '[link](javascript:x)',
  '<script>',
  '&lt;b&gt;',
  '—',
  '…',
];
const EMOJI = ['🔥', '✅', '❌', '👩‍💻', '🇺🇸', '\u{1F600}', '\uD83D', '\uDE00', '\u200B', '\uFEFF', '\u0301'];

const word = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...WORDS) },
  { weight: 1, arbitrary: fc.constantFrom(...EMOJI) },
  { weight: 1, arbitrary: fc.constantFrom(...TIMES, ...DATES, ...ZONES) },
);
const words = fc.array(word, { minLength: 0, maxLength: 8 }).map((parts) => parts.join(' '));
const zone = fc.constantFrom(...ZONES);
const time = fc.constantFrom(...TIMES);

const heading = fc
  .tuple(
    fc.constantFrom('#', '##', '###', '###nospace', '####', '', '**', 'ALLCAPS', 'label', 'setext', '1.'),
    fc.constantFrom(...TITLES),
    fc.constantFrom('', ' (all times UTC)', ':', ' (PST)', '.'),
  )
  .map(([style, title, tail]) => {
    if (style === '**') return `**${title}**${tail}`;
    if (style === 'ALLCAPS') return `${title.toUpperCase()}${tail}`;
    if (style === 'label') return `${title}:`;
    if (style === 'setext') return `${title}${tail}\n${'-'.repeat(title.length)}`;
    if (style === '1.') return `1. ${title}`;
    if (style === '###nospace') return `###${title}${tail}`;
    return style ? `${style} ${title}${tail}` : `${title}${tail}`;
  });

const entry = fc
  .tuple(
    fc.constantFrom('- ', '* ', '1. ', '\u2022\t', 'o\t', '\uf0a7\t', '', '| ', '- [ ] '),
    fc.option(fc.constantFrom(...DATES), { nil: undefined }),
    time,
    zone,
    fc.constantFrom(': ', ' - ', ' ', ' | ', ' — '),
    words,
  )
  .map(
    ([bullet, date, at, written, separator, text]) =>
      `${bullet}${date ? `${date} ` : ''}${bullet === '- ' ? '**' : ''}${at}${bullet === '- ' ? '**' : ''}${written ? ` ${written}` : ''}${separator}${text}`,
  );

const field = fc
  .tuple(
    fc.constantFrom('Duration', 'Start', 'End', 'Start Time', 'Impact', 'Root Cause', 'Severity', 'Detected'),
    fc.oneof(
      fc.constantFrom(...DURATIONS),
      fc.tuple(fc.constantFrom(...DATES), time, zone).map((parts) => parts.join(' ')),
      words,
    ),
  )
  .map(([label, value]) => `- ${label}: ${value}`);

const table = fc.tuple(fc.integer({ min: 1, max: 5 }), fc.array(fc.tuple(time, words), { maxLength: 6 })).map(([columns, rows]) => {
  const header = `| ${['Time (UTC)', 'Event', 'Owner', 'Due', 'Status'].slice(0, columns).join(' | ')} |`;
  const rule = `|${'---|'.repeat(columns)}`;
  return [header, rule, ...rows.map(([at, text]) => `| ${[at, text, '@bob', '2024-04-01', 'open'].slice(0, columns).join(' | ')} |`)].join('\n');
});

const nesting = fc
  .tuple(fc.constantFrom('> ', '- ', '  ', '1. ', '* ', '>', '[', '*', '_', '`'), fc.integer({ min: 1, max: 300 }))
  .map(([unit, depth]) => `${unit.repeat(depth)}x`);
const longRun = fc
  .tuple(fc.constantFrom(' ', '*', '#', '|', '-', '\t', 'a', '1', ':', '🔥', '\\'), fc.integer({ min: 100, max: 20_000 }))
  .map(([unit, count]) => unit.repeat(count));
const randomUnits = fc.string({ unit: 'binary', maxLength: 80 });
const fence = fc
  .tuple(fc.constantFrom('```', '~~~', '```markdown', '````'), words, fc.boolean())
  .map(([marker, body, closed]) => `${marker}\n${body}\n${closed ? marker.slice(0, 3) : ''}`);
const frontMatter = fc.constantFrom('---\ntype: postmortem\n---', '---\ntitle: x', '+++\n+++');

const block = fc.oneof(
  { weight: 6, arbitrary: heading },
  { weight: 10, arbitrary: entry },
  { weight: 4, arbitrary: field },
  { weight: 4, arbitrary: words },
  { weight: 2, arbitrary: table },
  { weight: 1, arbitrary: nesting },
  { weight: 1, arbitrary: longRun },
  { weight: 2, arbitrary: randomUnits },
  { weight: 1, arbitrary: fence },
  { weight: 1, arbitrary: frontMatter },
  { weight: 2, arbitrary: fc.constant('') },
);

/** A document: blocks joined by one line-break style (or a mix), maybe a BOM in front. */
export const documentArbitrary = fc
  .tuple(fc.array(block, { maxLength: 60 }), fc.constantFrom('\n', '\n', '\r\n', '\r', 'mixed'), fc.boolean(), fc.boolean())
  .map(([blocks, lineBreak, bom, trailing]) => {
    const joined =
      lineBreak === 'mixed'
        ? blocks.reduce((text, next, i) => text + (i === 0 ? '' : ['\n', '\r\n', '\r', '\n\n'][i % 4]) + next, '')
        : blocks.join(lineBreak).replace(/\n/g, lineBreak);
    return `${bom ? '\uFEFF' : ''}${joined}${trailing ? '\n' : ''}`;
  });

/** Whole-document shapes that blocks don't reach: pure random code units, one huge line. */
export const hostileDocumentArbitrary = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 2000 }),
  fc.string({ unit: 'grapheme', maxLength: 500 }),
  fc.tuple(fc.constantFrom('a', ' ', '#', '|', '🔥', '10:15 '), fc.integer({ min: 1000, max: 200_000 })).map(([unit, count]) => unit.repeat(count)),
);
