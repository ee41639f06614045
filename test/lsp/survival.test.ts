/**
 * Server survival: rapid open/change/close storms with requests fired in between and never
 * awaited one by one, malformed edits (inverted and out-of-range ranges, changes to documents
 * never opened), and huge documents. Afterwards every open document's published diagnostics
 * must equal a cold analysis of the text the client holds, every closed one must be cleared,
 * every request must have been answered (a result or an error response), and the server must
 * still answer. Waits are on notifications and responses, never on sleeps.
 */
import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ResponseError, type PublishDiagnosticsParams } from 'vscode-languageserver-protocol/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { analyze } from '../../server/src/analysis/index';
import { STATUS_METHOD, type StatusResult } from '../../server/src/protocol';
import { generatePostmortem } from '../../bench/generate';
import { mulberry32 } from '../support/random';
import { LspClient } from './client';

const FIXTURES = join(__dirname, '..', 'fixtures');
const SEED = 20261121;
const OPERATIONS = 1500;
const REQUESTS = [
  'textDocument/hover',
  'textDocument/completion',
  'textDocument/documentSymbol',
  'textDocument/foldingRange',
  'textDocument/codeAction',
  'textDocument/codeLens',
  'textDocument/selectionRange',
  STATUS_METHOD,
];

type Settled = PromiseSettledResult<unknown>;

/** Observes a request's outcome at once, so that an error response is never an unhandled rejection. */
function settle(request: Promise<unknown>): Promise<Settled> {
  return request.then(
    (value) => ({ status: 'fulfilled', value }) as const,
    (reason: unknown) => ({ status: 'rejected', reason }) as const,
  );
}

/**
 * The text after an LSP edit, as vscode-languageserver-textdocument applies it, in a fresh
 * document: its incremental line offsets are wrong after a range past the last line (1.0.16),
 * though its text is right, and the expected positions are computed from them.
 */
function applied(
  document: TextDocument,
  change: { range?: { start: { line: number; character: number }; end: { line: number; character: number } }; text: string },
  version: number,
): TextDocument {
  return TextDocument.create(document.uri, document.languageId, version, TextDocument.update(document, [change], version).getText());
}

/** What the client believes each document is; `TextDocument.update` is the reference for applying LSP edits. */
interface Mirror {
  uri: string;
  document: TextDocument;
  open: boolean;
}

/** The diagnostics a cold analysis of `text` gives, as the server should publish them. */
function expected(document: TextDocument): string[] {
  return analyze(document.getText(), { now: new Date() })
    .diagnostics.map((d) => {
      const start = document.positionAt(d.start);
      const end = document.positionAt(d.end);
      return `${start.line}:${start.character}-${end.line}:${end.character} ${d.rule} ${d.message}`;
    })
    .sort();
}

function published(params: PublishDiagnosticsParams): string[] {
  return params.diagnostics
    .map((d) => `${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character} ${String(d.code)} ${d.message}`)
    .sort();
}

/** A position anywhere: inside the text mostly, sometimes past a line's end or past the last line. */
function randomPosition(random: () => number, document: TextDocument): { line: number; character: number } {
  const roll = random();
  if (roll < 0.05) return { line: document.lineCount + Math.floor(random() * 100), character: Math.floor(random() * 100) };
  if (roll < 0.1) return { line: Math.floor(random() * document.lineCount), character: 10_000 };
  return document.positionAt(Math.floor(random() * (document.getText().length + 1)));
}

