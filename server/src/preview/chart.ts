/**
 * The timeline chart: an inline SVG (built as hast, never as a string) of the incident window with one
 * mark per timed entry, the detection, mitigation and resolution milestones, long gaps between entries,
 * and a strip of metrics under it.
 *
 * Positions come from the core exactly as the metrics do (`entryInstants`, with the window start or else
 * the first entry as origin), so a mark drawn at "+37 min" is the entry the code lens counts at 37 minutes.
 */
import type { Element } from 'hast';
import { addDays, daysBetween, entryInstants, formatClock, type PostmortemModel, timedEntries, type TimelineEntry } from '../analysis/index';
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
  /** Pauses the axis skips, marked as breaks instead of drawn to scale. */
  breaks: ChartGap[];
  /** Minutes from the origin of the milestones drawn. */
  milestones: Partial<Record<MilestoneKind, number>>;
  /** The clock the axis and labels are written in: the report's own. */
  clock: '12h' | '24h';
}

export type MilestoneKind = 'detect' | 'mitigate' | 'resolve';

const MILESTONES: Array<{ kind: MilestoneKind; label: string; metric: 'timeToDetectMinutes' | 'timeToMitigateMinutes' | 'timeToResolveMinutes' }> = [
  { kind: 'detect', label: 'Detected', metric: 'timeToDetectMinutes' },
  { kind: 'mitigate', label: 'Mitigated', metric: 'timeToMitigateMinutes' },
  { kind: 'resolve', label: 'Resolved', metric: 'timeToResolveMinutes' },
];

// The chart is drawn in the panel's own units, never scaled: x in percent of the width, y in em of the
// editor's font size (the stylesheet sets it), so text is exactly as large as the editor's at any width.
const PAD_X = 1.5;
const BREAK_WIDTH = 5;
const LABEL_ROW = 1.5;
const MAX_LABEL_ROWS = 5;
const MARK_ROW = 0.75;
const MARK_ROWS = 4;
// Percent of the width one bold character of a label takes in a narrow chart (about 430 px at 14 px): labels
// placed apart there stay apart in any wider one.
const CHAR_WIDTH = 2;
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
}

/** The report's own clock: 12-hour when most of its times are written with AM/PM. */
export function reportClock(model: PostmortemModel): '12h' | '24h' {
  let twelve = 0;
  let all = 0;
  for (const entry of model.timeline.entries) {
    if (!entry.time) continue;
    all++;
    if (entry.time.clock === '12h') twelve++;
  }
  for (const point of [model.window.start, model.window.end]) {
    if (!point) continue;
    all++;
    if (point.mention.clock === '12h') twelve++;
  }
  return all > 0 && twelve * 2 > all ? '12h' : '24h';
}

const MONTH_NAMES = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

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
    if (instant !== null && origin !== null) points.push({ entry, offset: instant - origin + dayShift });
  });
  const windowEnd = window.start && metrics.durationMinutes !== null && metrics.durationMinutes >= 0 ? metrics.durationMinutes : null;
  const summary: ChartSummary = {
    timedEntries: timed.length,
    untimedEntries: model.timeline.entries.length - timed.length,
    marks: 0,
    grouped: false,
    outside: 0,
    gaps: [],
    breaks: [],
    milestones: {},
    clock: reportClock(model),
  };

  const children: Child[] = [];
  if (points.length === 0 || origin === null) {
    children.push(h('p', { className: ['pm-chart-empty'] }, ['No timed entries to chart.']));
  } else {
    const baseDate = window.start?.date ?? firstDate;
    children.push(chartSvg(text, points, origin, baseDate, windowEnd, model, summary, { maxMarks, minGap, maxGaps }));
    children.push(
      h('p', { className: ['pm-chart-readout'], ariaLive: 'polite' }, [
        'Point at a dot or Tab to it to read its entry; click it or press Enter to show it in the editor.',
      ]),
    );
  }
  children.push(metricsStrip(model));
  const notes = chartNotes(summary);
  if (notes) children.push(h('figcaption', { className: ['pm-chart-notes'] }, [notes]));
  return { figure: h('figure', { className: ['pm-chart'], ariaLabel: 'Timeline chart' }, children), summary };
}

