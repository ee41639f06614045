import { rankOf, type Positions } from '../carry';
import { crossesMidnight, daysBetween, readingInstant, sameZoneFamily, type Zone } from '../time';
import type { Timeline, TimelineEntry, TimelinePiece } from '../timeline';
import { formatTime, isTimed, piecesWhereSteps, timedPiecesSteps, zoneOf, zoneSetting, zoneShift } from './clock';
import { sortTimelineFixSteps } from './fixes';
import type { Fix, Rule } from './rule';
import { isStatusPage } from '../window';

/**
 * Whether `current` (in zone `currentZone`) is earlier than `previous`, the entry before it: on
 * instants where both dates and zones are known (an entry at 01:50 PST and the next at 03:05 PDT
 * are 15 minutes apart), else on the clock, where a step from evening to early morning crosses
 * midnight.
 */
function isBefore(current: TimelineEntry, currentZone: Zone | null, previous: TimelineEntry, previousZone: Zone | null): boolean {
  if (current.date && previous.date && currentZone && previousZone) {
    const now = readingInstant(current.date, current.time!.minutes!, currentZone);
    const before = readingInstant(previous.date, previous.time!.minutes!, previousZone);
    if (now !== null && before !== null) return (now - before) * 60 + (current.time!.seconds ?? 0) - (previous.time!.seconds ?? 0) < 0;
  }
  const shift = zoneShift(currentZone, previousZone, current.date ?? previous.date);
  const previousSeconds = previous.time!.minutes! * 60 + (previous.time!.seconds ?? 0);
  const currentSeconds = (current.time!.minutes! + shift) * 60 + (current.time!.seconds ?? 0);
  if (previous.date && current.date) return daysBetween(previous.date, current.date) * 86_400 + currentSeconds - previousSeconds < 0;
  return currentSeconds < previousSeconds && !crossesMidnight(previous.time!.minutes!, current.time!.minutes! + shift);
}

/**
 * The zone an entry is ordered in. An entry whose own zone is of another region than the one the
 * timeline states ("23:00 MST" under "all times PST") is timezone-conflict's to report: for the
 * order it is read on the timeline's clock, so one slip is not reported twice.
 */
function orderZone(entry: TimelineEntry, timeline: Timeline): Zone | null {
  const own = entry.writtenZone?.zone ?? null;
  const stated = timeline.zone?.zone ?? null;
  if (own && stated && !sameZoneFamily(own, stated)) return stated;
  return zoneOf(entry, timeline);
}

/** Each timed entry of a piece with the one before it (which may be in an earlier chunk: the piece's input has it). */
function forEachStep(timeline: Timeline, piece: TimelinePiece, visit: (entry: TimelineEntry, previous: TimelineEntry, backward: boolean) => void): void {
  let previous = piece.input.previous;
  for (const entry of piece.entries) {
    if (!isTimed(entry)) continue;
    if (previous) visit(entry, previous, isBefore(entry, orderZone(entry, timeline), previous, orderZone(previous, timeline)));
    previous = entry;
  }
}

function hasStep(timeline: Timeline, piece: TimelinePiece, backward: boolean): boolean {
  let found = false;
  forEachStep(timeline, piece, (_entry, _previous, isBackward) => {
    if (isBackward === backward) found = true;
  });
  return found;
}

export const outOfOrder: Rule = {
  id: 'out-of-order',
  description: 'A timeline entry is earlier than the entry before it.',
  defaultSeverity: 'warning',
  tags: ['timeline', 'time'],
  *check({ model }, report) {
    const { timeline } = model;
    // The timeline is read chunk by chunk, with chunk-relative offsets: see Timeline.pieces. Only
    // pieces with a step back in time are visited; what the steps read besides the piece is the zones.
    const setting = `${zoneSetting(timeline.fallbackZone?.zone)}|${zoneSetting(timeline.zone?.zone)}`;
    // All three are kept on every edit, though only the first is needed while the timeline is in
    // order: worked out afresh when a step back appears, the others would visit every piece.
    const backward = yield* piecesWhereSteps(timeline, 'out-of-order:backward', setting, (piece) => hasStep(timeline, piece, true));
    const forward = yield* piecesWhereSteps(timeline, 'out-of-order:forward', setting, (piece) => hasStep(timeline, piece, false));
    const timed = yield* timedPiecesSteps(timeline);
    if (backward.length === 0) return;
    const steps: Array<{ entry: TimelineEntry; previous: TimelineEntry; position: number }> = [];
    for (const position of backward) {
      forEachStep(timeline, timeline.pieces.at(position)!, (entry, previous, isBackward) => {
        if (isBackward) steps.push({ entry, previous, position });
      });
    }
    // Worked out once, in steps, for every report below: it asks about every piece of the timeline.
    let sort: Fix | null | undefined;
    // A status page lists its updates newest first, by convention: that is its order, not a mistake.
    if (forward.length === 0 && isStatusPage(model.doc)) return;
    // Elsewhere a timeline that runs newest first is said once, not once per entry.
    if (forward.length === 0 && steps.length >= 2) {
      const first = timeline.pieces.at(timed[0])!.entries.find(isTimed)!;
      const at = first.time!.start + timeline.chunks.start(timed[0]);
      report({
        start: at,
        end: at + formatTime(first).length,
        message: 'List the timeline oldest first: it runs newest first (the quick fix reverses it).',
        data: { reversed: true },
        fix: (yield* sortTimelineFixSteps(model)) ?? undefined,
      });
      return;
    }
    for (const { entry, previous, position } of steps) {
      const at = entry.time!.start + timeline.chunks.start(position);
      const previousLine = lineOf(timeline, timed, previous, position);
      report({
        start: at,
        end: at + formatTime(entry).length,
        message: `Put the timeline in chronological order: ${formatTime(entry)} comes after ${formatTime(previous)} (line ${previousLine + 1}).`,
        data: { previousLine: previousLine + 1 },
        fix: (sort ??= yield* sortTimelineFixSteps(model)) ?? undefined,
      });
    }
  },
};

/**
 * The document line of `previous`, the entry before one in the piece at `position`: in that piece,
 * or else the last timed entry of the piece before it that has one.
 */
function lineOf(timeline: Timeline, timed: Positions, previous: TimelineEntry, position: number): number {
  if (timeline.pieces.at(position)!.entries.includes(previous)) return previous.line + timeline.chunks.firstLine(position);
  const before = timed[rankOf(timed, position) - 1];
  const entries = timeline.pieces.at(before)!.entries;
  for (let e = entries.length - 1; e >= 0; e--) if (isTimed(entries[e])) return entries[e].line + timeline.chunks.firstLine(before);
  return -1;
}
