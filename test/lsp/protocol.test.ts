/**
 * Protocol tests: the real, bundled server as a child process, spoken to over stdio.
 */
import { strict as assert } from 'node:assert';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type {
  CodeAction,
  CodeLens,
  CompletionItem,
  Diagnostic as LspDiagnostic,
  DocumentSymbol,
  FoldingRange,
  Hover,
  InitializeResult,
  SelectionRange,
} from 'vscode-languageserver-protocol/node';
import { STATUS_METHOD, type StatusResult } from '../../server/src/protocol';
import { analyze } from '../../server/src/analysis/index';
import { describeMinutes } from '../../server/src/analysis/time';
import { track } from '../support/reaper';
import { applyEdits, LspClient, SERVER } from './client';

const ROOT = join(__dirname, '..', '..');
const SEEDS = join(ROOT, '..', 'shared', 'seeds');
const FIXTURES = join(ROOT, 'test', 'fixtures');

/** The documents to open: the seeds when ../shared is here, else the fixtures. */
function sampleDocuments(): Array<{ name: string; text: string }> {
  const dir = existsSync(SEEDS) ? SEEDS : FIXTURES;
  if (dir === FIXTURES) console.log('      (../shared/seeds is not here: using test/fixtures)');
  return readdirSync(dir)
    .filter((name) => /\.(txt|md)$/.test(name))
    .sort()
    .map((name) => ({ name, text: readFileSync(join(dir, name), 'utf8') }));
}

const uriFor = (name: string): string => `file:///work/postmortems/${name.replace(/\.txt$/, '.md')}`;

const REPORT = [
  '# Postmortem: Search outage',
  '',
  '## Issue Summary',
  '',
  '- Duration: 35 minutes (10:15 AM - 10:45 AM UTC)',
  '- Impact: searches failed.',
  '',
  '## Timeline',
  '',
  '- 10:15 AM UTC: Alert fired.',
  '- 10:30 AM UTC: Rolled back the deploy.',
  '- 10:20 AM UTC: Cause found.',
  '- 10:45 AM UTC: Service restored.',
  '',
  '##Resolution',
  '',
  'Rolled back.',
  '',
].join('\n');

