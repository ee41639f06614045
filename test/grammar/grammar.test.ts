import { strict as assert } from 'node:assert';
import { execFile } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { classifyTitle, normalizeTitle } from '../../server/src/analysis/titles';

const ROOT = join(__dirname, '..', '..');
const RUNNER = join(ROOT, 'node_modules', '.bin', 'vscode-tmgrammar-test');
// VS Code's Markdown grammar, which the injections go into; the injections themselves come from
// package.json's contributes.grammars, which the runner reads as VS Code would.
const MARKDOWN = 'test/grammar/markdown.tmLanguage.json';

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function run(command: string, args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    execFile(command, args, { cwd: ROOT, timeout: 240_000 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

describe('grammar: the injection into Markdown', () => {
  it('gives every fixture the scopes it expects (vscode-tmgrammar-test)', async () => {
    const fixtures = readdirSync(join(ROOT, 'test/grammar/fixtures')).filter((name) => name.endsWith('.test.md'));
    assert.ok(fixtures.length >= 4);
    const result = await run(RUNNER, ['-g', MARKDOWN, 'test/grammar/fixtures/*.test.md']);
    assert.equal(result.code, 0, result.stdout);
    for (const name of fixtures) assert.match(result.stdout, new RegExp(`✓ test/grammar/fixtures/${name.replace('.', '\\.')} run successfuly`));
  });

  it('fails on a wrong expectation, so the fixtures above can fail', async () => {
    const result = await run(RUNNER, ['-g', MARKDOWN, 'test/grammar/failing/wrong-expectation.test.md']);
    assert.notEqual(result.code, 0);
    assert.match(result.stdout, /missing required scopes: constant\.numeric\.time\.postmortem/);
  });

  it('is the grammar syntaxes/build-grammar.mjs builds', async () => {
    const result = await run(process.execPath, ['syntaxes/build-grammar.mjs', '--check']);
    assert.equal(result.code, 0, result.stderr);
  });

  it('is contributed for Markdown and the postmortem language', () => {
    const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
      contributes: { grammars: Array<{ language?: string; scopeName: string; path: string; injectTo?: string[] }> };
    };
    const grammars = manifest.contributes.grammars;
    const language = grammars.find((entry) => entry.language === 'postmortem');
    assert.equal(language?.scopeName, 'text.html.markdown.postmortem');
    const injections = grammars.filter((entry) => entry.injectTo);
    assert.deepEqual(injections.map((entry) => entry.scopeName).sort(), ['postmortem.markdown.injection', 'postmortem.markdown.sections.injection']);
    for (const entry of grammars) {
      const grammar = JSON.parse(readFileSync(join(ROOT, entry.path), 'utf8')) as { scopeName: string };
      assert.equal(grammar.scopeName, entry.scopeName, entry.path);
      if (entry.injectTo) assert.deepEqual(entry.injectTo, ['text.html.markdown', 'text.html.markdown.postmortem']);
    }
  });
});

describe('grammar: section titles agree with the analyser', () => {
  /** Every heading title in the test fixtures, plus the wordings the model tests name. */
  function titles(): string[] {
    const found = new Set<string>([
      'Issue Summary',
      'Executive Summary',
      'TL;DR',
      'Incident Summary',
      'Resumen del Incidente',
      'Timeline',
      'Detailed Timeline',
      'Root Cause',
      'Root Cause Analysis',
      'Contributing Factors',
      'Root cause and resolution',
      'Resolution and recovery',
      'Preventive Actions',
      'Corrective measures and prevention',
      'Corrective and Preventative Measures',
      'Action Items',
      'Follow-up',
      'Next steps',
      'Lessons Learned',
      'Impact',
      'Follow-up Actions',
      'Action Items & Follow-ups',
      'Remediation Actions',
      'Postmortem Action Items',
      'Impact Summary',
      'Chronology of events',
      'Mitigation and Resolution',
      'Resolution Steps',
      'Root Causes',
      'Trigger',
      'Detection',
      'What went well',
      'Where we got lucky',
      'Supporting information',
      'Blog Summary',
      'Duration',
      'Overview',
      'Incident Overview',
      'Timeline of the outage',
      'Causa raíz',
      'Leçons apprises',
      'How it was fixed',
      'Recommended mitigations for the platform team',
      'Summary of the incident',
      'Impacted services',
      'Key takeaways',
      'RCA',
    ]);
    const dir = join(ROOT, 'test', 'fixtures');
    for (const name of (readdirSync(dir, { recursive: true }) as string[]).filter((file) => file.endsWith('.md'))) {
      for (const line of readFileSync(join(dir, name), 'utf8').split(/\r?\n/)) {
        const heading = /^#{1,6}\s+(.+)$/.exec(line);
        if (heading) found.add(heading[1]);
      }
    }
    return [...found];
  }

  it('the title words of the grammar match exactly the titles classifyTitle recognises', async () => {
    const module = (await import(pathToFileURL(join(ROOT, 'syntaxes', 'build-grammar.mjs')).href)) as { TITLE_ALTERNATIVES: string[] };
    const grammarTitle = new RegExp(`^(?:${module.TITLE_ALTERNATIVES.join('|')})$`, 'i');
    const checked = titles()
      .map((raw) => normalizeTitle(raw).title)
      .filter((title) => title.length > 0 && title.length <= 80);
    assert.ok(checked.length >= 50);
    const disagreements = checked.filter((title) => (classifyTitle(title) !== null) !== grammarTitle.test(title));
    assert.deepEqual(disagreements, []);
  });
});
