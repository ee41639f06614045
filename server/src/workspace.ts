/**
 * The open postmortems: which documents are served, their settings, and their latest
 * analysis. Analysis runs on open at once and on change after a debounce, in slices that let
 * requests and other documents in (see `schedule`); features read the latest analysis and never
 * wait for one, but for a request on a document whose change is still waiting or being checked,
 * which waits for that check (started at once) while other documents are served.
 */
import { performance } from 'node:perf_hooks';
import type { Connection } from 'vscode-languageserver/node';
import type { OpenDocument } from './document';
import { Analyzer, type Analysis, type PostmortemModel, type TextChange } from './analysis/index';
import { isPostmortemDocument } from './selection';
import { effectiveSettings, findProjectFile, type ClientSettings, type EffectiveSettings } from './settings';

export interface DocumentState {
  document: OpenDocument;
  settings: EffectiveSettings;
  /** The analysis of `analyzedVersion`; may be older than the document while a change waits. */
  analysis: Analysis | null;
  analyzedVersion: number;
  timer: NodeJS.Timeout | null;
  /** Keeps what an edit did not touch, so re-checking costs about the edited chunks. */
  analyzer: Analyzer;
  /** Where the text changed since the last analysis, when every change since said where it was. */
  change: TextChange | null | undefined;
  /** The analysis under way, in slices (see `schedule`); null when none is. */
  running: Generator<void, Analysis> | null;
  /** The version `running` analyses. */
  runningVersion: number;
  /** Requests waiting for the analysis of the current version (see `current`): woken when a check ends, stops or fails. */
  waiters: Array<() => void>;
  /** The last version whose check failed: a request waiting for it gets the analysis before. */
  failedVersion: number;
}

/**
 * How long an analysis runs before it lets the event loop in: requests for other documents, and
 * the changes that make this one out of date, wait about this long behind it, and one step more
 * (a few milliseconds: see steps.ts). At 15 ms a hover on a small report behind a 5 MB one took
 * 53 to 99 ms at the median on a loaded machine; at 5 ms, 33 ms.
 */
const SLICE_MS = 5;

/** Runs `steps` until they end or `sliceMs` has passed: their result, or undefined when another slice must go on. */
function runSlice<T>(steps: Generator<void, T>, sliceMs: number): { value: T } | undefined {
  const until = performance.now() + sliceMs;
  for (;;) {
    const step = steps.next();
    if (step.done) return { value: step.value };
    if (performance.now() >= until) return undefined;
  }
}

/**
 * The region changed by two edits in a row: `pending` (from the analysed text to the current one)
 * then `next` (in the current text's offsets). Offsets before both are the same in every version.
 */
export function combineChanges(pending: TextChange | undefined, next: TextChange): TextChange {
  if (!pending) return next;
  const pendingDelta = pending.to - pending.previousTo;
  const nextDelta = next.to - next.previousTo;
  const from = Math.min(pending.from, next.from);
  const pendingEnd = pending.to <= next.from ? pending.to : Math.max(next.to, pending.to + nextDelta);
  const to = Math.max(next.to, pendingEnd);
  return { from, previousTo: to - pendingDelta - nextDelta, to };
}

export class Workspace {
  private readonly states = new Map<string, DocumentState>();
  /** Documents whose settings are being fetched: changes wait for the open to finish. */
  private readonly opening = new Map<string, Promise<void>>();
  private clientSettings = new Map<string, ClientSettings | null>();
  /** The parts of an analysis's model being built in slices (see `currentWith`), by the function that builds them. */
  private readonly parts = new WeakMap<Analysis, Map<unknown, Promise<unknown>>>();
  /** Called after each analysis, with the document's state. */
  onAnalyzed: (state: DocumentState) => void = () => {};
  /** Called when a document stops being served. */
  onReleased: (uri: string) => void = () => {};
  /** Called with the settings that apply to a document as it opens (to report a broken project file). */
  onSettings: (settings: EffectiveSettings) => void = () => {};