describe('language server over stdio', function () {
  let client: LspClient;
  let init: InitializeResult;

  before(async function () {
    if (!existsSync(SERVER)) throw new Error(`${SERVER} is missing: run "node build.mjs" first (npm test does)`);
    client = new LspClient();
    init = await client.initialize({ textDocument: { completion: { completionItem: { snippetSupport: true } } } });
  });
  after(async () => client?.stop());

  it('announces every feature at initialize', () => {
    const capabilities = init.capabilities;
    assert.ok(capabilities.completionProvider && capabilities.hoverProvider && capabilities.documentSymbolProvider);
    assert.ok(capabilities.foldingRangeProvider && capabilities.selectionRangeProvider && capabilities.codeLensProvider);
    assert.deepEqual((capabilities.codeActionProvider as { codeActionKinds: string[] }).codeActionKinds, [
      'quickfix',
      'source.fixAll.postmortem',
      'source.postmortem.sortTimeline',
    ]);
    assert.equal(capabilities.diagnosticProvider, undefined, 'a client that does not pull gets pushed diagnostics');
  });

  it("publishes the core's diagnostics for every sample document", async () => {
    for (const { name, text } of sampleDocuments()) {
      const uri = uriFor(name);
      const published = client.diagnostics(uri);
      await client.open(uri, text);
      const params = await published;
      const expected = analyze(text)
        .diagnostics.map((d) => d.rule)
        .sort();
      assert.deepEqual(params.diagnostics.map((d) => String(d.code)).sort(), expected, name);
      for (const diagnostic of params.diagnostics) {
        assert.equal(diagnostic.source, 'postmortem');
        const message = String(diagnostic.message);
        assert.ok(message.length > 0 && !message.includes('\n'), 'one-line message');
      }
    }
  });

  it('serves no unrelated Markdown file, but does serve one that declares itself', async () => {
    const readme = 'file:///work/project/README.md';
    await client.open(readme, '# Project\n\n## Summary\n\nA library.\n\n## Timeline\n\n- 10:00 first release\n');
    assert.equal(await client.request('textDocument/documentSymbol', { textDocument: { uri: readme } }), null);
    const declared = 'file:///work/project/notes.md';
    const published = client.diagnostics(declared);
    await client.open(declared, '---\ntype: postmortem\n---\n\n# Outage\n');
    assert.ok((await published).diagnostics.some((d) => d.code === 'missing-section'));
    assert.equal(client.published.get(readme), undefined, 'nothing was published for the README');
  });

  it('answers postmortem/status with the counts and metrics the status item shows, and says when it does not check a file', async () => {
    const readme = 'file:///work/project/README.md';
    assert.deepEqual(await client.request<StatusResult>(STATUS_METHOD, { uri: readme }), {
      checked: false,
      errors: 0,
      warnings: 0,
      others: 0,
      durationMinutes: null,
      durationText: null,
      timedEntries: 0,
      openActionItems: 0,
    });
    const uri = 'file:///work/postmortems/status.md';
    const published = client.diagnostics(uri);
    await client.open(uri, REPORT);
    const diagnostics = (await published).diagnostics;
    const status = await client.request<StatusResult>(STATUS_METHOD, { uri });
    assert.equal(status.checked, true);
    assert.equal(status.errors, diagnostics.filter((d) => d.severity === 1).length);
    assert.equal(status.warnings, diagnostics.filter((d) => d.severity === 2).length);
    assert.equal(status.errors + status.warnings + status.others, diagnostics.length);
    assert.equal(status.durationMinutes, analyze(REPORT).model.metrics.durationMinutes);
    assert.equal(status.durationText, describeMinutes(status.durationMinutes!), "the status item's wording, from the server");
    assert.equal(status.timedEntries, 4);
    // Bad params are answered, not fatal.
    assert.equal((await client.request<StatusResult>(STATUS_METHOD, null)).checked, false);
    await client.close(uri);
  });

  describe('on one report', () => {
    const uri = 'file:///work/postmortems/search.md';
    before(async () => {
      const published = client.diagnostics(uri);
      await client.open(uri, REPORT);
      await published;
    });

    it('completes the missing sections at a line start, and only those, with a snippet', async () => {
      const items = await client.request<CompletionItem[]>('textDocument/completion', { textDocument: { uri }, position: { line: 17, character: 0 } });
      const sorted = [...items].sort((a, b) => (a.sortText ?? '').localeCompare(b.sortText ?? ''));
      // The report has a summary (and an impact field), a timeline and a resolution: the rest are missing.
      assert.deepEqual(
        sorted.map((item) => item.label),
        ['Root Cause', 'Corrective and Preventative Measures', 'Lessons Learned'],
      );
      assert.equal(sorted[0].insertTextFormat, 2, 'snippet');
      assert.match((sorted[0].textEdit as { newText: string }).newText, /^## Root Cause\n\n/);
    });

    it('completes a timezone after a time', async () => {
      const line = REPORT.split('\n')[4];
      const character = line.indexOf('10:45 AM ') + '10:45 AM '.length;
      const items = await client.request<CompletionItem[]>('textDocument/completion', { textDocument: { uri }, position: { line: 4, character } });
      assert.equal(items[0].label, 'UTC');
      assert.equal(items[0].detail, "This report's timezone");
    });

    it("completes a new timeline entry in the report's format", async () => {
      const text = REPORT.replace('- 10:45 AM UTC: Service restored.\n', '- 10:45 AM UTC: Service restored.\n- ');
      const version = await client.change(uri, text);
      await client.diagnostics(uri, version);
      const items = await client.request<CompletionItem[]>('textDocument/completion', { textDocument: { uri }, position: { line: 13, character: 2 } });
      const entry = items.find((item) => item.label === 'New timeline entry');
      assert.ok(entry, JSON.stringify(items.map((item) => item.label)));
      assert.match((entry.textEdit as { newText: string }).newText, /^- \$\{1:HH:MM AM\} \$\{2:UTC\}: /);
      // And one stamped now, by the server's clock, in the same format.
      const now = items.find((item) => item.label === 'Timeline entry now');
      assert.match((now?.textEdit as { newText: string }).newText, /^- \$\{1:\d{1,2}:\d{2} [AP]M\} \$\{2:UTC\}: /);
      await client.diagnostics(uri, await client.change(uri, REPORT));
    });

    it('hovers a timestamp with UTC and the offset from the start', async () => {
      const hover = await client.request<Hover>('textDocument/hover', { textDocument: { uri }, position: { line: 10, character: 4 } });
      const value = (hover.contents as { value: string }).value;
      assert.match(value, /- UTC: 10:30 AM|- UTC: 10:30/);
      assert.equal(value.match(/UTC/g)?.length, 1, `UTC said once: ${value}`);
      assert.match(value, /T\+15 min from the incident start/);
      const heading = await client.request<Hover>('textDocument/hover', { textDocument: { uri }, position: { line: 7, character: 5 } });
      assert.match((heading.contents as { value: string }).value, /\*\*Timeline\*\*: Timestamped entries/);
    });

    it('gives a Markdown document only what the Markdown outline lacks: the entries, under a name of their own', async () => {
      const symbols = await client.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri } });
      // "##Resolution" is no Markdown heading (no space), so only we list it.
      assert.deepEqual(
        symbols.map((symbol) => symbol.name),
        ['Timeline entries', 'Resolution'],
      );
      assert.deepEqual(
        symbols[0].children!.map((symbol) => symbol.name),
        ['10:15 AM', '10:30 AM', '10:20 AM', '10:45 AM'],
      );
    });

    it('gives a postmortem-language document the whole outline, with the entries under Timeline', async () => {
      const own = 'file:///work/postmortems/search.postmortem.md';
      const published = client.diagnostics(own);
      await client.open(own, REPORT, 'postmortem');
      await published;
      const symbols = await client.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri: own } });
      const top = symbols[0];
      assert.equal(top.name, 'Postmortem: Search outage');
      const timeline = top.children!.find((symbol) => symbol.name === 'Timeline')!;
      assert.equal(timeline.detail, '', 'the title says which section it is');
      assert.deepEqual(
        timeline.children!.map((symbol) => symbol.name),
        ['10:15 AM', '10:30 AM', '10:20 AM', '10:45 AM'],
      );
      await client.close(own);
    });

    it('folds sections and selects outward from a position', async () => {
      const folds = await client.request<FoldingRange[]>('textDocument/foldingRange', { textDocument: { uri } });
      assert.ok(
        folds.some((fold) => fold.startLine === 7 && fold.endLine === 12),
        JSON.stringify(folds),
      );
      const [selection] = await client.request<SelectionRange[]>('textDocument/selectionRange', {
        textDocument: { uri },
        positions: [{ line: 10, character: 3 }],
      });
      assert.equal(selection.range.start.line, 10);
      assert.ok(selection.parent?.parent, 'nested ranges');
    });

    it('shows duration and response times in a code lens on the Timeline heading', async () => {
      const lenses = await client.request<CodeLens[]>('textDocument/codeLens', { textDocument: { uri } });
      assert.equal(lenses.length, 1);
      assert.equal(lenses[0].range.start.line, 7);
      assert.match(
        lenses[0].command!.title,
        /^Duration 30 minutes · detected after 0 minutes \(10:15 AM, guessed from "Alert"\) · mitigated after 15 minutes \(10:30 AM, guessed from "Rolled back"\) · resolved after 30 minutes \(10:45 AM, guessed from "restored"\) · 4 entries$/,
      );
    });

    it('applies every quick fix: its diagnostic goes and the rest of the text stays', async () => {
      let text = REPORT;
      const initial = await client.request<CodeAction[]>('textDocument/codeAction', {
        textDocument: { uri },
        range: { start: { line: 0, character: 0 }, end: { line: 18, character: 0 } },
        context: { diagnostics: [], only: ['quickfix'] },
      });
      const rules = [...new Set(initial.map((action) => String(action.diagnostics![0].code)))].sort();
      assert.deepEqual(rules, ['duration-mismatch', 'heading-space', 'missing-section', 'out-of-order']);
      for (const rule of rules) {
        const actions = await client.request<CodeAction[]>('textDocument/codeAction', {
          textDocument: { uri },
          range: { start: { line: 0, character: 0 }, end: { line: 40, character: 0 } },
          context: { diagnostics: [], only: ['quickfix'] },
        });
        const action = actions.find((candidate) => String(candidate.diagnostics![0].code) === rule);
        if (!action) continue; // an earlier fix also removed this one (e.g. one sort fixes every out-of-order entry)
        const edits = action.edit!.changes![uri];
        const before = text;
        text = applyEdits(text, edits);
        const version = await client.change(uri, text);
        const after = await client.diagnostics(uri, version);
        assert.ok(!after.diagnostics.some((d) => d.code === rule && d.message === action.diagnostics![0].message), `${rule} still reported after its fix`);
        // Text before the first edit and after the last is unchanged.
        const first = Math.min(...edits.map((edit) => edit.range.start.line));
        assert.deepEqual(text.split('\n').slice(0, first), before.split('\n').slice(0, first));
      }
      await client.diagnostics(uri, await client.change(uri, REPORT));
    });

    it('offers one "Fix all" edit for the mechanical fixes', async () => {
      const actions = await client.request<CodeAction[]>('textDocument/codeAction', {
        textDocument: { uri },
        range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
        context: { diagnostics: [], only: ['source.fixAll'] },
      });
      assert.equal(actions.length, 1);
      const fixed = applyEdits(REPORT, actions[0].edit!.changes![uri]);
      const version = await client.change(uri, fixed);
      const after = await client.diagnostics(uri, version);
      assert.deepEqual(
        after.diagnostics.filter((d) => d.code === 'heading-space'),
        [],
      );
      // A duration fix needs the writer's judgement: it is a quick fix, not part of "Fix all".
      assert.equal(after.diagnostics.filter((d) => d.code === 'duration-mismatch').length, 1);
      await client.diagnostics(uri, await client.change(uri, REPORT));
    });

    it('offers "Sort the timeline" as a source action only while the timeline is out of order', async () => {
      const request = (): Promise<CodeAction[]> =>
        client.request<CodeAction[]>('textDocument/codeAction', {
          textDocument: { uri },
          range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
          context: { diagnostics: [], only: ['source.postmortem.sortTimeline'] },
        });
      const [sort, ...rest] = await request();
      assert.equal(rest.length, 0);
      assert.equal(sort.title, 'Sort the timeline by time');
      const sorted = applyEdits(REPORT, sort.edit!.changes![uri]);
      const version = await client.change(uri, sorted);
      const after = await client.diagnostics(uri, version);
      assert.deepEqual(
        after.diagnostics.filter((d) => d.code === 'out-of-order'),
        [],
      );
      assert.deepEqual(await request(), [], 'nothing to sort once sorted');
      // Quick fixes alone don't bring the source action.
      const quick = await client.request<CodeAction[]>('textDocument/codeAction', {
        textDocument: { uri },
        range: { start: { line: 0, character: 0 }, end: { line: 40, character: 0 } },
        context: { diagnostics: [], only: ['quickfix'] },
      });
      assert.ok(!quick.some((action) => action.kind === 'source.postmortem.sortTimeline'));
      await client.diagnostics(uri, await client.change(uri, REPORT));
    });
  });

  it('follows ranged edits (incremental sync) to the same diagnostics as a cold analysis', async () => {
    const uri = 'file:///work/postmortems/typing.md';
    let text = REPORT;
    const opened = client.diagnostics(uri);
    await client.open(uri, text);
    await opened;
    let seed = 11;
    const random = (): number => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed / 0x7fffffff;
    };
    let version = 1;
    for (let i = 0; i < 25; i++) {
      const lines = text.split('\n');
      const line = Math.floor(random() * lines.length);
      const character = Math.floor(random() * (lines[line].length + 1));
      const inserted = ['x', '\n', '- 10:50 AM UTC: more\n', ''][Math.floor(random() * 4)];
      const removing = inserted === '' && character < lines[line].length ? 1 : 0;
      const offset = lines.slice(0, line).reduce((sum, l) => sum + l.length + 1, 0) + character;
      text = text.slice(0, offset) + inserted + text.slice(offset + removing);
      version = await client.edit(uri, { start: { line, character }, end: { line, character: character + removing } }, inserted);
    }
    const published = await client.diagnostics(uri, version);
    const lineOf = (offset: number): number => text.slice(0, offset).split('\n').length - 1;
    const expected = analyze(text)
      .diagnostics.map((d) => `${lineOf(d.start)} ${d.rule}`)
      .sort();
    assert.deepEqual(published.diagnostics.map((d) => `${d.range.start.line} ${String(d.code)}`).sort(), expected);
  });

  describe('survives bad requests', () => {
    it('answers positions past the end, unknown documents and bad params without dying', async () => {
      const uri = 'file:///work/postmortems/search.md';
      const far = { line: 10_000, character: 10_000 };
      assert.ok(Array.isArray(await client.request('textDocument/completion', { textDocument: { uri }, position: far })));
      assert.equal(await client.request('textDocument/hover', { textDocument: { uri }, position: far }), null);
      assert.equal(await client.request('textDocument/hover', { textDocument: { uri: 'file:///nowhere.md' }, position: { line: 0, character: 0 } }), null);
      await assert.rejects(client.request('textDocument/hover', { nonsense: true }));
      await assert.rejects(client.request('postmortem/noSuchMethod', {}));
      const symbols = await client.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri } });
      assert.ok(symbols.length > 0, 'still serving');
    });

    it('survives a document closed while its analysis waits', async () => {
      const uri = 'file:///work/postmortems/closing.md';
      const published = client.diagnostics(uri);
      await client.open(uri, REPORT);
      await published;
      // Waits on the clearing publication itself, not on a timer polling for it.
      const cleared = client.latest(uri, (params) => params.diagnostics.length === 0);
      await client.change(uri, `${REPORT}\nmore`);
      await client.close(uri);
      await cleared;
      const symbols = await client.request('textDocument/documentSymbol', { textDocument: { uri } });
      assert.equal(symbols, null);
    });
  });
});