interface Segment {
  /** Minutes from the origin. */
  from: number;
  to: number;
  /** Percent of the width. */
  left: number;
  width: number;
}

/**
 * The axis: the data's own extent, in segments. A pause of two hours or more that would take over 88% of
 * the axis (a deploy two days before, a follow-up a week later, a window stated hours longer than its
 * entries) is cut out and marked as a break with its length, instead of squeezing the rest into a sliver
 * or pinning the far entries to an edge. A shorter pause is drawn to scale, as a gap.
 */
export function axisSegments(keys: number[], maxBreaks = 3): { segments: Segment[]; breaks: ChartGap[] } {
  const sorted = [...new Set(keys)].sort((a, b) => a - b);
  const intervals = sorted.slice(1).map((to, i) => ({ from: sorted[i], to, minutes: to - sorted[i] }));
  let remaining = sorted.length ? sorted[sorted.length - 1] - sorted[0] : 0;
  const breaks: ChartGap[] = [];
  for (const interval of [...intervals].sort((a, b) => b.minutes - a.minutes)) {
    // Nothing left to make room for (two points) is no reason to break.
    if (breaks.length >= maxBreaks || interval.minutes < 120 || interval.minutes <= remaining * 0.88 || remaining - interval.minutes <= 0) break;
    breaks.push(interval);
    remaining -= interval.minutes;
  }
  breaks.sort((a, b) => a.from - b.from);
  const ranges: Array<[number, number]> = [];
  let from = sorted[0] ?? 0;
  for (const cut of breaks) {
    ranges.push([from, cut.from]);
    from = cut.to;
  }
  ranges.push([from, sorted[sorted.length - 1] ?? 0]);
  const total = ranges.reduce((sum, [a, b]) => sum + (b - a), 0);
  // Each piece gets room for its dots: an axis of one piece spans at least 20 minutes; a piece beside a
  // break spans its own entries (a lone one a nominal 2 minutes); every piece gets at least an eighth of the width.
  const shortest = ranges.length === 1 ? 20 : 2;
  const padded = ranges.map(([a, b]) => {
    const span = Math.max(b - a, shortest, total * 0.04);
    const middle = (a + b) / 2;
    const pad = span * 0.04;
    return [Math.min(a, middle - span / 2) - pad, Math.max(b, middle + span / 2) + pad] as [number, number];
  });
  const weights = padded.map(([a, b]) => b - a);
  const weightTotal = weights.reduce((sum, weight) => sum + weight, 0);
  const floored = weights.map((weight) => Math.max(weight, weightTotal / 8));
  const flooredTotal = floored.reduce((sum, weight) => sum + weight, 0);
  const available = 100 - 2 * PAD_X - breaks.length * BREAK_WIDTH;
  let left = PAD_X;
  const segments = padded.map(([a, b], i) => {
    const width = (available * floored[i]) / flooredTotal;
    const segment = { from: a, to: b, left, width };
    left += width + BREAK_WIDTH;
    return segment;
  });
  return { segments, breaks };
}

/** Percent of the width for a minute: linear inside a segment, across a break from one edge to the next. */
function scaleOf(segments: Segment[]): (minutes: number) => number {
  return (minutes) => {
    let previous: Segment | null = null;
    for (const segment of segments) {
      if (minutes <= segment.to) {
        if (minutes >= segment.from) return segment.left + ((minutes - segment.from) / (segment.to - segment.from)) * segment.width;
        if (!previous) return segment.left;
        const edge = previous.left + previous.width;
        return edge + ((minutes - previous.to) / (segment.from - previous.to)) * (segment.left - edge);
      }
      previous = segment;
    }
    return previous ? previous.left + previous.width : PAD_X;
  };
}

interface Label {
  at: number;
  minutes: number;
  kinds: string[];
  text: string;
  title: string;
  /** Minutes after the start, for a milestone. */
  since: number | null;
  row: number;
  anchor: 'start' | 'end';
}

