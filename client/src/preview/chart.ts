/**
 * The timeline chart: an inline SVG (built as hast, never as a string) of the incident window with one
 * mark per timed entry, the detection, mitigation and resolution milestones, long gaps between entries,
 * and a strip of metrics under it.
 *
 * Positions come from the core exactly as the metrics do (`entryInstants`, with the window start or else
 * the first entry as origin), so a mark drawn at "+37 min" is the entry the code lens counts at 37 minutes.
 */
import type { Element } from 'hast';
import type { PostmortemModel } from '../../../server/src/analysis/model';
import { entryInstants } from '../../../server/src/analysis/model';
import { timedEntries, type TimelineEntry } from '../../../server/src/analysis/timeline';
import { daysBetween, formatMinutes } from '../../../server/src/analysis/time';
import { h, type Child } from './hast';

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
  /** Minutes from the origin of the milestones drawn. */
  milestones: Partial<Record<MilestoneKind, number>>;
}

export type MilestoneKind = 'detect' | 'mitigate' | 'resolve';

const MILESTONES: Array<{ kind: MilestoneKind; label: string; metric: 'timeToDetectMinutes' | 'timeToMitigateMinutes' | 'timeToResolveMinutes' }> = [
  { kind: 'detect', label: 'Detected', metric: 'timeToDetectMinutes' },
  { kind: 'mitigate', label: 'Mitigated', metric: 'timeToMitigateMinutes' },
  { kind: 'resolve', label: 'Resolved', metric: 'timeToResolveMinutes' },
];

// The SVG's own coordinate system; CSS scales it to the panel's width.
const WIDTH = 800;
const LEFT = 16;
const RIGHT = 16;
const LABEL_ROW_Y = [14, 28, 42];
const MARKS_TOP = 52;
const AXIS_Y = 100;
const HEIGHT = 124;
const TITLE_LIMIT = 300;
const TICK_STEPS = [1, 2, 5, 10, 15, 30, 60, 120, 180, 360, 720, 1440, 2880, 7 * 1440, 14 * 1440, 28 * 1440, 91 * 1440, 365 * 1440];

/** "45 min", "2 h", "2 h 10 min", "3 d 4 h": short enough to sit on the chart. */
export function shortDuration(total: number): string {
  const sign = total < 0 ? '-' : '';
  let rest = Math.round(Math.abs(total));
  const days = Math.floor(rest / 1440);
  rest -= days * 1440;
  const hours = Math.floor(rest / 60);
  const minutes = rest - hours * 60;
  const parts: string[] = [];
  if (days) parts.push(`${days} d`);
  if (hours) parts.push(`${hours} h`);
  // Minutes would be noise next to days.
  if (minutes && !days) parts.push(`${minutes} min`);
  return sign + (parts.join(' ') || '0 min');
}

function entryText(text: string, entry: TimelineEntry): string {
  const value = text.slice(entry.textStart, entry.textEnd).replace(/\s+/g, ' ').trim();
  return value.length > TITLE_LIMIT ? `${value.slice(0, TITLE_LIMIT - 1)}…` : value;
}

interface Point {
  entry: TimelineEntry;
  /** Minutes from the window start (or the first entry), dates taken into account. */
  offset: number;
  /** The same as the metrics count it: see `dayShift`. */
  metricOffset: number;
}