describe('language server: pull diagnostics and configuration', function () {
  let client: LspClient;
  let scratch: string;

  before(async () => {
    scratch = mkdtempSync(join(tmpdir(), 'postmortem-lsp-'));
    client = new LspClient();
    client.configuration = { rules: { 'heading-space': 'off' }, debounceMs: 10 };
    const init = await client.initialize({ workspace: { configuration: true }, textDocument: { diagnostic: {} } });
    assert.ok(init.capabilities.diagnosticProvider, 'a client that pulls gets a diagnostic provider');
  });
  after(async () => {
    await client?.stop();
    rmSync(scratch, { recursive: true, force: true });
  });

  it('answers textDocument/diagnostic with the configured rules applied', async () => {
    const uri = 'file:///work/postmortems/pulled.md';
    await client.open(uri, REPORT);
    const report = await client.request<{ kind: string; items: Array<{ code: string }> }>('textDocument/diagnostic', { textDocument: { uri } });
    assert.equal(report.kind, 'full');
    const codes = report.items.map((item) => item.code);
    assert.ok(codes.includes('out-of-order'));
    assert.ok(!codes.includes('heading-space'), 'turned off by the client setting');
  });

  it('lets .postmortemrc.json win over the client settings, and reports a broken one on the file itself', async () => {
    const dir = join(scratch, 'repo', 'postmortems');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(scratch, 'repo', '.postmortemrc.json'), JSON.stringify({ rules: { 'heading-space': 'error', 'out-of-order': 'off' } }));
    const uri = pathToFileURL(join(dir, 'a.md')).href;
    await client.open(uri, REPORT);
    const report = await client.request<{ items: Array<{ code: string; severity: number }> }>('textDocument/diagnostic', { textDocument: { uri } });
    assert.ok(!report.items.some((item) => item.code === 'out-of-order'));
    assert.equal(report.items.find((item) => item.code === 'heading-space')?.severity, 1);

    const brokenDir = join(scratch, 'broken', 'postmortems');
    mkdirSync(brokenDir, { recursive: true });
    const configPath = join(scratch, 'broken', '.postmortemrc.json');
    writeFileSync(configPath, '{"rules": {"no-such-rule": "error"}');
    const configDiagnostics = client.diagnostics(pathToFileURL(configPath).href);
    await client.open(pathToFileURL(join(brokenDir, 'b.md')).href, REPORT);
    const published = await configDiagnostics;
    assert.equal(published.diagnostics.length, 1);
    const [problem] = published.diagnostics;
    assert.match(String(problem.message), /is ignored until it is fixed: not valid JSON/);
    assert.equal(problem.code, 'config');
    assert.match(String(problem.codeDescription?.href), /docs\/rules\/config\.md$/);
    // The file stops short of its closing brace: the range is its last character, where JSON breaks.
    assert.deepEqual(problem.range, { start: { line: 0, character: 34 }, end: { line: 0, character: 35 } });

    // Valid JSON with a setting that does not exist: the range is that key.
    const strayDir = join(scratch, 'stray', 'postmortems');
    mkdirSync(strayDir, { recursive: true });
    const strayPath = join(scratch, 'stray', '.postmortemrc.json');
    writeFileSync(strayPath, '{\n  "rules": { "heading-space": "off" },\n  "plugins": ["./plugin.js"]\n}\n');
    const strayDiagnostics = client.diagnostics(pathToFileURL(strayPath).href);
    await client.open(pathToFileURL(join(strayDir, 'c.md')).href, REPORT);
    const stray = await strayDiagnostics;
    assert.equal(stray.diagnostics.length, 1);
    assert.match(String(stray.diagnostics[0].message), /unknown setting "plugins"/);
    assert.deepEqual(stray.diagnostics[0].range, { start: { line: 2, character: 2 }, end: { line: 2, character: 11 } });
  });
});

