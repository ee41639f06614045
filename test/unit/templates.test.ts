/**
 * New Postmortem's pure parts: the templates come from the snippet file, the title and date go
 * in verbatim whatever characters they hold, and file names and dates are checked.
 */
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { analyze } from '../../server/src/analysis/index';
import { dateProblem, fillTemplate, reportFileName, templatesFrom } from '../../client/src/commands/templates';
import { expandSnippet } from '../grammar/snippet-expand';

const SNIPPETS = readFileSync(new URL('../../snippets/postmortem.code-snippets', import.meta.url), 'utf8');

describe('New Postmortem templates', () => {
  const templates = templatesFrom(SNIPPETS);

  it('offers the template snippets, the full one first', () => {
    assert.deepEqual(templates.map((template) => template.name), ['full template', 'Google SRE template']);
  });

  for (const title of ['Search API outage', "Price $' bug", 'Cost $& spike', 'Back`tick $` and ${1:x} and \\ slash}', '🔥 Payments down']) {
    it(`puts the title in verbatim: ${JSON.stringify(title)}`, () => {
      const text = expandSnippet(fillTemplate(templates[0].body, title, '2026-11-20'));
      const lines = text.split('\n');
      assert.equal(lines[0], `# Postmortem: ${title}`);
      assert.equal(lines.filter((line) => line.startsWith('## Timeline')).length, 1, 'the template appears once');
      assert.match(text, /- Start: 2026-11-20 /);
      assert.ok(analyze(text).model.outline.sections.timeline, 'still a postmortem');
    });
  }

  it('names the file from the date and the title', () => {
    assert.equal(reportFileName('Search API outage', '2026-11-20'), '2026-11-20-search-api-outage.md');
    assert.equal(reportFileName('Café überlastet!', '2026-11-20'), '2026-11-20-cafe-uberlastet.md');
    assert.equal(reportFileName('?!', '2026-11-20'), '2026-11-20-incident.md');
    assert.equal(reportFileName('x'.repeat(300), '2026-11-20').length, '2026-11-20-'.length + 60 + '.md'.length);
  });

  it('accepts only real calendar dates', () => {
    assert.equal(dateProblem('2024-02-29'), null);
    assert.match(dateProblem('2023-02-29')!, /not a date/);
    assert.match(dateProblem('20/11/2026')!, /YYYY-MM-DD/);
  });
});
