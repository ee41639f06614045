/**
 * The chart's layers, one function each, drawn from the frame (scale.ts) in the panel's units: x in
 * percent of the width, y in em of the editor's font size.
 */
import type { Element } from 'hast';
import type { PostmortemModel, TimelineEntry } from '../../analysis/index';
import { h } from '../hast';
import { shortDuration, type Frame, type Point } from './scale';
import { MILESTONES, type ChartGap, type ChartSummary, type MilestoneKind } from './types';

const LABEL_ROW = 1.5;
const MAX_LABEL_ROWS = 5;
const MARK_ROW = 0.75;
const MARK_ROWS = 4;
// Percent of the width one bold character of a label takes in a narrow chart (about 430 px at 14 px): labels
// placed apart there stay apart in any wider one.
const CHAR_WIDTH = 2;
const TITLE_LIMIT = 300;
const TICK_STEPS = [1, 2, 5, 10, 15, 30, 60, 120, 180, 360, 720, 1440, 2880, 7 * 1440, 14 * 1440, 28 * 1440, 91 * 1440, 365 * 1440];

function entryText(text: string, entry: TimelineEntry): string {
  const value = text.slice(entry.textStart, entry.textEnd).replace(/\s+/g, ' ').trim();
  return value.length > TITLE_LIMIT ? `${value.slice(0, TITLE_LIMIT - 1)}…` : value;
}

export interface Label {
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

/** Vertical places, in em, once the label rows are known. */
export interface Rows {
  bandTop: number;
  axisY: number;
  tickY: number;
  height: number;
  markY: (row: number) => number;
}

export const pct = (value: number): string => `${Math.round(value * 100) / 100}%`;
export const em = (value: number): string => `${Math.round(value * 100) / 100}em`;

/** The window's start and end and the milestones, each written out, stacked in rows so none overlaps. */
export function layoutLabels(
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

export function rowsOf(frame: Frame, labelRows: number): Rows {
  const bandTop = labelRows * LABEL_ROW + 0.3;
  const axisY = bandTop + 0.9 + MARK_ROWS * MARK_ROW + 0.2;
  const tickY = axisY + 1.3;
  return { bandTop, axisY, tickY, height: (frame.multiDay ? tickY + 1.3 : tickY) + 0.5, markY: (row) => bandTop + 0.9 + row * MARK_ROW };
}

export function windowLayer({ x, when }: Frame, { bandTop, axisY }: Rows, windowEnd: number): Element {
  return h('rect', { className: ['pm-window'], x: pct(x(0)), y: em(bandTop), width: pct(Math.max(0.2, x(windowEnd) - x(0))), height: em(axisY - bandTop) }, [
    h('title', {}, [`Incident window ${when(0)} to ${when(windowEnd)} (${shortDuration(windowEnd)})`]),
  ]);
}

/** The longest pauses between consecutive distinct instants that the axis still draws to scale. */
export function longGaps({ points, segments, breaks, limits }: Frame): ChartGap[] {
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

export function gapLayer({ x, when }: Frame, { bandTop, axisY }: Rows, gap: ChartGap): Element {
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
export function axisLayer({ x, segments, breaks, clockStyle, clock, when, dayOf, dayText, multiDay, origin }: Frame, { axisY, tickY }: Rows): Element {
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

export function labelLayer({ axisY }: Rows, label: Label): Element {
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
export function markLayer(
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

export function metricsStrip(model: PostmortemModel): Element {
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

export function chartNotes(summary: ChartSummary): string {
  const notes: string[] = [];
  if (summary.untimedEntries)
    notes.push(
      `${summary.untimedEntries} entr${summary.untimedEntries === 1 ? 'y has' : 'ies have'} no readable time and ${summary.untimedEntries === 1 ? 'is' : 'are'} not drawn.`,
    );
  if (summary.outside) notes.push(`${summary.outside} entr${summary.outside === 1 ? 'y falls' : 'ies fall'} outside the incident window.`);
  if (summary.grouped) notes.push(`${summary.timedEntries} entries are grouped into ${summary.marks} marks.`);
  return notes.join(' ');
}
