/** What the editor bench's two halves (bench/editor.ts and bench/editor/host.ts) both name. */

/** The host's one line of results starts with this. */
export const BENCH_PREFIX = '@@postmortem-bench ';

/** Written at the end of every seed copy by the runner: a broken link until its last character is deleted. */
export const LINK_LINE = 'See [the project README](../README.mdx).';

export interface HostResult {
  activation: { loadCode: number; callActivate: number; finishActivate: number; event: string } | null;
  activationRaw: string | null;
  /** The same figures for VS Code's built-in Markdown extension, activated by the same documents. */
  markdownActivation: { loadCode: number; callActivate: number; finishActivate: number; event: string } | null;
  /** Milliseconds; null when that source never reported on the document within WAIT_MS. */
  opens: Array<{ file: string; cold: boolean; postmortem: number | null; markdown: number | null }>;
  /** Wall-clock time (ms since the epoch) at which the cold document was asked to open. */
  coldOpenedAt: number | null;
  keystrokes: { postmortem: number[]; markdown: number[] };
  markdownSources: string[];
  errors: string[];
}
