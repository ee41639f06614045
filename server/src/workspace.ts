/**
 * The open postmortems: which documents are served, their settings, and their latest
 * analysis. Analysis runs on open at once and on change after a debounce; features read
 * the latest analysis and never wait for one.
 */
import type { Connection } from 'vscode-languageserver/node';
import type { OpenDocument } from './document';
import { Analyzer, type Analysis, type TextChange } from './analysis/index';
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
    const state: DocumentState = { document, settings, analysis: null, analyzedVersion: -1, timer: null, analyzer: new Analyzer(), change: null };
    this.states.set(uri, state);
    this.analyzeNow(state);
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
    // No debounce: check now, not on a timer (which waits at least a millisecond, and a turn).
    if (state.settings.debounceMs <= 0) {
      this.analyzeNow(state);
      return;
    }
    state.timer = setTimeout(() => {
      state.timer = null;
      if (this.states.get(document.uri) === state) this.analyzeNow(state);
    }, state.settings.debounceMs);
  }

  close(uri: string): void {
    this.release(uri);
    this.clientSettings.delete(uri);
  }

  /** The analysis of the document as it is now, computing it if a change is still waiting. */
  current(uri: string): Analysis | null {
    const state = this.states.get(uri);
    if (!state) return null;
    if (state.analyzedVersion !== state.document.version) this.analyzeNow(state);
    return state.analysis;
  }

  /** Settings changed: drop the cache and re-check every document. */
  async reconfigure(documents: OpenDocument[]): Promise<void> {
    this.clientSettings.clear();
    for (const document of documents) {
      // An earlier one's settings were awaited: this one may have been closed or changed since.
      if (this.openDocument(document.uri)) await this.open(document.uri);
    }
  }

  private analyzeNow(state: DocumentState): void {
    if (state.timer) {
      clearTimeout(state.timer);
      state.timer = null;
    }
    try {
      // The text in pieces: after an edit the analysis reads only around it (see PieceText).
      state.analysis = state.analyzer.analyze(state.document.text, { ...state.settings.analysis, now: this.now() }, state.change ?? undefined);
      state.change = undefined;
      state.analyzedVersion = state.document.version;
      for (const failure of state.analysis.failures) this.connection.console.error(`postmortem: rule ${failure.rule} failed on ${state.document.uri}: ${failure.error}`);
      this.onAnalyzed(state);
    } catch (error) {
      // Rules already fail one by one (analysis.failures); this is the parse or the publishing.
      // The next analysis starts afresh, and every other document is still served.
      state.analyzer = new Analyzer();
      state.change = null;
      this.logFailure(`checking ${state.document.uri}`, error);
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
