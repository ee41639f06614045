/**
 * The custom messages between the extension and the server, and the constants both sides name,
 * typed here once (as rust-analyzer keeps its extensions in lsp_ext.ts). Plain data: no editor
 * imports and no imports of the core, so the client can import this file without bundling the core.
 * The client asks the server for everything the core knows (whether a document is checked, the
 * preview, the entry format, reading a start time); it never parses a report itself.
 */

/** The extension's and the server's version (the CLI's `--version`; the server's `serverInfo`). Kept equal to package.json's by a unit test. */
export const VERSION = '0.1.0';

/** The project file: found from a document's folder upwards; the client watches it, the server reads it. */
export const CONFIG_FILE_NAME = '.postmortemrc.json';

/** Code action kinds the server offers and the client's commands ask for. */
export const FIX_ALL_KIND = 'source.fixAll.postmortem';
export const SORT_TIMELINE_KIND = 'source.postmortem.sortTimeline';

/**
 * A document a request is about. `text` is sent only for a document the client does not
 * synchronise with the server (one outside its document selector); otherwise the server reads its
 * own copy, which the client has already brought up to date.
 */
export interface DocumentParams {
  uri: string;
  text?: string;
}

/** `postmortem/status`: whether the server checks a document, and what the status item shows. */
export const STATUS_METHOD = 'postmortem/status';

export interface StatusParams {
  uri: string;
}

export interface StatusResult {
  /** False for a Markdown document that is not a postmortem (an unrelated README). */
  checked: boolean;
  errors: number;
  warnings: number;
  /** Information and hints. */
  others: number;
  durationMinutes: number | null;
  /** The duration as the status item writes it ("2 h 10 min"); null when unknown. */
  durationText: string | null;
  timedEntries: number;
  openActionItems: number;
}

/** The answer for a document the server does not check. */
export const NOT_CHECKED: StatusResult = {
  checked: false,
  errors: 0,
  warnings: 0,
  others: 0,
  durationMinutes: null,
  durationText: null,
  timedEntries: 0,
  openActionItems: 0,
};

/** `postmortem/preview`: the preview's content for a document, rendered by the server. */
export const PREVIEW_METHOD = 'postmortem/preview';

export interface PreviewParams extends DocumentParams {
  /** Load http(s) images (the machine setting `postmortem.preview.allowRemoteImages`). */
  allowRemoteImages?: boolean;
  /** Answer null unless the server checks the document (the preview follows only postmortems). */
  onlyIfChecked?: boolean;
}

export interface PreviewResult {
  /** The document version rendered (the server's copy); null when rendered from `text`. */
  version: number | null;
  /** Whether the server checks the document as a postmortem. */
  checked: boolean;
  /** Sanitised HTML for the webview's content element. */
  bodyHtml: string;
  /** Images shown as a link or a note instead of being loaded. */
  blockedImages: number;
}

/** `postmortem/timelineEntry`: a new timeline entry stamped `now`, in the report's own format and zone. */
export const TIMELINE_ENTRY_METHOD = 'postmortem/timelineEntry';

export interface TimelineEntryParams extends DocumentParams {
  /** The current time as an ISO 8601 instant (the client's clock: the time the user pressed the key). */
  now: string;
}

export interface TimelineEntryResult {
  /** The document version the insertion is for; null when computed from `text`. */
  version: number | null;
  /** Null when the document has no Timeline section. */
  insertion: {
    /** Where to insert `newText` (LSP position). */
    position: { line: number; character: number };
    newText: string;
    /** The description to select, as offsets into `newText`. */
    selectStart: number;
    selectEnd: number;
  } | null;
}

/** `postmortem/readStart`: New Postmortem's start time and zone as typed ("14:05 UTC"), read and checked against the date. */
export const READ_START_METHOD = 'postmortem/readStart';

export interface ReadStartParams {
  value: string;
  /** YYYY-MM-DD, for the daylight-saving check. */
  date?: string;
}

export interface ReadStartResult {
  /** Null when empty (fill in later) or wrong. */
  start: { time: string; zone: string } | null;
  /** What is wrong, or null. */
  problem: string | null;
}
