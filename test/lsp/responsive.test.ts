/**
 * The server answers one document while it checks another, and drops the check of a version a
 * newer one superseded (issue 14): the real bundled server, over stdio. Orders of events, not
 * times: a hover on a small report is answered before a large report's first diagnostics.
 */
import { strict as assert } from 'node:assert';
import { generateLongTimeline, generatePostmortem } from '../../bench/generate';
import { analyze, codeLenses, documentSymbols, hoverAt, RULES } from '../../server/src/analysis/index';
import { PREVIEW_METHOD, STATUS_METHOD, type PreviewResult, type StatusResult } from '../../server/src/protocol';
import { renderPreview } from '../../server/src/preview/render';
import { LspClient } from './client';

const SMALL_URI = 'file:///work/small.postmortem.md';
const SMALL = '# Outage\n\n## Summary\n\nFrom 10:00 to 11:00 UTC on 2024-05-01.\n\n## Timeline\n\n- 10:15 UTC: paged\n- 10:40 UTC: fixed\n';
const BIG_URI = 'file:///work/big.postmortem.md';

type Hover = { contents: { value: string } } | null;

/** Hovers the small report's first entry (its 10:15), noting in `events` when it is answered. */
async function hoverSmall(client: LspClient, events: string[], note: string): Promise<Hover> {
  const answer = await client.request<Hover>('textDocument/hover', { textDocument: { uri: SMALL_URI }, position: { line: 8, character: 4 } });
  events.push(note);
  return answer;
}

/** `request`, noting in `events` when it is answered. */
function noted<T>(events: string[], note: string, request: Promise<T>): Promise<T> {
  return request.then((answer) => {
    events.push(note);
    return answer;
  });
}

/** Opens a report and waits for its first diagnostics. */
async function openChecked(client: LspClient, uri: string, text: string): Promise<void> {
  await client.open(uri, text, 'postmortem');
  await client.latest(uri, (params) => params.version === 1);
}

