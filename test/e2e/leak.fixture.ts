/**
 * Run by test/e2e/cleanup.test.ts as a mocha suite of its own: a test that starts a language server
 * and forgets to stop it. With the root hooks (hooks.ts) the run still ends, and the server with it.
 */
import { LspClient } from '../lsp/client';

it('starts a language server and leaves it running', async () => {
  const client = new LspClient();
  await client.initialize({});
  console.log(`server ${client.process.pid}`);
});
