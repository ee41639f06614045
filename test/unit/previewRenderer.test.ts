/**
 * The preview is rendered in a worker thread of the server (server/src/preview/worker.ts), and here
 * whenever the worker cannot do it: the same HTML either way, and never a preview lost.
 */
import { strict as assert } from 'node:assert';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { renderPreview } from '../../server/src/preview/render';
import { PreviewRenderer } from '../../server/src/preview/renderer';
import { cannotRun } from '../support/ci';

const WORKER = join(__dirname, '..', '..', 'out', 'previewWorker.js');
const REPORT =
  '# Postmortem: Cache\n\n## Summary\n\nFrom 10:00 to 10:40 UTC on 2025-03-02, <describe the impact>.\n\n## Timeline\n\n- 10:05 UTC: paged\n- 10:30 UTC: fixed\n';

describe('preview renderer off the server thread', () => {
  let scratch: string;
  before(() => (scratch = mkdtempSync(join(tmpdir(), 'pm-renderer-'))));
  after(() => rmSync(scratch, { recursive: true, force: true }));

  it('renders in the worker what the renderer renders, and again after the worker was stopped', async function () {
    if (!existsSync(WORKER)) cannotRun(this, 'out/previewWorker.js is not built (node build.mjs)');
    const renderer = new PreviewRenderer(WORKER);
    const expected = renderPreview(REPORT);
    const first = await renderer.render(REPORT, false);
    assert.equal(first.bodyHtml, expected.bodyHtml);
    assert.ok(first.bodyHtml.includes('pm-placeholder'), 'the placeholder is shown');
    await renderer.dispose();
    const second = await renderer.render(REPORT, false);
    assert.equal(second.bodyHtml, expected.bodyHtml);
    await renderer.dispose();
  });

  it('renders here when there is no worker to start', async () => {
    const renderer = new PreviewRenderer(join(scratch, 'missing.js'));
    assert.equal((await renderer.render(REPORT, false)).bodyHtml, renderPreview(REPORT).bodyHtml);
  });

  it('renders here the previews a worker left when it ended', async () => {
    // A worker that ends before it answers anything.
    const dying = join(scratch, 'dying.js');
    writeFileSync(dying, "require('node:worker_threads').parentPort.once('message', () => process.exit(3));\n");
    const renderer = new PreviewRenderer(dying);
    const [a, b] = await Promise.all([renderer.render(REPORT, false), renderer.render(`${REPORT}\nMore.\n`, false)]);
    assert.equal(a.bodyHtml, renderPreview(REPORT).bodyHtml);
    assert.equal(b.bodyHtml, renderPreview(`${REPORT}\nMore.\n`).bodyHtml);
  });

  it('renders here what the worker failed to render', async () => {
    const failing = join(scratch, 'failing.js');
    writeFileSync(
      failing,
      "const { parentPort } = require('node:worker_threads');\nparentPort.on('message', (m) => parentPort.postMessage({ id: m.id, error: 'broken' }));\n",
    );
    const renderer = new PreviewRenderer(failing);
    assert.equal((await renderer.render(REPORT, false)).bodyHtml, renderPreview(REPORT).bodyHtml);
    await renderer.dispose();
  });
});