/** The chart for a model, or null when the document has no timeline and no timed entries. */
export function timelineChart(text: string, model: PostmortemModel, options: ChartOptions = {}): { figure: Element; summary: ChartSummary } | null {
  const maxMarks = Math.max(1, options.maxMarks ?? 400);
  const minGap = options.minGapMinutes ?? 30;
  const maxGaps = options.maxGaps ?? 5;
  const { metrics, window } = model;
  const timed = timedEntries(model.timeline.entries);
  if (!model.outline.sections.timeline && timed.length === 0) return null;

  const instants = entryInstants(timed);
  // The origin the metrics use: the stated start, else the first timed entry.
  const origin = window.start ? window.start.minutes : (instants[0] ?? null);
  // The metrics count entry days from the first dated entry and the start as on that day. When the start
  // is dated too, the chart lines the two up, so an entry dated the day before sits a day before.
  const firstDate = timed.find((entry) => entry.date)?.date ?? null;
  const dayShift = window.start?.date && firstDate ? daysBetween(window.start.date, firstDate) * 1440 : 0;
  const points: Point[] = [];
  timed.forEach((entry, i) => {
    const instant = instants[i];
    if (instant !== null && origin !== null) points.push({ entry, offset: instant - origin + dayShift, metricOffset: instant - origin });
  });
  const windowEnd = window.start && metrics.durationMinutes !== null && metrics.durationMinutes >= 0 ? metrics.durationMinutes : null;
  const summary: ChartSummary = {
    timedEntries: timed.length,
    untimedEntries: model.timeline.entries.length - timed.length,
    marks: 0,
    grouped: false,
    outside: 0,
    gaps: [],
    milestones: {},
  };

  const children: Child[] = [];
  if (points.length === 0 || origin === null) {
    children.push(h('p', { className: ['pm-chart-empty'] }, ['No timed entries to chart.']));
  } else {
    children.push(chartSvg(text, points, origin, windowEnd, dayShift, model, summary, { maxMarks, minGap, maxGaps }));
  }
  children.push(metricsStrip(model));
  const notes = chartNotes(summary);
  if (notes) children.push(h('figcaption', { className: ['pm-chart-notes'] }, [notes]));
  return { figure: h('figure', { className: ['pm-chart'], ariaLabel: 'Timeline chart' }, children), summary };
}

