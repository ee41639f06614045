/**
 * A code lens on the Timeline heading: duration and the times to detect, mitigate and resolve.
 */
import type { MetricSource, PostmortemModel } from '../model';
import { describeMinutes } from '../time';

export interface Lens {
  start: number;
  end: number;
  title: string;
}

export function codeLenses(model: PostmortemModel): Lens[] {
  const section = model.outline.sections.timeline;
  if (!section) return [];
  const { metrics } = model;
  const parts: string[] = [];
  parts.push(metrics.durationMinutes !== null ? `Duration ${describeMinutes(metrics.durationMinutes)}` : 'Duration unknown (state a start and end)');
  // Each time says where it came from: the entry's time, and whether the report marks the milestone
  // or its words only suggest it; one that nothing establishes is shown as unknown.
  const add = (label: string, minutes: number | null, source: MetricSource | null): void => {
    if (minutes === null || source === null) parts.push(`${label} unknown`);
    else parts.push(`${label} after ${describeMinutes(minutes)} (${source.time}, ${source.how === 'marked' ? 'marked' : `guessed from "${source.words}"`})`);
  };
  add('detected', metrics.timeToDetectMinutes, metrics.sources.detect);
  add('mitigated', metrics.timeToMitigateMinutes, metrics.sources.mitigate);
  add('resolved', metrics.timeToResolveMinutes, metrics.sources.resolve);
  parts.push(`${metrics.timedEntries} entr${metrics.timedEntries === 1 ? 'y' : 'ies'}`);
  return [{ start: section.node.titleStart, end: Math.max(section.node.titleStart, section.node.titleEnd), title: parts.join(' · ') }];
}
