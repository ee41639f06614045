/**
 * The requests the extension makes instead of carrying the core itself (server/src/protocol.ts):
 * the preview's content, Insert Timeline Entry Now, New Postmortem's start time, and detection
 * through postmortem/status; and that the extension's bundle indeed carries no core.
 */
import { strict as assert } from 'node:assert';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { buildModel } from '../../server/src/analysis/model';
import { entryNow } from '../../server/src/analysis/providers/entryFormat';
import { readStart } from '../../server/src/analysis/providers/startTime';
import { renderPreview } from '../../server/src/preview/render';
import {
  PREVIEW_METHOD,
  READ_START_METHOD,
  STATUS_METHOD,
  TIMELINE_ENTRY_METHOD,
  type PreviewResult,
  type ReadStartResult,
  type StatusResult,
  type TimelineEntryResult,
} from '../../server/src/protocol';
import { applyEdits, LspClient, SERVER } from './client';

const ROOT = resolve(__dirname, '..', '..');

const REPORT = [
  '# Postmortem: Search outage',
  '',
  '## Summary',
  '',
  'From 10:15 to 10:45 UTC on 2026-03-05 search failed. [TODO]',
  '',
  '## Timeline (all times UTC)',
  '',
  '- 10:15: Alert fired.',
  '- 10:20: Found the bad deploy.',
  '- 10:45: Service restored.',
  '',
  '## Root Cause',
  '',
  'A bad index.',
  '',
].join('\n');

const NOW = '2026-03-05T11:02:00.000Z';

describe('language server: what the extension asks instead of parsing', function () {
  this.timeout(30_000);
  let client: LspClient;

  before(async function () {
    if (!existsSync(SERVER)) throw new Error(`${SERVER} is missing: run "node build.mjs" first (npm test does)`);
    client = new LspClient();
    await client.initialize({});
  });
  after(async () => client?.stop());

  it("renders the preview of an open report: the renderer's own output, for the version it has", async () => {
    const uri = 'file:///work/postmortems/preview.md';
    const published = client.diagnostics(uri);
    const version = await client.open(uri, REPORT);
    await published;
    const preview = await client.request<PreviewResult>(PREVIEW_METHOD, { uri });
    const expected = renderPreview(REPORT);
    assert.deepEqual(preview, { version, checked: true, bodyHtml: expected.bodyHtml, blockedImages: 0 });
    assert.match(preview.bodyHtml, /<svg/, 'with the timeline chart');
    assert.match(preview.bodyHtml, /pm-placeholder/, 'with the placeholders highlighted');
    // After an edit it renders the new text, at once (no waiting for the debounced check).
    const edited = await client.change(uri, REPORT.replace('Search outage', 'Search outage (edited)'));
    const after = await client.request<PreviewResult>(PREVIEW_METHOD, { uri });
    assert.equal(after.version, edited);
    assert.match(after.bodyHtml, /Search outage \(edited\)/);
    await client.close(uri);
  });

  it('follows only postmortems: onlyIfChecked answers null for an unrelated README, which it still renders when asked', async () => {
    const uri = 'file:///work/project/README.md';
    await client.open(uri, '# A project\n\nNot a postmortem.\n');
    assert.equal(await client.request<PreviewResult | null>(PREVIEW_METHOD, { uri, onlyIfChecked: true }), null);
    const shown = await client.request<PreviewResult>(PREVIEW_METHOD, { uri });
    assert.equal(shown.checked, false);
    assert.match(shown.bodyHtml, /Not a postmortem/);
    assert.equal((await client.request<StatusResult>(STATUS_METHOD, { uri })).checked, false, "detection is the status request's");
    await client.close(uri);
  });

  it('renders text sent with the request for a document it does not have, keeps remote images blocked unless allowed', async () => {
    const text = '# Notes\n\n![graph](https://example.com/g.png)\n';
    const blocked = await client.request<PreviewResult>(PREVIEW_METHOD, { uri: 'output:notes', text });
    assert.deepEqual(
      { version: blocked.version, checked: blocked.checked, blockedImages: blocked.blockedImages },
      { version: null, checked: false, blockedImages: 1 },
    );
    assert.doesNotMatch(blocked.bodyHtml, /<img/);
    const allowed = await client.request<PreviewResult>(PREVIEW_METHOD, { uri: 'output:notes', text, allowRemoteImages: true });
    assert.match(allowed.bodyHtml, /<img src="https:\/\/example.com\/g.png"/);
    // Neither document nor text: nothing to render, and no crash.
    assert.equal(await client.request<PreviewResult | null>(PREVIEW_METHOD, { uri: 'file:///nowhere.md' }), null);
    assert.equal(await client.request<PreviewResult | null>(PREVIEW_METHOD, null), null);
  });

  it("writes the timeline entry for Insert Entry in the report's format, where the core puts it", async () => {
    const uri = 'file:///work/postmortems/entry.md';
    const version = await client.open(uri, REPORT);
    const answer = await client.request<TimelineEntryResult>(TIMELINE_ENTRY_METHOD, { uri, now: NOW });
    const expected = entryNow(buildModel(REPORT), new Date(NOW))!;
    assert.equal(answer.version, version);
    assert.ok(answer.insertion);
    assert.equal(answer.insertion.newText, expected.newText);
    assert.equal(answer.insertion.newText.slice(answer.insertion.selectStart, answer.insertion.selectEnd), 'What happened');
    const text = applyEdits(REPORT, [{ range: { start: answer.insertion.position, end: answer.insertion.position }, newText: answer.insertion.newText }]);
    assert.match(text, /- 10:45: Service restored\.\n- 11:02: What happened\n/);
    // No Timeline section: no insertion, said so.
    const bare = 'file:///work/postmortems/bare.md';
    await client.open(bare, '# Outage\n\n## Summary\n\nIt broke.\n');
    assert.deepEqual((await client.request<TimelineEntryResult>(TIMELINE_ENTRY_METHOD, { uri: bare, now: NOW })).insertion, null);
    await client.close(uri);
    await client.close(bare);
  });

  it('writes the entry for text sent with the request, with CRLF line ends counted as the editor counts them', async () => {
    const text = REPORT.replace(/\n/g, '\r\n');
    const answer = await client.request<TimelineEntryResult>(TIMELINE_ENTRY_METHOD, { uri: 'untitled:Untitled-9', text, now: NOW });
    assert.equal(answer.version, null);
    assert.deepEqual(answer.insertion?.position, { line: 10, character: '- 10:45: Service restored.'.length });
    assert.match(answer.insertion!.newText, /^\r\n- 11:02: What happened$/);
  });

  it("reads New Postmortem's start time with the core, as the unit tests of readStart expect", async () => {
    for (const [value, date] of [
      ['14:05 UTC', '2026-11-20'],
      ['9:30 AM PDT', '2026-07-01'],
      ['14:05 PDT', '2026-11-20'],
      ['25:10 UTC', undefined],
      ['', undefined],
    ] as const) {
      assert.deepEqual(await client.request<ReadStartResult>(READ_START_METHOD, { value, date }), readStart(value, date), value);
    }
    assert.deepEqual(await client.request<ReadStartResult>(READ_START_METHOD, null), { start: null, problem: null });
    assert.deepEqual(client.errors, []);
  });
});

