import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyze } from '../../server/src/analysis/index';
import { bodyText, expandSnippet, FIXED_VARIABLES, parseSnippet } from './snippet-expand';

interface Snippet {
  prefix: string | string[];
  body: string | string[];
  description: string;
}

const ROOT = join(__dirname, '..', '..');
const SNIPPET_PATH = 'snippets/postmortem.code-snippets';
const snippets = JSON.parse(readFileSync(join(ROOT, SNIPPET_PATH), 'utf8')) as Record<string, Snippet>;
const NOW = new Date('2024-03-06T12:00:00Z');

function byPrefix(prefix: string): Snippet {
  const found = Object.values(snippets).find((snippet) => [snippet.prefix].flat().includes(prefix));
  assert.ok(found, `no snippet with the prefix ${prefix}`);
  return found;
}

function rulesOf(text: string): string[] {
  return [...new Set(analyze(text, { now: NOW }).diagnostics.map((d) => d.rule))].sort();
}

/**
 * A template's findings before it is filled in: the placeholder rule on every prompt,
 * empty-section on sections whose only content is a prompt line (a prompt is not content), and
 * missing-timezone while the zone is still a placeholder.
 */
const PROMPT_FINDINGS = ['empty-section', 'missing-timezone', 'placeholder'];

function assertOnlyPromptFindings(text: string): void {
  const { diagnostics } = analyze(text, { now: NOW });
  const lines = text.split('\n');
  for (const d of diagnostics) {
    assert.ok(PROMPT_FINDINGS.includes(d.rule), `${d.rule}: ${d.message}`);
    if (d.rule === 'empty-section') {
      // The section's body, up to the next heading of its level, is sub-headings, prompts and blank lines only.
      const from = text.slice(0, d.start).split('\n').length;
      const level = /^#+/.exec(lines[from - 1])![0].length;
      const next = lines.findIndex((line, i) => i >= from && new RegExp(`^#{1,${level}} `).test(line));
      const body = lines.slice(from, next < 0 ? lines.length : next).filter((line) => line !== '' && !/^#/.test(line));
      assert.ok(body.length > 0 && body.every((line) => /^<describe [^>]*>$/.test(line)), d.message);
    }
  }
  assert.ok(diagnostics.some((d) => d.rule === 'placeholder'));
}

/**
 * The snippet as a writer leaves it: the incident's facts typed in (`facts`, by tab stop), every
 * other prompt written and due dates filled in, the other defaults kept.
 */
function filledIn(body: string | string[], facts: Record<number, string>): string {
  return expandSnippet(
    bodyText(body)
      .replace(/\$\{(\d+):<[^>}]*>\}/g, (_, index: string) => `\${${index}:written text ${index}}`)
      .replace(/\$\{(\d+):YYYY-MM-DD\}/g, (_, index: string) => `\${${index}:2024-04-0${(Number(index) % 9) + 1}}`),
    facts,
  );
}

