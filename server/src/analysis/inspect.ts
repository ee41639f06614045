/**
 * The model as plain JSON (1-based lines), for `postmortem inspect` and for tests.
 */
import type { PostmortemModel } from './model';
import type { HeadingNode } from './outline';
import { formatMinutes } from './time';
import type { WindowPoint } from './window';

export interface InspectJson {
  sections: Array<{ kind: string; kinds: string[]; title: string; line: number; endLine: number; primary: boolean; style: string }>;
  window: { start: string | null; end: string | null; timezone: string | null; statedDurationMinutes: number | null; line: number | null };
  timeline: Array<{
    line: number;
    time: string | null;
    endTime: string | null;
    date: string | null;
    timezone: string | null;
    zoneSource: string | null;
    text: string;
  }>;
  actions: Array<{ line: number; text: string; checked: boolean | null; owner: string | null; due: string | null; group: string | null }>;
  metrics: PostmortemModel['metrics'];
}

export function toInspectJson(model: PostmortemModel): InspectJson {
  const { outline, window, timeline, actions, doc } = model;
  const primary = new Map<HeadingNode, number>();
  for (const section of Object.values(outline.sections)) if (section) primary.set(section.node, section.endLine);
  const nodes = [...outline.headings, ...outline.fields.filter((field) => primary.has(field))].sort((a, b) => a.line - b.line);
  return {
    sections: nodes.map((node) => ({
      kind: node.kinds[0] ?? 'other',
      kinds: node.kinds,
      title: node.title,
      line: node.line + 1,
      endLine: (primary.get(node) ?? outline.extentEnd.get(node.line) ?? node.line) + 1,
      primary: primary.has(node),
      style: node.style,
    })),
    window: {
      start: formatPoint(window.start),
      end: formatPoint(window.end),
      timezone: window.zone?.text ?? null,
      statedDurationMinutes: window.duration?.minutes ?? null,
      line: window.start ? window.start.line + 1 : null,
    },
    timeline: timeline.entries.map((entry) => ({
      line: entry.line + 1,
      time: entry.time?.minutes != null ? formatMinutes(entry.time.minutes) : null,
      endTime: entry.endTime?.minutes != null ? formatMinutes(entry.endTime.minutes) : null,
      date: entry.date,
      timezone: entry.zone?.text ?? null,
      zoneSource: entry.zoneSource,
      text: doc.text.slice(entry.textStart, entry.textEnd),
    })),
    actions: actions.map((item) => ({
      line: item.line + 1,
      text: item.text,
      checked: item.checked,
      owner: item.owner,
      due: item.due,
      group: item.group,
    })),
    metrics: model.metrics,
  };
}

function formatPoint(point: WindowPoint | null): string | null {
  if (!point) return null;
  return `${point.date ?? ''}T${formatMinutes(point.minutes)}`;
}
