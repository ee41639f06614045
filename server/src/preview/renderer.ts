/**
 * Renders previews off the server's thread (worker.ts), one at a time in the order asked. The worker
 * starts with the first preview and stays for the next; if it cannot start (its bundle missing, as
 * when the server runs from source) or stops, the preview is rendered here instead, as before: slower
 * for the other documents, never a lost preview.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { renderPreview } from './render';
import type { RenderReply, RenderRequest } from './worker';

export interface RenderedPreview {
  bodyHtml: string;
  blockedImages: number;
}

export class PreviewRenderer {
  private worker: Worker | null = null;
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (value: RenderedPreview) => void; request: RenderRequest }>();

  /** `workerFile`: the worker's bundle (out/previewWorker.js beside out/server.js). */
  constructor(private readonly workerFile: string = join(__dirname, 'previewWorker.js')) {}

  render(text: string, allowRemoteImages: boolean): Promise<RenderedPreview> {
    const worker = this.workerOrNull();
    if (!worker) return Promise.resolve(renderHere(text, allowRemoteImages));
    const request: RenderRequest = { id: this.nextId++, text, allowRemoteImages };
    return new Promise((resolve) => {
      this.pending.set(request.id, { resolve, request });
      worker.postMessage(request);
    });
  }

  /** Stops the worker (at shutdown); a later preview starts another. */
  async dispose(): Promise<void> {
    const worker = this.worker;
    this.worker = null;
    await worker?.terminate();
  }

  private workerOrNull(): Worker | null {
    if (this.worker) return this.worker;
    if (!existsSync(this.workerFile)) return null;
    try {
      const worker = new Worker(this.workerFile);
      // An idle worker does not keep the server alive: the server ends when its client goes.
      worker.unref();
      worker.on('message', (reply: RenderReply) => this.settle(reply));
      // A worker that fails or ends leaves its previews to be rendered here; the next starts another.
      worker.on('error', () => this.lose(worker));
      worker.on('exit', () => this.lose(worker));
      this.worker = worker;
      return worker;
    } catch {
      return null;
    }
  }

  private settle(reply: RenderReply): void {
    const waiting = this.pending.get(reply.id);
    if (!waiting) return;
    this.pending.delete(reply.id);
    const { request } = waiting;
    // A render that failed in the worker is tried here, where renderPreview falls back to plain text itself.
    waiting.resolve('error' in reply ? renderHere(request.text, request.allowRemoteImages) : reply);
  }

  private lose(worker: Worker): void {
    if (this.worker !== worker) return;
    this.worker = null;
    const stranded = [...this.pending.values()];
    this.pending.clear();
    for (const { resolve, request } of stranded) resolve(renderHere(request.text, request.allowRemoteImages));
  }
}

function renderHere(text: string, allowRemoteImages: boolean): RenderedPreview {
  const { bodyHtml, blockedImages } = renderPreview(text, { allowRemoteImages });
  return { bodyHtml, blockedImages };
}
