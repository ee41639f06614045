/**
 * A code lens on the Timeline heading: duration and the times to detect, mitigate and resolve.
 */
import type { PostmortemModel } from '../model';
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
  const add = (label: string, minutes: number | null): void => {
    if (minutes !== null) parts.push(`${label} ${describeMinutes(minutes)}`);
  };
  add('detected after', metrics.timeToDetectMinutes);
  add('mitigated after', metrics.timeToMitigateMinutes);
  add('resolved after', metrics.timeToResolveMinutes);
  parts.push(`${metrics.timedEntries} entr${metrics.timedEntries === 1 ? 'y' : 'ies'}`);
  return [{ start: section.node.titleStart, end: Math.max(section.node.titleStart, section.node.titleEnd), title: parts.join(' · ') }];
}
