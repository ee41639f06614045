/**
 * A small LSP client for protocol tests: starts the real, bundled server as a child process
 * and speaks JSON-RPC to it over stdio. Tests wait on notifications, never on sleeps.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { join, resolve } from 'node:path';
import {
  createProtocolConnection,
  StreamMessageReader,
  StreamMessageWriter,
  type ClientCapabilities,
  type InitializeResult,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
  type TextEdit,
} from 'vscode-languageserver-protocol/node';
import { track } from '../support/reaper';

export const SERVER = join(resolve(__dirname, '..', '..'), 'out', 'server.js');

export class LspClient {
  readonly process: ChildProcessWithoutNullStreams;
  readonly connection: ProtocolConnection;
  readonly published = new Map<string, PublishDiagnosticsParams[]>();
  readonly stderr: string[] = [];
  private waiters: Array<{ uri: string; test: (params: PublishDiagnosticsParams) => boolean; resolve: (params: PublishDiagnosticsParams) => void }> = [];
  private versions = new Map<string, number>();
  /** What the server asked for with workspace/configuration. */
  configuration: unknown = null;

  /**
   * `nodeOptions` go to the server's Node (the benches use them to bound or inspect its heap);
   * `server` is the bundle to start (the one an installed .vsix holds, for the package test).
   */
  constructor(nodeOptions: string[] = [], server = SERVER) {
    this.process = spawn(process.execPath, [...nodeOptions, server, '--stdio'], { stdio: 'pipe' });
    // A test that fails before stop() does not leave the server running (or the run waiting on it).
    track(this.process);
    this.process.stderr.on('data', (chunk: Buffer) => this.stderr.push(chunk.toString()));
    this.connection = createProtocolConnection(new StreamMessageReader(this.process.stdout), new StreamMessageWriter(this.process.stdin));
    this.connection.onNotification('textDocument/publishDiagnostics', (params: PublishDiagnosticsParams) => {
      const list = this.published.get(params.uri) ?? [];
      list.push(params);
      this.published.set(params.uri, list);
      this.waiters = this.waiters.filter((waiter) => {
        if (waiter.uri !== params.uri || !waiter.test(params)) return true;
        waiter.resolve(params);
        return false;
      });
    });
    this.connection.onRequest('workspace/configuration', (params: { items: unknown[] }) => params.items.map(() => this.configuration));
    this.connection.onRequest('client/registerCapability', () => null);
    this.connection.onRequest('workspace/diagnostic/refresh', () => null);
    this.connection.onNotification('window/logMessage', (params: { type: number; message: string }) => {
      if (params.type === 1) this.errors.push(params.message);
    });
    this.connection.listen();
    this.exited = new Promise((_, reject) => {
      this.process.on('exit', (code, signal) => reject(new Error(`the server exited (${code ?? signal}): ${this.stderr.join('').slice(-2000)}`)));
    });
    // Only a test that waits on the server should fail when it dies; nobody waiting is not an error.
    this.exited.catch(() => undefined);
  }

  /** Errors the server logged (window/logMessage of type Error). */
  readonly errors: string[] = [];
  /** Rejects when the server process exits, so that a wait on a dead server fails at once. */
  private readonly exited: Promise<never>;

  /** `promise`, or the server's exit, whichever comes first. */
  private orExit<T>(promise: Promise<T>): Promise<T> {
    return Promise.race([promise, this.exited]);
  }

  async initialize(capabilities: ClientCapabilities = {}, rootUri: string | null = null): Promise<InitializeResult> {
    const result = await this.connection.sendRequest<InitializeResult>('initialize', { processId: process.pid, rootUri, capabilities, workspaceFolders: null });
    await this.connection.sendNotification('initialized', {});
    return result;
  }

  /** The next diagnostics published for `uri` (for `version`, when given). */
  diagnostics(uri: string, version?: number): Promise<PublishDiagnosticsParams> {
    const test = (params: PublishDiagnosticsParams): boolean => version === undefined || params.version === version;
    const seen = (this.published.get(uri) ?? []).find((params) => test(params) && version !== undefined);
    if (seen) return Promise.resolve(seen);
    return this.orExit(new Promise((resolve) => this.waiters.push({ uri, test, resolve })));
  }

  /** Opens a document; a reopened one continues its version numbers, so waits on a version stay unambiguous. */
  async open(uri: string, text: string, languageId = 'markdown'): Promise<number> {
    const version = this.versions.has(uri) ? this.versions.get(uri)! + 1 : 1;
    this.versions.set(uri, version);
    await this.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version, text } });
    return version;
  }

  /** Resolves with the latest diagnostics published for `uri` once they pass `test` (at once if they already do). */
  latest(uri: string, test: (params: PublishDiagnosticsParams) => boolean): Promise<PublishDiagnosticsParams> {
    const last = this.published.get(uri)?.at(-1);
    if (last && test(last)) return Promise.resolve(last);
    return this.orExit(new Promise((resolve) => this.waiters.push({ uri, test, resolve })));
  }

  /** Replaces the whole text; returns the new version. */
  async change(uri: string, text: string): Promise<number> {
    const version = (this.versions.get(uri) ?? 1) + 1;
    this.versions.set(uri, version);
    await this.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ text }] });
    return version;
  }

  /** Sends one ranged edit, as editors do with incremental sync; returns the new version. */
  async edit(uri: string, range: { start: { line: number; character: number }; end: { line: number; character: number } }, text: string): Promise<number> {
    const version = (this.versions.get(uri) ?? 1) + 1;
    this.versions.set(uri, version);
    await this.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ range, text }] });
    return version;
  }

  async close(uri: string): Promise<void> {
    await this.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
  }

  notify(method: string, params: unknown): Promise<void> {
    return this.connection.sendNotification(method, params);
  }

  request<R>(method: string, params: unknown): Promise<R> {
    return this.orExit(this.connection.sendRequest<R>(method, params));
  }

  async stop(): Promise<void> {
    try {
      await Promise.race([this.connection.sendRequest('shutdown'), new Promise((resolve) => setTimeout(resolve, 2000))]);
      await this.connection.sendNotification('exit');
    } catch {
      // already gone
    }
    this.connection.dispose();
    this.process.kill();
  }
}

/** Applies LSP text edits to a text (edits do not overlap). */
export function applyEdits(text: string, edits: TextEdit[]): string {
  const offsets = lineOffsets(text);
  const toOffset = (position: { line: number; character: number }): number =>
    Math.min((offsets[position.line] ?? text.length) + position.character, text.length);
  const sorted = edits
    .map((edit) => ({ start: toOffset(edit.range.start), end: toOffset(edit.range.end), newText: edit.newText }))
    .sort((a, b) => b.start - a.start);
  let result = text;
  for (const edit of sorted) result = result.slice(0, edit.start) + edit.newText + result.slice(edit.end);
  return result;
}

function lineOffsets(text: string): number[] {
  const offsets = [0];
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '\r' && text[i + 1] === '\n') continue;
    if (text[i] === '\n' || text[i] === '\r') offsets.push(i + 1);
  }
  return offsets;
}