/** What every layer of the chart reads: the scale, the clock, the rows, and the chart's input. */
interface Frame {
  text: string;
  points: Point[];
  windowEnd: number | null;
  limits: { maxMarks: number; minGap: number; maxGaps: number };
  segments: Segment[];
  breaks: ChartGap[];
  /** Percent across the chart of a time (minutes from the origin). */
  x: (minutes: number) => number;
  clockStyle: '12h' | '24h';
  /** The time as the report's clock writes it, and with its day when the chart spans days. */
  clock: (minutes: number) => string;
  when: (minutes: number) => string;
  dayOf: (minutes: number) => number;
  dayText: (day: number) => string;
  multiDay: boolean;
  origin: number;
  earliest: number;
  latest: number;
}

/** Vertical places, in em, once the label rows are known. */
interface Rows {
  bandTop: number;
  axisY: number;
  tickY: number;
  height: number;
  markY: (row: number) => number;
}

const pct = (value: number): string => `${Math.round(value * 100) / 100}%`;
const em = (value: number): string => `${Math.round(value * 100) / 100}em`;

/** The scale and the clock of a chart of `points`, minutes from `origin`. */
function frameOf(
  text: string,
  points: Point[],
  origin: number,
  baseDate: string | null,
  windowEnd: number | null,
  clockStyle: '12h' | '24h',
  limits: Frame['limits'],
): Frame {
  // A loop, not Math.min(...offsets): spreading thousands of arguments can overflow the stack.
  let earliest = Infinity;
  let latest = -Infinity;
  for (const { offset } of points) {
    if (offset < earliest) earliest = offset;
    if (offset > latest) latest = offset;
  }
  const offsets = points.map((point) => point.offset);
  const { segments, breaks } = axisSegments(windowEnd !== null ? [...offsets, 0, windowEnd] : offsets);
  const dayOf = (minutes: number): number => Math.floor((origin + minutes) / 1440);
  const multiDay = dayOf(Math.min(earliest, 0)) !== dayOf(Math.max(latest, windowEnd ?? latest));
  const dayText = (day: number): string => {
    if (!baseDate) return `day ${day > 0 ? '+' : ''}${day}`;
    const date = addDays(baseDate, day);
    return `${Number(date.slice(8, 10))} ${MONTH_NAMES[Number(date.slice(5, 7)) - 1]}`;
  };
  const clock = (minutes: number): string => formatClock(origin + minutes, clockStyle);
  const when = (minutes: number): string => `${clock(minutes)}${multiDay ? `, ${dayText(dayOf(minutes))}` : ''}`;
  return {
    text,
    points,
    windowEnd,
    limits,
    segments,
    breaks,
    x: scaleOf(segments),
    clockStyle,
    clock,
    when,
    dayOf,
    dayText,
    multiDay,
    origin,
    earliest,
    latest,
  };
}

function chartSvg(
  text: string,
  points: Point[],
  origin: number,
  baseDate: string | null,
  windowEnd: number | null,
  model: PostmortemModel,
  summary: ChartSummary,
  limits: Frame['limits'],
): Element {
  const frame = frameOf(text, points, origin, baseDate, windowEnd, summary.clock, limits);
  summary.breaks = frame.breaks;
  const { labels, milestoneOf, milestones, rowCount } = layoutLabels(frame, model);
  Object.assign(summary.milestones, milestones);
  const rows = rowsOf(frame, rowCount);
  const layers: Element[] = [];
  if (windowEnd !== null) layers.push(windowLayer(frame, rows, windowEnd));
  summary.gaps = longGaps(frame);
  layers.push(...summary.gaps.map((gap) => gapLayer(frame, rows, gap)));
  layers.push(axisLayer(frame, rows));
  layers.push(...labels.map((label) => labelLayer(rows, label)));
  const marks = markLayer(frame, rows, milestoneOf);
  Object.assign(summary, { outside: marks.outside, grouped: marks.grouped, marks: marks.count });
  layers.push(marks.element);
  const described = `Timeline of ${points.length} timed entr${points.length === 1 ? 'y' : 'ies'} from ${frame.when(frame.earliest)} to ${frame.when(frame.latest)}`;
  return h('svg', { className: ['pm-chart-svg'], width: '100%', height: em(rows.height), role: 'group', ariaLabel: described }, layers);
}