describe('snippets: the file', () => {
  it('is contributed for markdown and postmortem documents', () => {
    const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { contributes: { snippets?: Array<{ language: string; path: string }> } };
    const contributed = (manifest.contributes.snippets ?? []).filter((entry) => entry.path.replace(/^\.\//, '') === SNIPPET_PATH);
    assert.deepEqual(contributed.map((entry) => entry.language).sort(), ['markdown', 'postmortem']);
  });

  it('is plain JSON with a prefix, a body and a description for each snippet', () => {
    assert.ok(Object.keys(snippets).length >= 2);
    for (const [name, snippet] of Object.entries(snippets)) {
      const prefixes = [snippet.prefix].flat();
      assert.ok(prefixes.length > 0 && prefixes.every((p) => typeof p === 'string' && /^[a-z][a-z-]*$/.test(p)), `${name}: prefix`);
      assert.ok(typeof snippet.body === 'string' || (Array.isArray(snippet.body) && snippet.body.every((line) => typeof line === 'string')), `${name}: body`);
      assert.ok(typeof snippet.description === 'string' && snippet.description.length > 10, `${name}: description`);
      assert.deepEqual(Object.keys(snippet).sort(), ['body', 'description', 'prefix'], `${name}: keys`);
    }
  });

  it('gives every prefix to one snippet only', () => {
    const prefixes = Object.values(snippets).flatMap((snippet) => [snippet.prefix].flat());
    assert.deepEqual(
      prefixes.filter((p, i) => prefixes.indexOf(p) !== i),
      [],
    );
  });

  it('writes well-formed snippet syntax: tab stops defined once, numbered in order, known variables only', () => {
    for (const [name, snippet] of Object.entries(snippets)) {
      const parsed = parseSnippet(bodyText(snippet.body));
      for (const [index, count] of parsed.definitions) assert.equal(count, 1, `${name}: $${index} has ${count} defaults; mirrors repeat it bare`);
      const numbered = parsed.tabstops.filter((index) => index !== 0);
      // Tab order follows reading order: each tab stop first appears after the ones numbered below it.
      assert.deepEqual(
        numbered,
        [...numbered].sort((a, b) => a - b),
        `${name}: tab stops out of reading order`,
      );
      assert.deepEqual(
        numbered,
        numbered.map((_, i) => i + 1),
        `${name}: tab stops skip a number`,
      );
      for (const variable of parsed.variables) assert.ok(variable in FIXED_VARIABLES, `${name}: unknown variable ${variable}`);
      for (const [index, options] of parsed.choices) assert.ok(options.length >= 2 && options.every(Boolean), `${name}: choice $${index}`);
    }
  });

  it('holds the templates only: sections, entries and action items come from completion, which knows the report', () => {
    assert.deepEqual(Object.keys(snippets), ['Postmortem: full template', 'Postmortem: Google SRE template']);
  });

  it('makes no choice of fact for the writer: no zone, severity or action type picked in advance', () => {
    for (const [name, snippet] of Object.entries(snippets)) {
      for (const options of parseSnippet(bodyText(snippet.body)).choices.values())
        assert.deepEqual(options, ['Draft', 'In review', 'Complete', 'Action items in progress'], name);
      assert.deepEqual(parseSnippet(bodyText(snippet.body)).variables, [], `${name}: no date or time of the moment it is typed`);
    }
  });
});

describe('snippets: the expander', () => {
  it('takes defaults, first choices, mirrors and fixed variables', () => {
    assert.equal(expandSnippet('a ${1:x} ${2|p,q|} $1 ${2} ${3:$CURRENT_HOUR:$CURRENT_MINUTE}$0'), 'a x p x p 14:07');
    assert.equal(expandSnippet('${1} then ${1:late}'), 'late then late');
    assert.equal(expandSnippet('${1:x} \\$1 \\}', { 1: 'typed' }), 'typed $1 }');
    assert.throws(() => parseSnippet('${1:open'));
  });
});

describe('snippets: what the analyser makes of them', () => {
  it('full template: every section recognised, no window, time or owner made up, only prompt findings', () => {
    const text = expandSnippet(byPrefix('postmortem').body);
    const { model } = analyze(text, { now: NOW });
    assert.deepEqual(Object.keys(model.outline.sections).sort(), ['impact', 'lessonsLearned', 'measures', 'resolution', 'rootCause', 'summary', 'timeline']);
    assert.equal(model.window.start, null);
    assert.equal(model.metrics.durationMinutes, null);
    assert.equal(model.timeline.entries.length, 3);
    assert.ok(model.timeline.entries.every((entry) => entry.time === null));
    assert.deepEqual(
      model.actions.map((item) => [item.checked, item.owner]),
      [
        [false, '@name'],
        [false, '@name'],
      ],
    );
    assertOnlyPromptFindings(text);
  });

  it('full template with its prompts filled in: no findings at all', () => {
    const facts = { 2: '45 minutes', 3: '2024-03-05', 4: '14:05', 5: 'UTC', 6: '2024-03-05', 7: '14:50', 8: 'SEV2', 12: '14:20' };
    assert.deepEqual(rulesOf(filledIn(byPrefix('postmortem').body, facts)), []);
  });

  it('follows the zone a writer types: a PST incident keeps PST at the start, the end and the timeline', () => {
    const text = expandSnippet(byPrefix('postmortem').body, { 3: '2024-03-05', 4: '14:05', 5: 'PST', 7: '14:50' });
    const { model } = analyze(text);
    assert.equal(model.window.zone?.text, 'PST');
    assert.equal(model.metrics.durationMinutes, 45);
    assert.deepEqual(
      model.timeline.entries.map((entry) => entry.time?.raw),
      ['14:05', undefined, '14:50'],
    );
  });

  it('Google SRE template: sections, the action item table and the timeline recognised, only prompt findings', () => {
    const text = expandSnippet(byPrefix('pm-sre').body);
    const { model } = analyze(text, { now: NOW });
    assert.deepEqual(Object.keys(model.outline.sections).sort(), ['impact', 'lessonsLearned', 'measures', 'resolution', 'rootCause', 'summary', 'timeline']);
    assert.equal(model.actions.length, 1);
    assert.equal(model.actions[0].owner, '@name');
    assert.equal(model.timeline.entries.length, 3);
    assertOnlyPromptFindings(text);
    const facts = { 3: '2024-03-05', 6: 'SEV2', 14: 'prevent', 21: '14:05', 22: 'UTC', 24: '14:20', 26: '14:50' };
    assert.deepEqual(rulesOf(filledIn(byPrefix('pm-sre').body, facts)), []);
  });
});