function chartSvg(
  text: string,
  points: Point[],
  origin: number,
  windowEnd: number | null,
  dayShift: number,
  model: PostmortemModel,
  summary: ChartSummary,
  limits: { maxMarks: number; minGap: number; maxGaps: number },
): Element {
  const offsets = points.map((point) => point.offset);
  // A loop, not Math.min(...offsets): spreading thousands of arguments can overflow the stack.
  let earliest = Infinity;
  let latest = -Infinity;
  for (const offset of offsets) {
    if (offset < earliest) earliest = offset;
    if (offset > latest) latest = offset;
  }
  let lo = windowEnd !== null ? Math.min(0, earliest) : earliest;
  let hi = windowEnd !== null ? Math.max(windowEnd, latest) : latest;
  if (windowEnd !== null) {
    // Entries far outside the window (a date typo, last week's deploy) would squash the window to a
    // sliver: the axis reaches at most one window's length (or an hour) beyond it; those entries sit at the edge.
    const reach = Math.max(windowEnd, 60);
    lo = Math.max(lo, -reach);
    hi = Math.min(hi, windowEnd + reach);
  }
  if (hi - lo < 20) {
    const middle = (lo + hi) / 2;
    lo = middle - 10;
    hi = middle + 10;
  }
  const pad = (hi - lo) * 0.04;
  lo -= pad;
  hi += pad;
  const plotWidth = WIDTH - LEFT - RIGHT;
  const x = (minutes: number): number => LEFT + ((Math.min(Math.max(minutes, lo), hi) - lo) / (hi - lo)) * plotWidth;
  const round = (value: number): number => Math.round(value * 10) / 10;
  const clock = (minutes: number): string => {
    const absolute = origin + minutes;
    const day = Math.floor(absolute / 1440);
    return `${formatMinutes(absolute)}${day ? ` (day ${day > 0 ? '+' : ''}${day})` : ''}`;
  };

  const layers: Element[] = [];

  if (windowEnd !== null) {
    layers.push(
      h('rect', { className: ['pm-window'], x: round(x(0)), y: MARKS_TOP - 6, width: round(Math.max(1, x(windowEnd) - x(0))), height: AXIS_Y - MARKS_TOP + 6 }, [
        h('title', {}, [`Incident window ${clock(0)} to ${clock(windowEnd)} (${shortDuration(windowEnd)})`]),
      ]),
    );
  }

  // Gaps: the longest pauses between consecutive distinct instants.
  const sorted = [...new Set(offsets)].sort((a, b) => a - b);
  const intervals = sorted.slice(1).map((offset, i) => offset - sorted[i]);
  // Long means long for this incident: not a steady half-hourly cadence of updates, however long each step.
  const median = [...intervals].sort((a, b) => a - b)[Math.floor(intervals.length / 2)] ?? 0;
  const threshold = Math.max(limits.minGap, (hi - lo) / 10, 2 * median);
  const gaps: ChartGap[] = [];
  intervals.forEach((minutes, i) => {
    if (minutes >= threshold) gaps.push({ from: sorted[i], to: sorted[i + 1], minutes });
  });
  summary.gaps = gaps.sort((a, b) => b.minutes - a.minutes).slice(0, limits.maxGaps).sort((a, b) => a.from - b.from);
  for (const gap of summary.gaps) {
    const left = x(gap.from);
    const width = x(gap.to) - left;
    const label = `gap ${shortDuration(gap.minutes)}`;
    layers.push(
      h('g', { className: ['pm-gap'] }, [
        h('rect', { x: round(left), y: MARKS_TOP - 6, width: round(Math.max(1, width)), height: AXIS_Y - MARKS_TOP + 6 }, [
          h('title', {}, [`No entries for ${shortDuration(gap.minutes)}, ${clock(gap.from)} to ${clock(gap.to)}`]),
        ]),
        // A label only where it fits; the title says it anyway.
        width >= 64 ? h('text', { x: round(left + width / 2), y: MARKS_TOP + 4, textAnchor: 'middle' }, [label]) : null,
      ]),
    );
  }

  // Axis and ticks at round clock times.
  const span = hi - lo;
  const step = TICK_STEPS.find((candidate) => span / candidate <= 8) ?? Math.ceil(span / 8 / 1440) * 1440;
  const ticks: Element[] = [h('line', { className: ['pm-axis-line'], x1: LEFT, y1: AXIS_Y, x2: WIDTH - RIGHT, y2: AXIS_Y })];
  for (let absolute = Math.ceil((origin + lo) / step) * step; absolute <= origin + hi; absolute += step) {
    const minutes = absolute - origin;
    ticks.push(
      h('line', { className: ['pm-tick'], x1: round(x(minutes)), y1: AXIS_Y, x2: round(x(minutes)), y2: AXIS_Y + 4 }),
      // Labels near an edge hang inwards, so they are not cut off.
      h('text', { className: ['pm-tick-label'], x: round(x(minutes)), y: AXIS_Y + 16, textAnchor: x(minutes) < LEFT + 40 ? 'start' : x(minutes) > WIDTH - RIGHT - 40 ? 'end' : 'middle' }, [
        clock(minutes).replace(' (day ', ' ('),
      ]),
    );
  }
  layers.push(h('g', { className: ['pm-axis'] }, ticks));

  // Milestones at the metrics' own minutes; the entry they were read from is highlighted too.
  const milestoneOf = new Map<TimelineEntry, MilestoneKind[]>();
  MILESTONES.forEach(({ kind, label, metric }, row) => {
    const minutes = model.metrics[metric];
    if (minutes === null) return;
    summary.milestones[kind] = minutes;
    const candidates = points.filter((point) => point.metricOffset === minutes);
    const point = kind === 'resolve' ? candidates[candidates.length - 1] : candidates[0];
    if (point) milestoneOf.set(point.entry, [...(milestoneOf.get(point.entry) ?? []), kind]);
    const at = round(x(minutes + dayShift));
    layers.push(
      h('g', { className: ['pm-milestone', `pm-${kind}`], dataMilestone: kind, dataMinutes: minutes }, [
        h('line', { x1: at, y1: LABEL_ROW_Y[row] + 3, x2: at, y2: AXIS_Y }),
        h('text', { x: at, y: LABEL_ROW_Y[row], textAnchor: at > WIDTH / 2 ? 'end' : 'start' }, [`${label} +${shortDuration(minutes)}`]),
        h('title', {}, [`${label} ${shortDuration(minutes)} after the start, at ${clock(minutes + dayShift)}`]),
      ]),
    );
  });

  // Marks: one per entry, or one per slice of the axis when there are too many to tell apart.
  const outside = (offset: number): boolean => windowEnd !== null && (offset < 0 || offset > windowEnd);
  summary.outside = points.filter((point) => outside(point.offset)).length;
  const groups: Point[][] = [];
  if (points.length <= limits.maxMarks) {
    for (const point of points) groups.push([point]);
  } else {
    summary.grouped = true;
    const slices = new Map<number, Point[]>();
    for (const point of points) {
      const slice = Math.min(limits.maxMarks - 1, Math.floor(((x(point.offset) - LEFT) / plotWidth) * limits.maxMarks));
      const group = slices.get(slice);
      if (group) group.push(point);
      else slices.set(slice, [point]);
    }
    groups.push(...[...slices.entries()].sort((a, b) => a[0] - b[0]).map(([, group]) => group));
  }
  // Marks close enough to touch step down a row, so a burst of entries stays countable.
  let previousX = -Infinity;
  let row = 0;
  const marks = groups.map((group) => {
    const first = group[0];
    const cx = round(x(first.offset));
    row = cx - previousX < 9 ? (row + 1) % 4 : 0;
    previousX = cx;
    const kinds = group.flatMap((point) => milestoneOf.get(point.entry) ?? []);
    const clamped = first.offset < lo || first.offset > hi;
    const classes = ['pm-mark', ...kinds.map((kind) => `pm-${kind}`)];
    if (group.some((point) => outside(point.offset))) classes.push('pm-outside');
    if (clamped) classes.push('pm-clamped');
    if (group.length > 1) classes.push('pm-group');
    const title =
      group.length > 1
        ? `${group.length} entries, ${clock(first.offset)} to ${clock(group[group.length - 1].offset)}: ${entryText(text, first.entry)}`
        : `${clock(first.offset)}${outside(first.offset) ? ' (outside the incident window)' : ''}: ${entryText(text, first.entry)}`;
    return h('g', { className: classes, dataLine: first.entry.line }, [
      h('circle', { cx, cy: MARKS_TOP + 12 + row * 10, r: group.length > 1 ? 5 : 4 }),
      h('title', {}, [title]),
    ]);
  });
  summary.marks = marks.length;
  layers.push(h('g', { className: ['pm-marks'] }, marks));

  const described = `Timeline of ${points.length} timed entr${points.length === 1 ? 'y' : 'ies'} from ${clock(earliest)} to ${clock(latest)}`;
  return h('svg', { className: ['pm-chart-svg'], viewBox: `0 0 ${WIDTH} ${HEIGHT}`, role: 'img', ariaLabel: described, preserveAspectRatio: 'xMidYMid meet' }, layers);
}