/** The window's start and end and the milestones, each written out, stacked in rows so none overlaps. */
function layoutLabels(
  frame: Frame,
  model: PostmortemModel,
): { labels: Label[]; milestoneOf: Map<TimelineEntry, MilestoneKind[]>; milestones: ChartSummary['milestones']; rowCount: number } {
  const { x, when, clock, points, windowEnd } = frame;
  const byMinute = new Map<number, Label>();
  const addLabel = (minutes: number, kind: string, name: string, title: string, since: number | null = null): void => {
    const existing = byMinute.get(minutes);
    if (existing) {
      existing.kinds.push(kind);
      existing.text = `${existing.text} · ${name}`;
      existing.since ??= since;
      existing.title += `; ${title}`;
      return;
    }
    byMinute.set(minutes, { at: x(minutes), minutes, kinds: [kind], text: name, title, since, row: 0, anchor: 'start' });
  };
  const milestoneOf = new Map<TimelineEntry, MilestoneKind[]>();
  const milestones: ChartSummary['milestones'] = {};
  if (windowEnd !== null) addLabel(0, 'start', 'Start', `Incident start ${when(0)}`);
  MILESTONES.forEach(({ kind, label, metric }) => {
    const minutes = model.metrics[metric];
    if (minutes === null) return;
    milestones[kind] = minutes;
    // Drawn on the entry the metric was read from, so the label and its dot agree.
    const source = model.metrics.sources[kind];
    const point = source ? points.find((candidate) => candidate.entry.line === source.line) : undefined;
    if (point) milestoneOf.set(point.entry, [...(milestoneOf.get(point.entry) ?? []), kind]);
    const at = point ? point.offset : minutes;
    addLabel(at, kind, label, `${label} ${shortDuration(minutes)} after the start, at ${when(at)}`, minutes);
  });
  if (windowEnd !== null) addLabel(windowEnd, 'end', 'End', `Incident end ${when(windowEnd)} (${shortDuration(windowEnd)})`);
  const labels = [...byMinute.values()].sort((a, b) => a.minutes - b.minutes);
  // "Detected 4:34 PM (+14 min)": the clock time as the report writes it, and the time since the start.
  for (const label of labels) label.text = `${label.text} ${clock(label.minutes)}${label.since ? ` (+${shortDuration(label.since)})` : ''}`;
  const rows: Array<Array<[number, number]>> = [];
  for (const label of labels) {
    const width = label.text.length * CHAR_WIDTH;
    // Labels in the right half hang to the left, so none runs off the chart however narrow it is.
    label.anchor = label.at > 50 ? 'end' : 'start';
    const extent: [number, number] = label.anchor === 'start' ? [label.at - 0.5, label.at + width] : [label.at - width, label.at + 0.5];
    let row = rows.findIndex((taken) => taken.every(([a, b]) => extent[1] < a || extent[0] > b));
    if (row === -1) {
      row = Math.min(rows.length, MAX_LABEL_ROWS - 1);
      rows[row] ??= [];
    }
    rows[row].push(extent);
    label.row = row;
  }
  return { labels, milestoneOf, milestones, rowCount: Math.max(1, rows.length) };
}

function rowsOf(frame: Frame, labelRows: number): Rows {
  const bandTop = labelRows * LABEL_ROW + 0.3;
  const axisY = bandTop + 0.9 + MARK_ROWS * MARK_ROW + 0.2;
  const tickY = axisY + 1.3;
  return { bandTop, axisY, tickY, height: (frame.multiDay ? tickY + 1.3 : tickY) + 0.5, markY: (row) => bandTop + 0.9 + row * MARK_ROW };
}

function windowLayer({ x, when }: Frame, { bandTop, axisY }: Rows, windowEnd: number): Element {
  return h('rect', { className: ['pm-window'], x: pct(x(0)), y: em(bandTop), width: pct(Math.max(0.2, x(windowEnd) - x(0))), height: em(axisY - bandTop) }, [
    h('title', {}, [`Incident window ${when(0)} to ${when(windowEnd)} (${shortDuration(windowEnd)})`]),
  ]);
}

