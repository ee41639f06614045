/**
 * The outline: readable names (no Markdown markup, times as written), no name said twice, and beside
 * an editor's Markdown outline only what that outline lacks.
 */
import { strict as assert } from 'node:assert';
import { analyze } from '../../server/src/analysis/index';
import { documentSymbols, plainText, type OutlineSymbol } from '../../server/src/analysis/providers/symbols';

function tree(symbols: OutlineSymbol[]): unknown[] {
  return symbols.map((symbol) => (symbol.children.length ? [symbol.name, symbol.detail, tree(symbol.children)] : [symbol.name, symbol.detail]));
}

const REPORT = [
  '# Postmortem: **Search** outage',
  '',
  '## Issue Summary',
  '',
  'Search failed.',
  '',
  'IMPACT',
  '',
  'All searches.',
  '',
  '## Timeline (all times UTC)',
  '',
  '- **4:15 PM** — Alert *fired* in `search-api`.',
  '- 4:30 PM: [Rolled back](https://example.invalid/deploy/42).',
  '',
  '## Action Items',
  '',
  '- [ ] **Add** a canary (owner: @ana, due 2026-04-01)',
  '',
].join('\n');

describe('outline symbols', () => {
  it('names sections once, as a reader sees them, and entries by their time as written', () => {
    assert.deepEqual(tree(documentSymbols(analyze(REPORT).model)), [
      [
        'Postmortem: Search outage',
        '',
        [
          ['Issue Summary', '', [['IMPACT', '']]],
          [
            'Timeline (all times UTC)',
            '',
            [
              ['4:15 PM', 'Alert fired in search-api.'],
              ['4:30 PM', 'Rolled back.'],
            ],
          ],
          // The detail says what the checker reads it as, because the title does not.
          ['Action Items', 'Corrective and Preventative Measures', [['Add a canary (owner: @ana, due 2026-04-01)', 'open · @ana · 2026-04-01']]],
        ],
      ],
    ]);
  });

  it('beside a Markdown outline, lists only what it lacks: ALL-CAPS headings, the entries and the action items', () => {
    const symbols = documentSymbols(analyze(REPORT).model, { markdownOutline: true });
    assert.deepEqual(tree(symbols), [
      ['IMPACT', ''],
      [
        'Timeline entries',
        '2, 4:15 PM to 4:30 PM',
        [
          ['4:15 PM', 'Alert fired in search-api.'],
          ['4:30 PM', 'Rolled back.'],
        ],
      ],
      ['Action items', '1 open of 1', [['Add a canary (owner: @ana, due 2026-04-01)', 'open · @ana · 2026-04-01']]],
    ]);
    // The group spans its entries, not the heading the Markdown outline already shows.
    const lines = REPORT.split('\n');
    assert.equal(symbols[1].start, lines.slice(0, 12).join('\n').length + 1);
  });

  it('strips inline markup from names', () => {
    assert.equal(plainText('**Add** a [canary](https://x) `now` and *this* and __that__ ~~not~~'), 'Add a canary now and this and that not');
    assert.equal(plainText('snake_case_name stays, 2 * 3 * 4 too'), 'snake_case_name stays, 2 * 3 * 4 too');
    assert.equal(plainText('x'.repeat(200)).length, 80);
  });
});