function metricsStrip(model: PostmortemModel): Element {
  const { metrics } = model;
  const items: Array<[string, string, number | null]> = [
    ['duration', 'Duration', metrics.durationMinutes],
    ['detect', 'Time to detect', metrics.timeToDetectMinutes],
    ['mitigate', 'Time to mitigate', metrics.timeToMitigateMinutes],
    ['resolve', 'Time to resolve', metrics.timeToResolveMinutes],
  ];
  return h(
    'dl',
    { className: ['pm-metrics'] },
    items.map(([key, label, minutes]) =>
      h('div', { className: ['pm-metric', `pm-metric-${key}`], dataMetric: key }, [
        h('dt', {}, [label]),
        h('dd', minutes === null ? { className: ['pm-unknown'] } : { dataMinutes: minutes }, [minutes === null ? 'unknown' : shortDuration(minutes)]),
      ]),
    ),
  );
}

function chartNotes(summary: ChartSummary): string {
  const notes: string[] = [];
  if (summary.untimedEntries) notes.push(`${summary.untimedEntries} entr${summary.untimedEntries === 1 ? 'y has' : 'ies have'} no readable time and ${summary.untimedEntries === 1 ? 'is' : 'are'} not drawn.`);
  if (summary.outside) notes.push(`${summary.outside} entr${summary.outside === 1 ? 'y falls' : 'ies fall'} outside the incident window.`);
  if (summary.grouped) notes.push(`${summary.timedEntries} entries are grouped into ${summary.marks} marks.`);
  return notes.join(' ');
}