const MECHANICAL = [
  '# Postmortem: Cache outage',
  '',
  '##Issue Summary',
  '',
  'From 10:15 to 10:45 UTC on 2026-03-05 the cache was down.',
  '',
  '###Impact',
  '',
  '\u2022 Checkout failed.',
  '\u2022 Search was slow.',
  '',
  '## Timeline (all times UTC)',
  '',
  '- 10:15: Alert fired.',
  '- 10:30: Rolled back.',
  '- 10:20: Found the bad deploy.',
  '- 10:45: Service restored.',
  '',
  '## Root Cause',
  '',
  'A bad eviction setting.',
  '',
  '## Corrective and Preventative Measures',
  '',
  '- [ ] Add a canary (owner: @ana, due 2026-04-01)',
  '',
].join('\n');

describe('language server: quick fixes for a whole kind, sorting, turning a rule off, rule pages', function () {
  let client: LspClient;
  let scratch: string;
  let repo: string;
  const quickFixes = (uri: string, line: number, character = 0): Promise<CodeAction[]> =>
    client.request<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri },
      range: { start: { line, character }, end: { line, character } },
      context: { diagnostics: [], only: ['quickfix'] },
    });
  /** Opens MECHANICAL as `name` and returns the first diagnostic published with `code`. */
  const openWith = async (name: string, code: string): Promise<{ uri: string; diagnostic: LspDiagnostic }> => {
    const uri = pathToFileURL(join(repo, 'postmortems', name)).href;
    const published = client.diagnostics(uri);
    await client.open(uri, MECHANICAL);
    return { uri, diagnostic: (await published).diagnostics.find((d) => d.code === code)! };
  };

  before(async () => {
    scratch = mkdtempSync(join(tmpdir(), 'postmortem-lsp-actions-'));
    repo = join(scratch, 'repo');
    mkdirSync(join(repo, 'postmortems'), { recursive: true });
    client = new LspClient();
    await client.initialize(
      { workspace: { workspaceEdit: { documentChanges: true, resourceOperations: ['create'] }, didChangeWatchedFiles: { dynamicRegistration: false } } },
      pathToFileURL(repo).href,
    );
  });
  after(async () => {
    await client?.stop();
    rmSync(scratch, { recursive: true, force: true });
  });

  it('fixes every problem of a kind in the file in one action, and nothing else', async () => {
    const uri = pathToFileURL(join(repo, 'postmortems', 'kind.md')).href;
    const published = client.diagnostics(uri);
    await client.open(uri, MECHANICAL);
    await published;
    const actions = await quickFixes(uri, 2);
    assert.deepEqual(
      actions.filter((action) => String(action.diagnostics![0].code) === 'heading-space').map((action) => action.title),
      ['Insert a space after the heading marker', 'Fix all 2 heading-space problems in this file', 'Turn off heading-space in .postmortemrc.json'],
    );
    const all = actions.find((action) => action.title.startsWith('Fix all 2'))!;
    assert.equal(all.diagnostics!.length, 2);
    const fixed = applyEdits(MECHANICAL, all.edit!.changes![uri]);
    assert.equal(fixed, MECHANICAL.replace('##Issue', '## Issue').replace('###Impact', '### Impact'));
    const after = await client.diagnostics(uri, await client.change(uri, fixed));
    assert.deepEqual(
      after.diagnostics.filter((d) => d.code === 'heading-space'),
      [],
    );
    // One problem of a kind: no "fix all of this kind" beside its own fix.
    const bullets = await quickFixes(uri, 8);
    assert.deepEqual(
      bullets.filter((action) => action.title.startsWith('Fix all')),
      [],
    );
    await client.diagnostics(uri, await client.change(uri, MECHANICAL));
  });

  it('underlines what the word-bullets fix rewrites, and says what Fix All fixes', async () => {
    const { uri, diagnostic: bullets } = await openWith('bullets.md', 'word-bullets');
    assert.deepEqual(bullets.range, { start: { line: 8, character: 0 }, end: { line: 9, character: 2 } }, 'from the first bullet to the last one');
    const [fixAll] = await client.request<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri },
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      context: { diagnostics: [], only: ['source.fixAll'] },
    });
    assert.equal(fixAll.title, 'Fix 3 problems: 2 heading-space, 1 word-bullets');
  });

  it('sorts the timeline as the quick fix of an out-of-order entry', async () => {
    const { uri, diagnostic: outOfOrder } = await openWith('order.md', 'out-of-order');
    const sort = (await quickFixes(uri, outOfOrder.range.start.line, outOfOrder.range.start.character)).find(
      (action) => action.title === 'Sort the timeline by time',
    );
    assert.ok(sort?.edit, 'the sort is offered on the entry');
    const sorted = applyEdits(MECHANICAL, sort.edit.changes![uri]);
    assert.match(sorted, /- 10:15: Alert fired\.\n- 10:20: Found the bad deploy\.\n- 10:30: Rolled back\.\n- 10:45/);
    const after = await client.diagnostics(uri, await client.change(uri, sorted));
    assert.deepEqual(
      after.diagnostics.filter((d) => d.code === 'out-of-order'),
      [],
    );
  });

  it('links each diagnostic to its rule page, a file that exists', async () => {
    const uri = pathToFileURL(join(repo, 'postmortems', 'links.md')).href;
    const published = client.diagnostics(uri);
    await client.open(uri, MECHANICAL);
    const { diagnostics } = await published;
    assert.ok(diagnostics.length >= 4);
    for (const diagnostic of diagnostics) {
      const href = String(diagnostic.codeDescription?.href);
      assert.match(href, new RegExp(`/docs/rules/${String(diagnostic.code)}\\.md$`));
      assert.ok(existsSync(new URL(href)), href);
    }
  });

  it('turns a rule off by creating .postmortemrc.json at the workspace root, then by editing it in place', async () => {
    const { uri, diagnostic: outOfOrder } = await openWith('off.md', 'out-of-order');
    const off = (await quickFixes(uri, outOfOrder.range.start.line, outOfOrder.range.start.character)).find(
      (action) => action.title === 'Turn off out-of-order in .postmortemrc.json',
    );
    assert.ok(off?.edit?.documentChanges, 'an edit that creates the file');
    const configPath = join(repo, '.postmortemrc.json');
    const configUri = pathToFileURL(configPath).href;
    const [create, write] = off.edit.documentChanges as [{ kind: string; uri: string }, { textDocument: { uri: string }; edits: Array<{ newText: string }> }];
    assert.deepEqual([create.kind, create.uri, write.textDocument.uri], ['create', configUri, configUri]);
    // Do what the client does with the edit, and tell the server the file changed.
    writeFileSync(configPath, write.edits[0].newText);
    assert.deepEqual(JSON.parse(readFileSync(configPath, 'utf8')), { rules: { 'out-of-order': 'off' } });
    await client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: configUri, type: 1 }] });
    const without = await client.latest(uri, (params) => !params.diagnostics.some((d) => d.code === 'out-of-order'));
    assert.ok(
      without.diagnostics.some((d) => d.code === 'heading-space'),
      'the other rules still run',
    );

    // An existing file keeps everything else it says, its order and its four-space indent.
    const existing = '{\n    "requiredSections": ["summary", "timeline"],\n    "rules": {\n        "placeholder": "warning"\n    }\n}\n';
    writeFileSync(configPath, existing);
    await client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: configUri, type: 2 }] });
    const back = await client.latest(uri, (params) => params.diagnostics.some((d) => d.code === 'out-of-order'));
    const headingSpace = back.diagnostics.find((d) => d.code === 'heading-space')!;
    const offHeading = (await quickFixes(uri, headingSpace.range.start.line, headingSpace.range.start.character)).find(
      (action) => action.title === 'Turn off heading-space in .postmortemrc.json',
    );
    const edits = offHeading?.edit?.changes?.[configUri];
    assert.ok(edits, 'an edit of the file as it is');
    const edited = applyEdits(existing, edits);
    assert.deepEqual(JSON.parse(edited), { requiredSections: ['summary', 'timeline'], rules: { placeholder: 'warning', 'heading-space': 'off' } });
    assert.ok(
      edited.startsWith(
        '{\n    "requiredSections": ["summary", "timeline"],\n    "rules": {\n        "placeholder": "warning",\n        "heading-space": "off"',
      ),
      edited,
    );
  });
});

