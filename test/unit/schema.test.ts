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
    assert.deepEqual(parseConfig('{"$schema": "x", "rules": {"placeholder": "off"}, "requiredSections": ["summary"], "defaultTimezone": "CET"}').errors, []);
    assert.deepEqual(parseConfig('{"rules": {"placeholder": "loud"}}').errors, ['rule "placeholder" must be one of error, warning, information, hint, off']);
    assert.deepEqual(parseConfig('{"requiredSections": ["appendix"]}').errors.length, 1);
    assert.match(parseConfig('{').errors[0], /^not valid JSON/);
    assert.deepEqual(parseConfig('[]').errors, ['the file must hold a JSON object']);
  });
});