describe('language server survival', function () {
  let client: LspClient;

  beforeEach(async () => {
    client = new LspClient();
    client.configuration = { debounceMs: 5 };
    await client.initialize({ workspace: { configuration: true } });
  });
  afterEach(async () => client?.stop());

  it('survives an open/change/close storm with requests in flight, and ends on the cold analysis of each text', async () => {
    const random = mulberry32(SEED);
    const texts = readdirSync(FIXTURES)
      .filter((name) => name.endsWith('.md'))
      .sort()
      .map((name) => readFileSync(join(FIXTURES, name), 'utf8'));
    const mirrors: Mirror[] = texts.map((text, i) => ({
      uri: `file:///work/postmortems/storm-${i}.md`,
      document: TextDocument.create(`file:///work/postmortems/storm-${i}.md`, 'markdown', 1, text),
      open: false,
    }));
    const requests: Array<Promise<Settled>> = [];
    const counts = { edits: 0, inverted: 0, outside: 0, replaced: 0, closed: 0, reopened: 0, requests: 0, unopened: 0 };

    for (const mirror of mirrors) {
      await client.open(mirror.uri, mirror.document.getText());
      mirror.open = true;
    }
    for (let i = 0; i < OPERATIONS; i++) {
      const mirror = mirrors[Math.floor(random() * mirrors.length)];
      const roll = random();
      if (!mirror.open) {
        if (roll < 0.3) {
          // A change to a closed document is ignored: there is nothing to apply it to.
          await client.connection.sendNotification('textDocument/didChange', {
            textDocument: { uri: mirror.uri, version: 999 },
            contentChanges: [{ text: 'ignored' }],
          });
          counts.unopened++;
        } else {
          const version = await client.open(mirror.uri, mirror.document.getText());
          mirror.document = TextDocument.create(mirror.uri, 'markdown', version, mirror.document.getText());
          mirror.open = true;
          counts.reopened++;
        }
      } else if (roll < 0.55) {
        let start = randomPosition(random, mirror.document);
        let end = random() < 0.7 ? start : randomPosition(random, mirror.document);
        const inverted = mirror.document.offsetAt(end) < mirror.document.offsetAt(start);
        // Editors send start <= end; a sloppy client may not. Half the time keep it inverted.
        if (inverted && random() < 0.5) [start, end] = [end, start];
        if (mirror.document.offsetAt(end) < mirror.document.offsetAt(start)) counts.inverted++;
        if (start.line >= mirror.document.lineCount || end.line >= mirror.document.lineCount) counts.outside++;
        const pieces = ['x', '\n', '', '10:15 UTC', '- 10:20 UTC: ', '## Timeline\n', '\r\n', '😀', '\u2022\t', ' '];
        const inserted = pieces[Math.floor(random() * pieces.length)];
        const version = await client.edit(mirror.uri, { start, end }, inserted);
        mirror.document = applied(mirror.document, { range: { start, end }, text: inserted }, version);
        counts.edits++;
      } else if (roll < 0.6) {
        const replacement = texts[Math.floor(random() * texts.length)];
        const version = await client.change(mirror.uri, replacement);
        mirror.document = applied(mirror.document, { text: replacement }, version);
        counts.replaced++;
      } else if (roll < 0.65) {
        await client.close(mirror.uri);
        mirror.open = false;
        counts.closed++;
      } else {
        const method = REQUESTS[Math.floor(random() * REQUESTS.length)];
        const position = randomPosition(random, mirror.document);
        const params =
          method === 'textDocument/codeAction'
            ? { textDocument: { uri: mirror.uri }, range: { start: position, end: position }, context: { diagnostics: [] } }
            : method === 'textDocument/selectionRange'
              ? { textDocument: { uri: mirror.uri }, positions: [position] }
              : method === STATUS_METHOD
                ? { uri: mirror.uri }
                : { textDocument: { uri: mirror.uri }, position };
        requests.push(settle(client.request(method, params)));
        counts.requests++;
      }
    }

    // Every request was answered: with a result, or with an error response (never a dropped connection).
    const answers = await Promise.all(requests);
    const failures = answers.filter((answer): answer is PromiseRejectedResult => answer.status === 'rejected');
    for (const failure of failures) assert.ok(failure.reason instanceof ResponseError, `a request failed without an error response: ${String(failure.reason)}`);
    assert.equal(failures.length, 0, `requests answered with errors: ${failures.map((f) => String(f.reason)).join('; ')}`);

    for (const mirror of mirrors) {
      if (mirror.open) {
        const last = await client.latest(mirror.uri, (params) => params.version === mirror.document.version);
        assert.deepEqual(
          published(last),
          expected(mirror.document),
          `${mirror.uri} version ${mirror.document.version}: published diagnostics differ from a cold analysis`,
        );
      } else {
        // The status request waits for any open still in progress, so this is the server's final word.
        const status = await client.request<StatusResult>(STATUS_METHOD, { uri: mirror.uri });
        assert.equal(status.checked, false, `${mirror.uri} is closed but still served`);
        // Cleared: its last publication is empty, or it was closed before it was ever checked (closed
        // while its settings were fetched), so nothing was ever shown for it.
        const publications = client.published.get(mirror.uri);
        if (publications !== undefined)
          assert.equal(publications.at(-1)?.diagnostics.length, 0, `${mirror.uri} is closed but its diagnostics were not cleared`);
      }
    }
    assert.ok(
      counts.inverted > 0 && counts.outside > 0 && counts.closed > 0 && counts.reopened > 0 && counts.unopened > 0,
      `the storm should cover every kind of operation: ${JSON.stringify(counts)}`,
    );
    console.log(
      `      ${Object.entries(counts)
        .map(([kind, n]) => `${kind} ${n}`)
        .join(', ')}`,
    );
    assert.equal(client.process.exitCode, null, 'the server is still running');
    assert.deepEqual([...client.stderr.filter((line) => /error|failed/i.test(line)), ...client.errors], [], 'the server logged no errors');
    assert.ok(await client.request('textDocument/documentSymbol', { textDocument: { uri: mirrors.find((m) => m.open)!.uri } }));
  });

  it('survives malformed parameters on every method and notification, and still serves', async () => {
    const random = mulberry32(SEED + 1);
    const uri = 'file:///work/postmortems/garbage.md';
    const good = 'file:///work/postmortems/after-garbage.md';
    const text = readFileSync(join(FIXTURES, 'duration-mismatch-bold-labels.md'), 'utf8');
    await client.open(uri, text);
    const junk: unknown[] = [
      null,
      undefined,
      0,
      -1,
      1.5,
      Number.NaN,
      '',
      'x',
      [],
      {},
      { line: -1, character: -1 },
      { line: 1.5, character: 2 ** 40 },
      { line: '0', character: '0' },
      [1, 2],
      true,
    ];
    const pick = (): unknown => junk[Math.floor(random() * junk.length)];
    const positions = (): unknown => (random() < 0.5 ? pick() : { line: pick(), character: pick() });
    const methods = [
      'textDocument/hover',
      'textDocument/completion',
      'textDocument/documentSymbol',
      'textDocument/foldingRange',
      'textDocument/codeAction',
      'textDocument/codeLens',
      'textDocument/selectionRange',
      'textDocument/diagnostic',
      STATUS_METHOD,
      'completionItem/resolve',
      'codeLens/resolve',
      'workspace/executeCommand',
      'postmortem/noSuchMethod',
    ];
    const requests: Array<Promise<Settled>> = [];
    for (let i = 0; i < 400; i++) {
      const method = methods[i % methods.length];
      const params =
        random() < 0.2
          ? pick()
          : {
              textDocument: random() < 0.8 ? { uri } : pick(),
              position: positions(),
              positions: [positions()],
              range: { start: positions(), end: positions() },
              context: random() < 0.5 ? pick() : { diagnostics: pick(), only: pick() },
              uri: random() < 0.5 ? uri : pick(),
            };
      requests.push(settle(client.request(method, params)));
    }
    // Notifications get no answer: a bad one must simply do no harm, now or when its analysis runs later.
    const notifications: Array<[string, unknown]> = [
      ['textDocument/didOpen', { textDocument: { uri: 'file:///work/postmortems/bad-open.md', languageId: null, version: 'one', text: 42 } }],
      ['textDocument/didOpen', { textDocument: null }],
      ['textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: null }],
      [
        'textDocument/didChange',
        {
          textDocument: { uri, version: 3 },
          contentChanges: [{ range: { start: { line: -5, character: Number.NaN }, end: { line: 'x', character: 2 } }, text: 'y' }],
        },
      ],
      [
        'textDocument/didChange',
        { textDocument: { uri, version: 4 }, contentChanges: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: 5 }] },
      ],
      ['textDocument/didChange', { textDocument: { uri, version: 5 }, contentChanges: [{ text: null }] }],
      ['textDocument/didChange', { textDocument: { uri: 7, version: 6 }, contentChanges: [] }],
      ['textDocument/didClose', { textDocument: { uri: null } }],
      ['textDocument/didClose', {}],
      ['workspace/didChangeConfiguration', { settings: 'nonsense' }],
      ['workspace/didChangeWatchedFiles', { changes: 'nonsense' }],
      ['$/cancelRequest', { id: 'no-such-request' }],
      ['$/setTrace', { value: 42 }],
    ];
    for (const [method, params] of notifications) await client.connection.sendNotification(method, params);

    const answers = await Promise.all(requests);
    for (const answer of answers) {
      if (answer.status === 'rejected')
        assert.ok(answer.reason instanceof ResponseError, `answered with an error response, not a dropped connection: ${String(answer.reason)}`);
    }
    // A document opened and changed after the garbage: its analysis runs after every earlier one.
    await client.open(good, text);
    const version = await client.edit(good, { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, 'x');
    const published = await client.latest(good, (params) => params.version === version);
    assert.ok(published.diagnostics.length > 0);
    const status = await client.request<StatusResult>(STATUS_METHOD, { uri: good });
    assert.equal(status.checked, true);
    // What it could not use, it said so (our check of changes, or the protocol library refusing a
    // notification without its document), and nothing else failed: no analysis, open or publish.
    assert.ok(
      client.errors.some((message) => /ignored 1 malformed change/.test(message)),
      'the malformed changes are reported in the log',
    );
    const said = /ignored \d+ malformed change|^Notification handler 'textDocument\/did(?:Open|Change|Close)' failed/;
    assert.deepEqual(
      client.errors.filter((message) => !said.test(message)),
      [],
      'nothing else failed',
    );
    assert.equal(client.process.exitCode, null, 'the server is still running');
    console.log(
      `      ${answers.filter((a) => a.status === 'fulfilled').length} answered with a result, ${answers.filter((a) => a.status === 'rejected').length} with an error response`,
    );
  });

  it('serves huge documents: a 10 MB line and a 3 MB report, and still answers', async () => {
    const line = TextDocument.create('file:///work/postmortems/one-line.md', 'postmortem', 1, '10:15 '.repeat(10_000_000 / 6));
    const report = TextDocument.create('file:///work/postmortems/huge.md', 'postmortem', 1, `${generatePostmortem(3_000_000, 3)}\n##Resolution\n`);
    await client.open(line.uri, line.getText(), 'postmortem');
    await client.open(report.uri, report.getText(), 'postmortem');
    const first = await client.latest(report.uri, (params) => params.version === 1);
    assert.deepEqual(published(first), expected(report));
    assert.ok((await client.latest(line.uri, (params) => params.version === 1)).diagnostics.length >= 0);

    // Requests at the very end of each, and past it.
    for (const document of [line, report]) {
      const end = document.positionAt(document.getText().length);
      await client.request('textDocument/hover', { textDocument: { uri: document.uri }, position: end });
      assert.ok(
        Array.isArray(await client.request('textDocument/completion', { textDocument: { uri: document.uri }, position: { line: end.line + 5, character: 0 } })),
      );
    }
    // A keystroke in the middle of the report, then one that deletes the report's last heading's space.
    const middle = report.positionAt(Math.floor(report.getText().length / 2));
    let edited = applied(report, { range: { start: middle, end: middle }, text: 'x' }, await client.edit(report.uri, { start: middle, end: middle }, 'x'));
    const last = edited.positionAt(edited.getText().length);
    edited = applied(
      edited,
      { range: { start: last, end: last }, text: '## Lessons\n' },
      await client.edit(report.uri, { start: last, end: last }, '## Lessons\n'),
    );
    const after = await client.latest(report.uri, (params) => params.version === edited.version);
    assert.deepEqual(published(after), expected(edited));
    assert.equal(client.process.exitCode, null, 'the server is still running');
  });
});