/** The longest pauses between consecutive distinct instants that the axis still draws to scale. */
function longGaps({ points, segments, breaks, limits }: Frame): ChartGap[] {
  const sorted = [...new Set(points.map((point) => point.offset))].sort((a, b) => a - b);
  const intervals = sorted.slice(1).map((offset, i) => offset - sorted[i]);
  // Long means long for this incident: not a steady half-hourly cadence of updates, however long each step.
  const median = [...intervals].sort((a, b) => a - b)[Math.floor(intervals.length / 2)] ?? 0;
  const drawnSpan = segments.reduce((sum, segment) => sum + (segment.to - segment.from), 0);
  const threshold = Math.max(limits.minGap, drawnSpan / 10, 2 * median);
  const gaps: ChartGap[] = [];
  intervals.forEach((minutes, i) => {
    const broken = breaks.some((cut) => cut.from <= sorted[i] && sorted[i + 1] <= cut.to);
    if (minutes >= threshold && !broken) gaps.push({ from: sorted[i], to: sorted[i + 1], minutes });
  });
  return gaps
    .sort((a, b) => b.minutes - a.minutes)
    .slice(0, limits.maxGaps)
    .sort((a, b) => a.from - b.from);
}

function gapLayer({ x, when }: Frame, { bandTop, axisY }: Rows, gap: ChartGap): Element {
  const left = x(gap.from);
  const width = x(gap.to) - left;
  return h('g', { className: ['pm-gap'] }, [
    h('rect', { x: pct(left), y: em(bandTop), width: pct(Math.max(0.2, width)), height: em(axisY - bandTop) }, [
      h('title', {}, [`No entries for ${shortDuration(gap.minutes)}, ${when(gap.from)} to ${when(gap.to)}`]),
    ]),
    // A label only where it fits; the title says it anyway.
    width >= 12 ? h('text', { x: pct(left + width / 2), y: em(bandTop + 1), textAnchor: 'middle' }, [`gap ${shortDuration(gap.minutes)}`]) : null,
  ]);
}

/** The axis, piece by piece, with ticks at round clock times; a break between pieces says how long it skips. */
function axisLayer({ x, segments, breaks, clockStyle, clock, when, dayOf, dayText, multiDay, origin }: Frame, { axisY, tickY }: Rows): Element {
  const axis: Element[] = [];
  let lastDay: number | null = null;
  for (const segment of segments) {
    axis.push(h('line', { className: ['pm-axis-line'], x1: pct(segment.left), y1: em(axisY), x2: pct(segment.left + segment.width), y2: em(axisY) }));
    const span = segment.to - segment.from;
    // A tick label every 14% of the width (18% for "10:30 PM"): apart at about 480 px.
    const room = Math.max(1, Math.floor(segment.width / (clockStyle === '12h' ? 18 : 14)));
    const step = TICK_STEPS.find((candidate) => span / candidate <= room) ?? Math.ceil(span / room / 1440) * 1440;
    let ticks: number[] = [];
    for (let absolute = Math.ceil((origin + segment.from) / step) * step; absolute <= origin + segment.to; absolute += step) ticks.push(absolute - origin);
    // A piece too short for a round time still says when it is.
    if (ticks.length === 0) ticks = [Math.round((segment.from + segment.to) / 2)];
    for (const minutes of ticks) {
      const at = x(minutes);
      const anchor = at < 6 ? 'start' : at > 94 ? 'end' : 'middle';
      const day = dayOf(minutes);
      axis.push(
        h('line', { className: ['pm-tick'], x1: pct(at), y1: em(axisY), x2: pct(at), y2: em(axisY + 0.3) }),
        h('text', { className: ['pm-tick-label'], x: pct(at), y: em(tickY), textAnchor: anchor }, [clock(minutes)]),
      );
      if (multiDay && day !== lastDay)
        axis.push(h('text', { className: ['pm-tick-label', 'pm-day-label'], x: pct(at), y: em(tickY + 1.3), textAnchor: anchor }, [dayText(day)]));
      lastDay = day;
    }
    lastDay = null;
  }
  for (const cut of breaks) {
    const middle = (x(cut.from) + x(cut.to)) / 2;
    axis.push(
      h('g', { className: ['pm-break'] }, [
        h('line', { x1: pct(middle - 1.2), y1: em(axisY + 0.45), x2: pct(middle - 0.4), y2: em(axisY - 0.45) }),
        h('line', { x1: pct(middle + 0.4), y1: em(axisY + 0.45), x2: pct(middle + 1.2), y2: em(axisY - 0.45) }),
        h('text', { x: pct(middle), y: em(axisY - 0.7), textAnchor: 'middle' }, [shortDuration(cut.minutes)]),
        h('title', {}, [`The axis skips ${shortDuration(cut.minutes)} with no entries, ${when(cut.from)} to ${when(cut.to)}`]),
      ]),
    );
  }
  return h('g', { className: ['pm-axis'] }, axis);
}