describe('the extension bundles', () => {
  const bundle = join(ROOT, 'out', 'client.js');
  const languageClient = join(ROOT, 'out', 'languageClient.js');
  const previewShell = join(ROOT, 'out', 'previewShell.js');

  it('carry no copy of the core, the Markdown parser or date-fns (they ask the server)', function () {
    for (const file of [bundle, languageClient, previewShell]) {
      if (!existsSync(file)) throw new Error(`${file} is missing: run "node build.mjs" first (npm test does)`);
      const text = readFileSync(file, 'utf8');
      // esbuild names every bundled module's path in a comment (in the development build that npm test makes).
      for (const marker of [
        'server/src/analysis/',
        'server/src/preview/',
        'node_modules/micromark',
        'node_modules/remark-',
        'node_modules/mdast-util-from-markdown',
        'node_modules/date-fns',
        'node_modules/@date-fns',
      ]) {
        assert.ok(!text.includes(marker), `${file} bundles ${marker}`);
      }
      // The one server file any may include: the protocol's types and constants.
      const serverFiles = [...text.matchAll(/^\/\/ (server\/src\/[\w/.-]+)$/gm)].map((match) => match[1]);
      assert.deepEqual(
        [...new Set(serverFiles)].filter((name) => name !== 'server/src/protocol.ts'),
        [],
        file,
      );
    }
    // The language client is most of the code (about 0.9 MB here) and the preview shell's HTML
    // toolchain most of the rest: each has a bundle of its own, which the entry loads when needed
    // (client/src/bundles.ts), and the entry has no copy of either.
    assert.ok(statSync(languageClient).size < 1_300_000, `out/languageClient.js is ${statSync(languageClient).size} bytes`);
    const entry = readFileSync(bundle, 'utf8');
    for (const [library, file] of [
      ['vscode-languageclient', languageClient],
      ['unified', previewShell],
      ['hast-util-to-html', previewShell],
    ] as const) {
      assert.ok(!entry.includes(`node_modules/${library}/`), `out/client.js bundles ${library}`);
      assert.ok(readFileSync(file, 'utf8').includes(`node_modules/${library}/`), `${file} holds ${library}`);
    }
  });
});