describe('language server: no debounce', function () {
  it('with debounceMs 0, checks every version as it arrives and publishes each, in order', async () => {
    const client = new LspClient();
    client.configuration = { debounceMs: 0 };
    try {
      await client.initialize({ workspace: { configuration: true } });
      const uri = 'file:///work/postmortems/undebounced.md';
      const opened = client.diagnostics(uri, 1);
      await client.open(uri, REPORT);
      await opened;
      // Five edits sent without waiting: a debounce would check only the last.
      const versions: number[] = [];
      let text = REPORT;
      for (let i = 0; i < 5; i++) {
        versions.push(await client.edit(uri, { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, 'x'));
        text = `x${text}`;
      }
      const last = await client.diagnostics(uri, versions.at(-1));
      // A debounce would have skipped the versions before the last one.
      assert.deepEqual(
        client.published.get(uri)!.map((params) => params.version),
        [1, ...versions],
      );
      assert.deepEqual(
        last.diagnostics.map((d) => String(d.code)).sort(),
        analyze(text)
          .diagnostics.map((d) => d.rule)
          .sort(),
      );
    } finally {
      await client.stop();
    }
  });
});

describe('language server over node IPC', function () {
  it('answers over IPC as over stdio', async () => {
    const { fork } = await import('node:child_process');
    const { createProtocolConnection, IPCMessageReader, IPCMessageWriter } = await import('vscode-languageserver-protocol/node');
    const child = fork(SERVER, ['--node-ipc'], { stdio: ['ignore', 'ignore', 'pipe', 'ipc'] });
    track(child);
    const connection = createProtocolConnection(new IPCMessageReader(child), new IPCMessageWriter(child));
    const published = new Promise<{ uri: string; diagnostics: Array<{ code?: unknown }> }>((resolve) =>
      connection.onNotification('textDocument/publishDiagnostics', resolve),
    );
    connection.listen();
    try {
      const init = await connection.sendRequest<InitializeResult>('initialize', { processId: process.pid, rootUri: null, capabilities: {} });
      assert.ok(init.capabilities.hoverProvider);
      await connection.sendNotification('initialized', {});
      await connection.sendNotification('textDocument/didOpen', {
        textDocument: { uri: 'file:///work/postmortems/ipc.md', languageId: 'markdown', version: 1, text: REPORT },
      });
      const params = await published;
      assert.equal(params.uri, 'file:///work/postmortems/ipc.md');
      assert.ok(params.diagnostics.some((d) => d.code === 'out-of-order'));
    } finally {
      connection.dispose();
      child.kill();
    }
  });
});

describe('language server: malformed JSON-RPC', function () {
  it('keeps answering after bytes that are not a JSON-RPC message', async () => {
    const client = new LspClient();
    try {
      await client.initialize();
      const frame = (body: string): string => `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`;
      // Bytes that are no message, a framed body that is not JSON, one with no method, one with bad params.
      client.process.stdin.write('{"not": "framed"}\r\n');
      client.process.stdin.write(frame('{"a": 1,]'));
      client.process.stdin.write(frame('{"jsonrpc":"2.0","id":77}'));
      client.process.stdin.write(frame('{"jsonrpc":"2.0","id":78,"method":"textDocument/hover","params":"nonsense"}'));
      const symbols = await client.request('textDocument/documentSymbol', { textDocument: { uri: 'file:///nowhere.md' } });
      assert.equal(symbols, null);
      assert.equal(client.process.exitCode, null, 'the server is still running');
    } finally {
      await client.stop();
    }
  });
});
