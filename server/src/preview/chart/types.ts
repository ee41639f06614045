/** The chart's options and what it reports of itself (the preview's tests and the panel read it). */

export interface ChartOptions {
  /** Above this many timed entries, entries that fall in the same slice of the axis share one mark. */
  maxMarks?: number;
  /**
   * A pause between entries is shown as a gap when it is at least this long (default 30), a tenth of the
   * axis, and twice the median pause.
   */
  minGapMinutes?: number;
  /** At most this many gaps are shown, the longest ones. */
  maxGaps?: number;
}

export interface ChartGap {
  /** Minutes from the origin. */
  from: number;
  to: number;
  minutes: number;
}

export interface ChartSummary {
  /** Timed entries, and entries whose time could not be read (not drawn). */
  timedEntries: number;
  untimedEntries: number;
  /** Marks drawn: one per timed entry, or fewer when entries were grouped. */
  marks: number;
  grouped: boolean;
  /** Timed entries outside the incident window. */
  outside: number;
  gaps: ChartGap[];
  /** Pauses the axis skips, marked as breaks instead of drawn to scale. */
  breaks: ChartGap[];
  /** Minutes from the origin of the milestones drawn. */
  milestones: Partial<Record<MilestoneKind, number>>;
  /** The clock the axis and labels are written in: the report's own. */
  clock: '12h' | '24h';
}

export type MilestoneKind = 'detect' | 'mitigate' | 'resolve';

export const MILESTONES: Array<{ kind: MilestoneKind; label: string; metric: 'timeToDetectMinutes' | 'timeToMitigateMinutes' | 'timeToResolveMinutes' }> = [
  { kind: 'detect', label: 'Detected', metric: 'timeToDetectMinutes' },
  { kind: 'mitigate', label: 'Mitigated', metric: 'timeToMitigateMinutes' },
  { kind: 'resolve', label: 'Resolved', metric: 'timeToResolveMinutes' },
];
