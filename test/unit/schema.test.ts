/**
 * The JSON schema of .postmortemrc.json and the contributed settings agree with the code.
 */
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseConfig } from '../../server/src/analysis/config';
import { RULES } from '../../server/src/analysis/index';
import { SECTION_KINDS } from '../../server/src/analysis/titles';

const ROOT = join(__dirname, '..', '..');
const schema = JSON.parse(readFileSync(join(ROOT, 'schemas', 'postmortemrc.schema.json'), 'utf8'));
const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));

describe('settings schema', () => {
  it('names every rule, in both the project-file schema and the editor settings', () => {
    const ids = RULES.map((rule) => rule.id).sort();
    assert.deepEqual(Object.keys(schema.properties.rules.properties).sort(), ids);
    assert.deepEqual(Object.keys(manifest.contributes.configuration.properties['postmortem.rules'].properties).sort(), ids);
  });
  it('names every section kind', () => {
    assert.deepEqual(schema.properties.requiredSections.items.enum, [...SECTION_KINDS]);
  });
  it('accepts what the schema allows and refuses what it does not', () => {
    const messages = (text: string): string[] => parseConfig(text).errors.map((error) => error.message);
    assert.deepEqual(messages('{"$schema": "x", "rules": {"placeholder": "off"}, "requiredSections": ["summary"], "defaultTimezone": "CET"}'), []);
    assert.deepEqual(messages('{"rules": {"placeholder": "loud"}}'), ['rule "placeholder" must be one of error, warning, information, hint, off']);
    assert.deepEqual(messages('{"requiredSections": ["appendix"]}').length, 1);
    assert.match(messages('{')[0], /^not valid JSON/);
    assert.deepEqual(messages('[]'), ['the file must hold a JSON object']);
    assert.match(messages('{"rules": {} // a comment\n}')[0], /^not valid JSON/, 'plain JSON: no comments');
  });

  it('points each error at the offending key or value, or where the JSON breaks', () => {
    const located = (text: string): string[] => parseConfig(text).errors.map((error) => text.slice(error.start, error.end));
    assert.deepEqual(located('{\n  "rules": { "no-such-rule": "error", "placeholder": "loud" },\n  "plugins": ["x.js"]\n}'), [
      '"no-such-rule"',
      '"loud"',
      '"plugins"',
    ]);
    assert.deepEqual(located('{"requiredSections": ["appendix"], "defaultTimezone": ""}'), ['["appendix"]', '""']);
    assert.deepEqual(located('{"rules": {"placeholder": "off",]}'), [']']);
    assert.deepEqual(located('{"rules": {"placeholder": "off"}'), ['}']);
    assert.deepEqual(located('[]'), ['[']);
    assert.deepEqual(
      parseConfig('').errors.map((error) => [error.start, error.end]),
      [[0, 0]],
    );
  });
});
