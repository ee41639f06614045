/**
 * The timeline chart: an inline SVG (built as hast, never as a string) of the incident window with one
 * mark per timed entry, the detection, mitigation and resolution milestones, long gaps between entries,
 * and a strip of metrics under it.
 *
 * Positions come from the core exactly as the metrics do (`entryInstants`, with the window start or else
 * the first entry as origin), so a mark drawn at "+37 min" is the entry the code lens counts at 37 minutes.
 */
import type { Element } from 'hast';
import { daysBetween, entryInstants, type PostmortemModel, timedEntries } from '../analysis/index';
import { h, type Child } from './hast';
import { axisLayer, chartNotes, em, gapLayer, labelLayer, layoutLabels, longGaps, markLayer, metricsStrip, rowsOf, windowLayer } from './chart/layers';
import { frameOf, reportClock, type Frame, type Point } from './chart/scale';
import type { ChartOptions, ChartSummary } from './chart/types';

export type { ChartGap, ChartOptions, ChartSummary, MilestoneKind } from './chart/types';
export { axisSegments, reportClock, shortDuration } from './chart/scale';

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
