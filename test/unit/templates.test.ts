/**
 * New Postmortem's pure parts: the templates come from the snippet file, write no fact the user
 * did not give (every time, date, zone, duration and severity is a placeholder), put the title,
 * date, start time and zone in verbatim whatever characters they hold, and check what is typed.
 */
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { analyze } from '../../server/src/analysis/index';
import { dateProblem, fillTemplate, reportFileName, templatesFrom, type TemplateFacts } from '../../client/src/commands/templates';
import { readStart } from '../../server/src/analysis/providers/startTime';
import { expandSnippet } from '../grammar/snippet-expand';

const SNIPPETS = readFileSync(new URL('../../snippets/postmortem.code-snippets', import.meta.url), 'utf8');
const NOW = new Date('2026-12-01T00:00:00Z');

/** Times, dates, durations, severities: what a template must not make up. */
const FACT_RE = /\d{1,2}:\d{2}|\d{4}-\d{2}-\d{2}|\d+\s*(?:min|minutes|hours?|h)\b|\bSEV\s?\d|\b(?:UTC|GMT|[PMCE][SD]T|CES?T|IST|JST)\b/;

/**
 * What the analysis may say of a template as New Postmortem leaves it: its placeholders; a
 * section whose only content is a prompt is empty; and with no zone given, that none is stated.
 */
function assertNoFalseProblem(text: string, zoneGiven: boolean): void {
  for (const diagnostic of analyze(text, { now: NOW }).diagnostics) {
    const shown = `${diagnostic.rule} on ${JSON.stringify(text.slice(diagnostic.start, diagnostic.end))}: ${diagnostic.message}`;
    if (diagnostic.rule === 'placeholder') continue;
    if (diagnostic.rule === 'missing-timezone' && !zoneGiven) continue;
    assert.equal(diagnostic.rule, 'empty-section', shown);
    // The section's body up to the next heading is prompts and blank lines only.
    const after = text.slice(diagnostic.end).split('\n').slice(1);
    const next = after.findIndex((line) => /^#{1,2} /.test(line));
    const body = after.slice(0, next < 0 ? after.length : next).filter((line) => line.trim() !== '');
    assert.ok(body.length > 0 && body.every((line) => /^<describe [^>]*>$/.test(line)), shown);
  }
}

describe('New Postmortem templates', () => {
  const templates = templatesFrom(SNIPPETS);

  it('offers the template snippets, the full one first', () => {
    assert.deepEqual(
      templates.map((template) => template.name),
      ['full template', 'Google SRE template'],
    );
  });

  for (const template of templates) {
    it(`${template.name}: invents nothing; the title and date asked for are all it states`, () => {
      const text = expandSnippet(fillTemplate(template.body, { title: 'Search outage', date: '2026-11-20' }));
      const lines = text.split('\n');
      const invented = lines.filter((line) => FACT_RE.test(line.replaceAll('2026-11-20', '')));
      assert.deepEqual(invented, [], 'no time, date, zone, duration or severity nobody gave');
      assert.ok(
        lines.some((line) => line.includes('2026-11-20')),
        'the date',
      );
      const { model } = analyze(text, { now: NOW });
      assert.equal(model.window.start, null, 'no incident window to measure');
      assert.equal(model.metrics.durationMinutes, null, 'no duration');
      assert.equal(model.timeline.entries.filter((entry) => entry.time).length, 0, 'no timed entry');
      assertNoFalseProblem(text, false);
    });

    it(`${template.name}: with the start time and zone given, states exactly those, and nothing false`, () => {
      const facts: TemplateFacts = { title: 'Search outage', date: '2026-11-20', start: { time: '14:05', zone: 'PST' } };
      const text = expandSnippet(fillTemplate(template.body, facts));
      const stated = text
        .split('\n')
        .filter((line) => FACT_RE.test(line))
        .join('\n');
      assert.deepEqual([...new Set(stated.match(/\d{1,2}:\d{2}|\b[A-Z]{3}\b(?<!SRE)/g))].sort(), ['14:05', 'PST']);
      const { model } = analyze(text, { now: NOW });
      assert.deepEqual(
        model.timeline.entries.filter((entry) => entry.time).map((entry) => [entry.date, entry.time!.raw, entry.zone?.text]),
        [[template.name === 'full template' ? null : '2026-11-20', '14:05', 'PST']],
      );
      assert.equal(model.metrics.durationMinutes, null, 'no end time, so no duration');
      assertNoFalseProblem(text, true);
    });
  }

  for (const title of ['Search API outage', "Price $' bug", 'Cost $& spike', 'Back`tick $` and ${1:x} and ${3:YYYY-MM-DD} \\ slash}', '🔥 Payments down']) {
    it(`puts the title in verbatim: ${JSON.stringify(title)}`, () => {
      const text = expandSnippet(fillTemplate(templates[0].body, { title, date: '2026-11-20', start: { time: '2:05 PM', zone: 'UTC+01:00' } }));
      const lines = text.split('\n');
      assert.equal(lines[0], `# Postmortem: ${title}`);
      assert.equal(lines.filter((line) => line.startsWith('## Timeline')).length, 1, 'the template appears once');
      assert.ok(lines.includes('- Start: 2026-11-20 2:05 PM UTC+01:00'), text);
      assert.ok(lines.includes('- End: YYYY-MM-DD HH:MM UTC+01:00'), 'the end is left to fill in, in the zone given');
      assert.ok(analyze(text).model.outline.sections.timeline, 'still a postmortem');
    });
  }

  it('reads the start time and zone with the core, and says what is wrong', () => {
    assert.deepEqual(readStart(''), { start: null, problem: null });
    assert.deepEqual(readStart(' 14:05 UTC '), { start: { time: '14:05', zone: 'UTC' }, problem: null });
    assert.deepEqual(readStart('9:30 AM PDT', '2026-07-01'), { start: { time: '9:30 AM', zone: 'PDT' }, problem: null });
    assert.deepEqual(readStart('16:05 UTC+02:00').start, { time: '16:05', zone: 'UTC+02:00' });
    assert.match(readStart('14:05').problem!, /timezone/);
    assert.match(readStart('UTC 14:05').problem!, /time and its timezone/);
    assert.match(readStart('25:10 UTC').problem!, /25:10/);
    assert.match(readStart('14:05 UTC then more').problem!, /left over/);
    assert.match(readStart('14:05 PDT', '2026-11-20').problem!, /PDT is not in use at 14:05 on 2026-11-20: write PST/);
    // Judged at the instant typed: before 02:00 on the day US clocks go forward, PST is right.
    assert.equal(readStart('00:48 PST', '2024-03-10').problem, null);
    assert.match(readStart('03:20 PST', '2024-03-10').problem!, /write PDT/);
  });

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
