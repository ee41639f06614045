/**
 * Shutdown over stdio, as the LSP spec has it: every request received before `shutdown` is
 * answered before `shutdown` is, and a request after it gets InvalidRequest (-32600). Ordered by
 * the protocol, not by time: the requests wait on the server's workspace/configuration request,
 * which the client answers only once it has sent `shutdown`.
 */
import { strict as assert } from 'node:assert';
import { existsSync } from 'node:fs';
import { ErrorCodes, ResponseError, type CompletionItem, type DocumentSymbol, type Hover } from 'vscode-languageserver-protocol/node';
import { LspClient, SERVER } from './client';

const REPORT = [
  '# Postmortem: Search outage',
  '',
  '## Issue Summary',
  '',
  '- Duration: 30 minutes (10:15 AM - 10:45 AM UTC)',
  '',
  '## Timeline',
  '',
  '- 10:15 AM UTC: Alert fired.',
  '- 10:45 AM UTC: Service restored.',
  '',
].join('\n');

const ROUNDS = 5;
const REQUESTS = 12;

/** The i-th request of a round: hover on a time, completion, or the outline, in turn. */
function request(uri: string, i: number): { method: string; params: unknown } {
  const textDocument = { uri };
  if (i % 3 === 0) return { method: 'textDocument/hover', params: { textDocument, position: { line: 8, character: 4 } } };
  if (i % 3 === 1) return { method: 'textDocument/completion', params: { textDocument, position: { line: 10, character: 0 } } };
  return { method: 'textDocument/documentSymbol', params: { textDocument } };
}

describe('language server: shutdown', function () {
  let client: LspClient | null = null;

  before(() => {
    if (!existsSync(SERVER)) throw new Error(`${SERVER} is missing: run "node build.mjs" first (npm test does)`);
  });
  afterEach(() => {
    if (client && client.process.exitCode === null) client.process.kill();
    client?.connection.dispose();
    client = null;
  });

  for (let round = 1; round <= ROUNDS; round++) {
    it(`round ${round}: answers ${REQUESTS} requests sent before shutdown first, refuses one after it, exits with 0`, async () => {
      const current = (client = new LspClient());
      let shutdownSent!: () => void;
      const sent = new Promise<void>((resolve) => (shutdownSent = resolve));
      current.connection.onRequest('workspace/configuration', async (params: { items: unknown[] }) => {
        await sent;
        return params.items.map(() => null);
      });
      await current.initialize({ workspace: { configuration: true } });
      const uri = `file:///work/postmortems/shutdown-${round}.md`;
      await current.open(uri, REPORT);

      const answered: string[] = [];
      const requests = Array.from({ length: REQUESTS }, (_, i) => {
        const { method, params } = request(uri, i);
        return current.request<unknown>(method, params).then((result) => {
          answered.push(`${method} #${i}`);
          return result;
        });
      });
      const shutdown = current.request<null>('shutdown', undefined).then(() => answered.push('shutdown'));
      shutdownSent();
      await shutdown;
      assert.equal(answered.at(-1), 'shutdown');
      assert.equal(answered.length, REQUESTS + 1, `answered before shutdown: ${answered.join(', ')}`);

      // They were served, not refused: each got its result.
      const results = await Promise.all(requests);
      results.forEach((result, i) => {
        if (i % 3 === 0) assert.match(((result as Hover).contents as { value: string }).value, /UTC/);
        else if (i % 3 === 1) assert.ok((result as CompletionItem[]).length > 0, 'completion items');
        else
          assert.ok(
            (result as DocumentSymbol[]).some((symbol) => symbol.name === 'Timeline entries'),
            'the outline',
          );
      });

      for (const late of [request(uri, round % 3), { method: 'shutdown', params: undefined }]) {
        await assert.rejects(current.request(late.method, late.params), (error: unknown) => {
          assert.ok(error instanceof ResponseError, String(error));
          assert.equal(error.code, ErrorCodes.InvalidRequest, `${late.method} after shutdown: ${error.message}`);
          return true;
        });
      }

      const exitCode = new Promise<number | null>((resolve) => current.process.on('exit', (code) => resolve(code)));
      await current.connection.sendNotification('exit');
      assert.equal(await exitCode, 0);
    });
  }
});
