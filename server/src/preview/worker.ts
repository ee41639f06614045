/**
 * The preview's renderer in a worker thread of the language server (out/previewWorker.js): rendering
 * a report is a cold analysis and a Markdown pass over the whole text, seconds on a large one, and
 * in the server's own thread every other document would wait for it. Here it runs beside them, with
 * a heap of its own, so neither its work nor its garbage collection holds a hover up.
 */
import { parentPort } from 'node:worker_threads';
import { renderPreview } from './render';

export interface RenderRequest {
  id: number;
  text: string;
  allowRemoteImages: boolean;
}

export type RenderReply = { id: number; bodyHtml: string; blockedImages: number } | { id: number; error: string };

parentPort?.on('message', (request: RenderRequest) => {
  let reply: RenderReply;
  try {
    const { bodyHtml, blockedImages } = renderPreview(request.text, { allowRemoteImages: request.allowRemoteImages });
    reply = { id: request.id, bodyHtml, blockedImages };
  } catch (error) {
    reply = { id: request.id, error: error instanceof Error ? error.message : String(error) };
  }
  parentPort?.postMessage(reply);
});