function labelLayer({ axisY }: Rows, label: Label): Element {
  const y = (label.row + 1) * LABEL_ROW - 0.4;
  return h(
    'g',
    {
      className: ['pm-milestone', ...label.kinds.map((kind) => `pm-${kind}`)],
      dataMilestone: label.kinds.join(' '),
      dataMinutes: label.since ?? label.minutes,
    },
    [
      h('line', { x1: pct(label.at), y1: em(y + 0.3), x2: pct(label.at), y2: em(axisY) }),
      h('text', { x: pct(label.at), y: em(y), textAnchor: label.anchor }, [label.text]),
      h('title', {}, [label.title]),
    ],
  );
}

/** Marks: one per entry, or one per slice of the axis when there are too many to tell apart. */
function markLayer(
  { x, when, text, points, windowEnd, limits }: Frame,
  { markY }: Rows,
  milestoneOf: Map<TimelineEntry, MilestoneKind[]>,
): { element: Element; count: number; outside: number; grouped: boolean } {
  const outside = (offset: number): boolean => windowEnd !== null && (offset < 0 || offset > windowEnd);
  const groups: Point[][] = [];
  const grouped = points.length > limits.maxMarks;
  if (!grouped) {
    for (const point of points) groups.push([point]);
  } else {
    const slices = new Map<number, Point[]>();
    for (const point of points) {
      const slice = Math.min(limits.maxMarks - 1, Math.floor((x(point.offset) / 100) * limits.maxMarks));
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
    const at = x(first.offset);
    row = at - previousX < 1.2 ? (row + 1) % MARK_ROWS : 0;
    previousX = at;
    const kinds = group.flatMap((point) => milestoneOf.get(point.entry) ?? []);
    const classes = ['pm-mark', ...kinds.map((kind) => `pm-${kind}`)];
    if (group.some((point) => outside(point.offset))) classes.push('pm-outside');
    if (group.length > 1) classes.push('pm-group');
    const label =
      group.length > 1
        ? `${group.length} entries, ${when(first.offset)} to ${when(group[group.length - 1].offset)}: ${entryText(text, first.entry)}`
        : `${when(first.offset)}${outside(first.offset) ? ' (outside the incident window)' : ''}: ${entryText(text, first.entry)}`;
    // Focusable, named (an SVG title names its parent) and operable from the keyboard: Tab reads it, Enter shows it in the editor.
    return h('g', { className: classes, dataLine: first.entry.line, tabIndex: 0, role: 'button' }, [
      h('circle', { cx: pct(at), cy: em(markY(row)), r: group.length > 1 ? 6 : 5 }),
      h('title', {}, [label]),
    ]);
  });
  return { element: h('g', { className: ['pm-marks'] }, marks), count: marks.length, outside: points.filter((point) => outside(point.offset)).length, grouped };
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
  if (summary.untimedEntries)
    notes.push(
      `${summary.untimedEntries} entr${summary.untimedEntries === 1 ? 'y has' : 'ies have'} no readable time and ${summary.untimedEntries === 1 ? 'is' : 'are'} not drawn.`,
    );
  if (summary.outside) notes.push(`${summary.outside} entr${summary.outside === 1 ? 'y falls' : 'ies fall'} outside the incident window.`);
  if (summary.grouped) notes.push(`${summary.timedEntries} entries are grouped into ${summary.marks} marks.`);
  return notes.join(' ');
}
