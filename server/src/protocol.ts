/**
 * The one custom message between the extension and the server, typed here for both sides
 * (as rust-analyzer keeps its extensions in lsp_ext.ts). Plain data: no editor imports.
 */

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
  timedEntries: number;
  openActionItems: number;
}

/** The answer for a document the server does not check. */
export const NOT_CHECKED: StatusResult = { checked: false, errors: 0, warnings: 0, others: 0, durationMinutes: null, timedEntries: 0, openActionItems: 0 };
