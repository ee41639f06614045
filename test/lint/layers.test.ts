/**
 * The layers of docs/architecture.md hold because ESLint's no-restricted-imports says so: each
 * layer is shown a deliberate violation, which must fail, and an import it may make, which must pass.
 */
import { strict as assert } from 'node:assert';
import { join } from 'node:path';
import { ESLint } from 'eslint';

const ROOT = join(__dirname, '..', '..');

async function importErrors(file: string, source: string): Promise<string[]> {
  const eslint = new ESLint({ cwd: ROOT });
  const [result] = await eslint.lintText(`${source}\nexport const used = value;\n`, { filePath: join(ROOT, file) });
  return result.messages.filter((message) => message.ruleId === 'no-restricted-imports').map((message) => message.message);
}

describe('the layers, as the linter enforces them', function () {
  // Loading typescript-eslint takes seconds on a busy machine: a hang guard, not a speed test.
  this.timeout(120_000);

  it('a rule may not import the parser, the carry machinery or the timeline pieces, only the query layer', async () => {
    for (const module of ['../parse', '../incremental/carry', '../timeline', '../incremental/blocks']) {
      const errors = await importErrors('server/src/analysis/rules/new-rule.ts', `import { value } from '${module}';`);
      assert.equal(errors.length, 1, `${module}: ${errors.join('; ')}`);
      assert.match(errors[0], /ask the model through \.\.\/query/);
    }
    assert.deepEqual(await importErrors('server/src/analysis/rules/new-rule.ts', "import { value } from '../query';"), []);
    assert.equal((await importErrors('server/src/analysis/providers/new-provider.ts', "import { value } from '../timeline';")).length, 1);
  });

  it('the core imports no editor API and nothing outside itself', async () => {
    assert.equal((await importErrors('server/src/analysis/new.ts', "import { value } from 'vscode-languageserver';")).length, 1);
    assert.equal((await importErrors('server/src/analysis/new.ts', "import { value } from '../server';")).length, 1);
    assert.equal((await importErrors('server/src/analysis/rules/new-rule.ts', "import { value } from '../../settings';")).length, 1);
  });

  it('the server and the CLI go through analysis/index.ts, the one door', async () => {
    assert.equal((await importErrors('server/src/features/new.ts', "import { value } from '../analysis/timeline';")).length, 1);
    assert.equal((await importErrors('server/src/new.ts', "import { value } from './analysis/parse';")).length, 1);
    assert.deepEqual(await importErrors('server/src/features/new.ts', "import { value } from '../analysis/index';"), []);
  });

  it('the client imports nothing of the server but its protocol', async () => {
    assert.equal((await importErrors('client/src/new.ts', "import { value } from '../../server/src/analysis/index';")).length, 1);
    assert.deepEqual(await importErrors('client/src/new.ts', "import { value } from '../../server/src/protocol';"), []);
  });
});