describe('language server: one large report does not hold up the others', () => {
  let client: LspClient;
  let big: string;

  before(async () => {
    big = generatePostmortem(1_500_000, 5);
    client = new LspClient();
    // No workspace/configuration: the check starts as the document opens, with nothing to await first.
    client.configuration = { debounceMs: 0 };
    await client.initialize({});
    await openChecked(client, SMALL_URI, SMALL);
  });

  after(async () => {
    await client.stop();
  });

  it('answers a hover on a small report before the first diagnostics of a large one it checks meanwhile', async () => {
    const events: string[] = [];
    const opened = client
      .open(BIG_URI, big, 'postmortem')
      .then(() => client.latest(BIG_URI, (params) => params.version === 1))
      .then(() => events.push('large report checked'));
    const answer = await hoverSmall(client, events, 'hover answered');
    await opened;
    assert.ok(answer?.contents.value.includes('10:15'), JSON.stringify(answer));
    assert.deepEqual(events, ['hover answered', 'large report checked']);
    await client.close(BIG_URI);
  });

  it('answers a hover on a small report while a long timeline is read again after an edit that changes its zone', async () => {
    // With every rule off, what is left of the check is parsing the edit (one chunk) and reading
    // the model: reading 20,000 entries again (each piece now starts in a known zone) is many steps,
    // and the hover gets in between. A model read in one go would be published before the hover is read.
    const rulesOff = new LspClient();
    rulesOff.configuration = { debounceMs: 0, rules: Object.fromEntries(RULES.map((rule) => [rule.id, 'off'])) };
    await rulesOff.initialize({ workspace: { configuration: true } });
    try {
      await rulesOff.open(SMALL_URI, SMALL, 'postmortem');
      const uri = 'file:///work/long-timeline.postmortem.md';
      const long = generateLongTimeline(20_000);
      assert.equal(long.split('\n')[6], '## Timeline');
      await openChecked(rulesOff, uri, long);
      const events: string[] = [];
      const version = await rulesOff.edit(uri, { start: { line: 6, character: 11 }, end: { line: 6, character: 11 } }, ' (all times UTC)');
      const checked = rulesOff.latest(uri, (params) => params.version === version).then(() => events.push('edit checked'));
      const answer = await hoverSmall(rulesOff, events, 'hover answered');
      await checked;
      assert.ok(answer?.contents.value.includes('10:15'), JSON.stringify(answer));
      assert.deepEqual(events, ['hover answered', 'edit checked']);
    } finally {
      await rulesOff.stop();
    }
  });

  it('answers a hover on a small report before a request on the large one that waits for its check', async () => {
    // Folding ranges need the large report's analysis: the request waits for the check under way,
    // which goes on in slices, instead of finishing it in one go ahead of every other request.
    const uri = 'file:///work/big3.postmortem.md';
    const events: string[] = [];
    await client.open(uri, big, 'postmortem');
    const folded = noted(events, 'large report folded', client.request<unknown[] | null>('textDocument/foldingRange', { textDocument: { uri } }));
    const hover = await hoverSmall(client, events, 'hover answered');
    const ranges = await folded;
    assert.ok(hover?.contents.value.includes('10:15'), JSON.stringify(hover));
    assert.ok(Array.isArray(ranges) && ranges.length > 0, JSON.stringify(ranges));
    assert.deepEqual(events, ['hover answered', 'large report folded']);
    await client.close(uri);
  });

  it('answers a hover on a small report before the status and code lens of a large one, whose metrics are built in slices', async () => {
    // The status item and the code lens read the report's metrics, built when first read: in one
    // go, they held every other document up for as long (1.5 s on a 20 MB report).
    const uri = 'file:///work/big5.postmortem.md';
    await openChecked(client, uri, big);
    const events: string[] = [];
    const status = noted(events, 'status answered', client.request<StatusResult>(STATUS_METHOD, { uri }));
    const lenses = noted(
      events,
      'code lens answered',
      client.request<Array<{ command: { title: string } }> | null>('textDocument/codeLens', { textDocument: { uri } }),
    );
    const hover = await hoverSmall(client, events, 'hover answered');
    const [statusResult, lensResult] = await Promise.all([status, lenses]);
    assert.ok(hover?.contents.value.includes('10:15'), JSON.stringify(hover));
    const { model } = analyze(big);
    assert.equal(statusResult.timedEntries, model.metrics.timedEntries);
    assert.equal(statusResult.openActionItems, model.metrics.openActionItems);
    assert.deepEqual(
      lensResult?.map((lens) => lens.command.title),
      codeLenses(model).map((lens) => lens.title),
    );
    assert.equal(events[0], 'hover answered', events.join(', '));
    assert.deepEqual([...events].sort(), ['code lens answered', 'hover answered', 'status answered']);
    await client.close(uri);
  });

  it('answers a hover on a small report before a hover on the Timeline heading of a large one, which shows its metrics', async () => {
    const uri = 'file:///work/big6.postmortem.md';
    await openChecked(client, uri, big);
    const line = big.split('\n').findIndex((text) => /^#+ .*timeline/i.test(text));
    assert.ok(line > 0, 'the generated report has a Timeline heading');
    const events: string[] = [];
    const heading = noted(events, 'heading hovered', client.request<Hover>('textDocument/hover', { textDocument: { uri }, position: { line, character: 4 } }));
    const small = await hoverSmall(client, events, 'small report hovered');
    const answer = await heading;
    const { model } = analyze(big);
    assert.ok(small?.contents.value.includes('10:15'), JSON.stringify(small));
    assert.equal(answer?.contents.value, hoverAt(model, model.doc.index.start(line) + 4)?.markdown);
    assert.deepEqual(events, ['small report hovered', 'heading hovered']);
    await client.close(uri);
  });

  it('answers a hover on a small report before the outline of a large one, whose entries are placed in slices', async () => {
    // The outline lists every timeline entry: placed and named in one go, they held every other
    // document up for as long. Its action items are built first here (the status item asks for
    // them), so that what is left is the outline's own work: 60,000 entries, many slices' worth
    // however warm the server's code is (a report of 1.5 MB was one slice's once warm).
    const uri = 'file:///work/big7.postmortem.md';
    const long = generateLongTimeline(60_000);
    await openChecked(client, uri, long);
    await client.request<StatusResult>(STATUS_METHOD, { uri });
    const events: string[] = [];
    const outline = noted(
      events,
      'outline answered',
      client.request<Array<{ name: string; children?: Array<{ name: string }> }> | null>('textDocument/documentSymbol', { textDocument: { uri } }),
    );
    const small = await hoverSmall(client, events, 'small report hovered');
    const symbols = await outline;
    assert.ok(small?.contents.value.includes('10:15'), JSON.stringify(small));
    const names = (list: Array<{ name: string; children?: Array<{ name: string }> }>): string[] =>
      list.flatMap((symbol) => [symbol.name, ...names(symbol.children ?? [])]);
    const expected = documentSymbols(analyze(long).model);
    const expectedNames = (list: typeof expected): string[] => list.flatMap((symbol) => [symbol.name, ...expectedNames(symbol.children)]);
    assert.ok(expectedNames(expected).length > 60_000, 'the outline lists the timeline entries');
    assert.deepEqual(names(symbols ?? []), expectedNames(expected));
    assert.deepEqual(events, ['small report hovered', 'outline answered']);
    await client.close(uri);
  });

  it("answers a hover on a small report while a large one's preview is rendered, off the server's thread", async () => {
    // Rendering is a cold analysis and a Markdown pass over the whole report: seconds on a large one,
    // in which no other document was served.
    const uri = 'file:///work/big8.postmortem.md';
    await openChecked(client, uri, big);
    const events: string[] = [];
    const preview = noted(events, 'preview answered', client.request<PreviewResult | null>(PREVIEW_METHOD, { uri }));
    const small = await hoverSmall(client, events, 'small report hovered');
    const rendered = await preview;
    assert.ok(small?.contents.value.includes('10:15'), JSON.stringify(small));
    assert.equal(rendered?.version, 1);
    assert.equal(rendered?.bodyHtml, renderPreview(big).bodyHtml, 'the worker renders what the renderer renders');
    assert.deepEqual(events, ['small report hovered', 'preview answered']);
    await client.close(uri);
  });

  it('answers a request that waits for a check when its document is closed meanwhile', async () => {
    const uri = 'file:///work/big4.postmortem.md';
    await client.open(uri, big, 'postmortem');
    const symbols = client.request<unknown[] | null>('textDocument/documentSymbol', { textDocument: { uri } });
    await client.close(uri);
    assert.equal(await symbols, null);
  });

  it('stops checking a version a newer one replaced, and publishes only the newer', async () => {
    const uri = 'file:///work/big2.postmortem.md';
    await client.open(uri, big, 'postmortem');
    const version = await client.change(uri, `${big}\n## Lessons\n\nMore tests.\n`);
    await client.latest(uri, (params) => params.version === version);
    assert.deepEqual(
      (client.published.get(uri) ?? []).map((params) => params.version),
      [version],
    );
    await client.close(uri);
  });
});