  constructor(
    private readonly connection: Connection,
    private readonly canPullConfiguration: () => boolean,
    /** The document as the client has it now, or undefined once closed. */
    private readonly openDocument: (uri: string) => OpenDocument | undefined,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** Resolves once a document that is being opened is served (or found not to be). */
  async ready(uri: string): Promise<void> {
    await this.opening.get(uri);
  }

  get(uri: string): DocumentState | undefined {
    return this.states.get(uri);
  }

  all(): DocumentState[] {
    return [...this.states.values()];
  }

  /** Serves the document open at `uri` if it is a postmortem, once its settings are known. */
  open(uri: string): Promise<void> {
    const pending = this.opening.get(uri);
    if (pending) return pending.then(() => this.changeIfOpen(uri));
    const opened = this.openNow(uri).finally(() => this.opening.delete(uri));
    this.opening.set(uri, opened);
    return opened;
  }

  private async openNow(uri: string): Promise<void> {
    const settings = await this.settingsFor(uri);
    this.onSettings(settings);
    // The client may have changed or closed the document while its settings were fetched:
    // serve it as it is now, and a closed one not at all (it would get diagnostics nobody clears).
    const document = this.openDocument(uri);
    if (!document) {
      this.clientSettings.delete(uri);
      return;
    }
    if (!isPostmortemDocument(uri, document.languageId, document.getText(), settings.selection)) {
      this.release(uri);
      return;
    }
    const state: DocumentState = {
      document,
      settings,
      analysis: null,
      analyzedVersion: -1,
      timer: null,
      analyzer: new Analyzer(),
      change: null,
      running: null,
      runningVersion: -1,
      waiters: [],
      failedVersion: -1,
    };
    // Settings changed: the state this one replaces stops, and requests waiting on it look again.
    const replaced = this.states.get(uri);
    if (replaced) {
      if (replaced.timer) clearTimeout(replaced.timer);
      this.stop(replaced);
    }
    this.states.set(uri, state);
    this.schedule(state);
  }

  private changeIfOpen(uri: string): void {
    const document = this.openDocument(uri);
    if (document) this.change(document);
  }

  /** An edit the client described (null when it sent the whole text or several changes at once). */
  noteChange(uri: string, change: TextChange | null): void {
    const state = this.states.get(uri);
    if (!state) return;
    state.change = change === null || state.change === null ? null : combineChanges(state.change, change);
  }

  /** Open or changed: the TextDocuments manager reports both as a content change. */
  change(document: OpenDocument): void {
    const state = this.states.get(document.uri);
    if (!state) {
      // New, or not (yet) a postmortem: an edit can make it one (front matter `type: postmortem`).
      this.open(document.uri).catch((error: unknown) => this.logFailure(`opening ${document.uri}`, error));
      return;
    }
    state.document = document;
    if (state.timer) clearTimeout(state.timer);
    // An analysis under way is of an older version: it stops, and the new one starts from where it started.
    this.stop(state);
    // No debounce: check now, not on a timer (which waits at least a millisecond, and a turn).
    if (state.settings.debounceMs <= 0) {
      this.schedule(state);
      return;
    }
    state.timer = setTimeout(() => {
      state.timer = null;
      if (this.states.get(document.uri) === state) this.schedule(state);
    }, state.settings.debounceMs);
  }

  close(uri: string): void {
    this.release(uri);
    this.clientSettings.delete(uri);
  }

  /**
   * The analysis of the document as it is now. When a change is still waiting, its check starts at
   * once; a small document is checked in its first slice, and the answer is at hand. A large one's
   * check goes on in slices, and this waits for it, while requests on other documents are served:
   * checking it in one go would hold every other document up for seconds. Null once closed; the
   * analysis before when the check of this version failed.
   */
  async current(uri: string): Promise<Analysis | null> {
    for (;;) {
      const state = this.states.get(uri);
      if (!state) return null;
      const version = state.document.version;
      if (state.analyzedVersion === version || state.failedVersion === version) return state.analysis;
      if (!state.running || state.runningVersion !== version) this.schedule(state);
      if (state.analyzedVersion === version || state.failedVersion === version) return state.analysis;
      await new Promise<void>((resolve) => state.waiters.push(resolve));
    }
  }

  /**
   * `current`, with a part of its model that is built when first read (the metrics, the action
   * items: 1.5 s and 0.45 s on a 20 MB report) built in slices like a check, while the other
   * documents are served. Two requests for the same part of one analysis share the building. A
   * newer version or a close meanwhile stops it, and the request looks again. Null once closed.
   */
  async currentWith<T>(uri: string, part: (model: PostmortemModel) => Generator<void, T>): Promise<{ analysis: Analysis; value: T } | null> {
    for (;;) {
      const analysis = await this.current(uri);
      const state = this.states.get(uri);
      if (!analysis || !state) return null;
      let parts = this.parts.get(analysis);
      if (!parts) this.parts.set(analysis, (parts = new Map()));
      let built = parts.get(part) as Promise<{ value: T } | null> | undefined;
      if (!built) {
        built = this.build(state, analysis, part).finally(() => parts.delete(part));
        parts.set(part, built);
      }
      const result = await built;
      if (result) return { analysis, value: result.value };
    }
  }

  /** Runs `part` of the analysis's model in slices; null when the document changed or closed first. */
  private build<T>(state: DocumentState, analysis: Analysis, part: (model: PostmortemModel) => Generator<void, T>): Promise<{ value: T } | null> {
    const uri = state.document.uri;
    const version = state.document.version;
    const steps = part(analysis.model);
    return new Promise((resolve, reject) => {
      const slice = (): void => {
        if (this.states.get(uri) !== state || state.document.version !== version || state.analysis !== analysis) {
          steps.return(undefined as T);
          resolve(null);
          return;
        }
        try {
          const done = runSlice(steps, SLICE_MS);
          if (done) {
            resolve(done);
            return;
          }
        } catch (error) {
          reject(error);
          return;
        }
        setImmediate(slice);
      };
      slice();
    });
  }

  /** Settings changed: drop the cache and re-check every document. */
  async reconfigure(documents: OpenDocument[]): Promise<void> {
    this.clientSettings.clear();
    for (const document of documents) {
      // An earlier one's settings were awaited: this one may have been closed or changed since.
      if (this.openDocument(document.uri)) await this.open(document.uri);
    }
  }

  /**
   * Analyses the document as it is now, in slices of about SLICE_MS: a small document is done in
   * the first, at once; a large one lets the event loop in between slices, and stops when a
   * newer version or a request for this document supersedes it, or the document is closed.
   */
  private schedule(state: DocumentState): void {
    if (state.timer) {
      clearTimeout(state.timer);
      state.timer = null;
    }
    this.stop(state);
    this.drive(state, this.start(state), SLICE_MS);
  }

  private start(state: DocumentState): Generator<void, Analysis> {
    // The text in pieces: after an edit the analysis reads only around it (see PieceText).
    const steps = state.analyzer.analyzeSteps(state.document.text, { ...state.settings.analysis, now: this.now() }, state.change ?? undefined);
    state.running = steps;
    state.runningVersion = state.document.version;
    return steps;
  }

  /** Stops the analysis under way, if any: the analyzer still holds the version before it. */
  private stop(state: DocumentState): void {
    const running = state.running;
    state.running = null;
    // A request waiting for it looks again: at the newer version, or at a closed document.
    this.wake(state);
    if (!running) return;
    try {
      running.return(undefined as unknown as Analysis);
    } catch (error) {
      this.logFailure(`stopping the check of ${state.document.uri}`, error);
    }
  }

  private drive(state: DocumentState, steps: Generator<void, Analysis>, sliceMs: number): void {
    const version = state.runningVersion;
    try {
      const done = runSlice(steps, sliceMs);
      if (done) {
        state.running = null;
        this.analyzed(state, done.value, version);
        return;
      }
    } catch (error) {
      // Rules already fail one by one (analysis.failures); this is the parse or the publishing.
      // The next analysis starts afresh, and every other document is still served.
      state.running = null;
      state.analyzer = new Analyzer();
      state.change = null;
      state.failedVersion = version;
      this.logFailure(`checking ${state.document.uri}`, error);
      this.wake(state);
      return;
    }
    setImmediate(() => {
      if (state.running === steps && this.states.get(state.document.uri) === state) this.drive(state, steps, sliceMs);
    });
  }

  /** Wakes the requests waiting for a check of this document (see `current`). */
  private wake(state: DocumentState): void {
    const waiters = state.waiters;
    if (waiters.length === 0) return;
    state.waiters = [];
    for (const resolve of waiters) resolve();
  }

  private analyzed(state: DocumentState, analysis: Analysis, version: number): void {
    state.analysis = analysis;
    state.change = undefined;
    state.analyzedVersion = version;
    this.wake(state);
    for (const failure of analysis.failures)
      this.connection.console.error(`postmortem: rule ${failure.rule} failed on ${state.document.uri}: ${failure.error}`);
    try {
      this.onAnalyzed(state);
    } catch (error) {
      this.logFailure(`publishing ${state.document.uri}`, error);
    }
  }

  /** Reports what failed to the client's log; the server goes on. */
  logFailure(what: string, error: unknown): void {
    this.connection.console.error(`postmortem: ${what} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  }

  private release(uri: string): void {
    const state = this.states.get(uri);
    if (!state) return;
    if (state.timer) clearTimeout(state.timer);
    this.stop(state);
    this.states.delete(uri);
    this.onReleased(uri);
  }

  private async settingsFor(uri: string): Promise<EffectiveSettings> {
    let client = this.clientSettings.get(uri);
    if (client === undefined) {
      client = null;
      if (this.canPullConfiguration()) {
        try {
          client = ((await this.connection.workspace.getConfiguration({ scopeUri: uri, section: 'postmortem' })) as ClientSettings | null) ?? null;
        } catch {
          client = null;
        }
      }
      this.clientSettings.set(uri, client);
    }
    return effectiveSettings(client, findProjectFile(uri));
  }
}
