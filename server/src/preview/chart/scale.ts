/**
 * The chart's frame: where on the width a time falls (the axis in segments, with breaks over long empty
 * pauses), and how a time is written (the report's own clock, with the day when the chart spans days).
 * Every layer (layers.ts) reads the frame and nothing else of the model.
 */
import { addDays, formatClock, type PostmortemModel, type TimelineEntry } from '../../analysis/index';
import type { ChartGap } from './types';

// The chart is drawn in the panel's own units, never scaled: x in percent of the width, y in em of the
// editor's font size (the stylesheet sets it), so text is exactly as large as the editor's at any width.
export const PAD_X = 1.5;
export const BREAK_WIDTH = 5;

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

export interface Point {
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

export interface Segment {
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

/** What every layer of the chart reads: the scale, the clock, the rows, and the chart's input. */
export interface Frame {
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

/** The scale and the clock of a chart of `points`, minutes from `origin`. */
export function frameOf(
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
