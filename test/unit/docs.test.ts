/**
 * Every rule has a documentation page whose "Bad" example triggers it and whose
 * "Good" example does not.
 */
import { strict as assert } from 'node:assert';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CONFIG_RULE_ID, parseConfig } from '../../server/src/analysis/config';
import { analyze, RULES } from '../../server/src/analysis/index';

const DOCS = join(__dirname, '..', '..', 'docs', 'rules');
const NOW = new Date('2026-11-21T12:00:00Z');

function example(page: string, heading: 'Bad' | 'Good', language = 'markdown'): string {
  const section = page.split(/^### /m).find((part) => part.startsWith(`${heading}\n`));
  assert.ok(section, `no "### ${heading}" example`);
  const fence = new RegExp(`\`\`\`${language}\\n([\\s\\S]*?)\\n\`\`\``).exec(section);
  assert.ok(fence, `no markdown block under "### ${heading}"`);
  return fence[1];
}

describe('rule documentation', () => {
  for (const rule of RULES) {
    it(`docs/rules/${rule.id}.md explains the rule with examples that hold`, () => {
      const path = join(DOCS, `${rule.id}.md`);
      assert.ok(existsSync(path), `${path} is missing`);
      const page = readFileSync(path, 'utf8');
      assert.match(page, new RegExp(`^# ${rule.id}\\n`));
      assert.ok(
        analyze(example(page, 'Bad'), { now: NOW }).diagnostics.some((d) => d.rule === rule.id),
        'the Bad example should trigger the rule',
      );
      assert.ok(!analyze(example(page, 'Good'), { now: NOW }).diagnostics.some((d) => d.rule === rule.id), 'the Good example should not');
    });
  }
  it("the rules index lists every rule, and the project file's own diagnostic", () => {
    const index = readFileSync(join(DOCS, 'README.md'), 'utf8');
    for (const rule of RULES) assert.ok(index.includes(`(${rule.id}.md)`), rule.id);
    assert.ok(index.includes(`(${CONFIG_RULE_ID}.md)`), CONFIG_RULE_ID);
  });

  it('the evidence table names every rule, and the architecture page exists with its layers', () => {
    const index = readFileSync(join(DOCS, 'README.md'), 'utf8');
    const evidence = index.slice(index.indexOf('## Evidence'), index.indexOf('## Configuration'));
    for (const rule of RULES) assert.match(evidence, new RegExp(`^\\| ${rule.id} \\|`, 'm'), rule.id);
    const architecture = readFileSync(join(DOCS, '..', 'architecture.md'), 'utf8');
    for (const heading of ['## Layers and what each may import', '## Invariants, and who guarantees them', '## Vocabulary', '## How to add a rule'])
      assert.ok(architecture.includes(heading), heading);
  });

  it(`docs/rules/${CONFIG_RULE_ID}.md shows a project file that is refused as it says, and one that is accepted`, () => {
    const page = readFileSync(join(DOCS, `${CONFIG_RULE_ID}.md`), 'utf8');
    assert.match(page, new RegExp(`^# ${CONFIG_RULE_ID}\\n`));
    const bad = parseConfig(example(page, 'Bad', 'json'))
      .errors.map((error) => error.message)
      .join('; ');
    assert.ok(bad.length > 0, 'the Bad example is refused');
    assert.ok(page.replace(/\s+/g, ' ').includes(`Reported: \`${bad}\``), `the page quotes the message: ${bad}`);
    assert.deepEqual(parseConfig(example(page, 'Good', 'json')).errors, []);
  });
});
