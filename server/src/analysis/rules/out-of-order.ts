import { crossesMidnight, daysBetween, readingInstant, sameZoneFamily, type Zone } from '../time';
import { formatTime, zoneShift } from '../clock';
import { sortTimelineFixSteps } from '../edits';
import { defineStepQuery, firstTimedEntrySteps, hasStepWhereSteps, stepsWhereSteps, type EntryFacts } from '../query';
import type { Rule } from './rule';
import { isStatusPage } from '../window';

/** The zones entries are ordered in: the timeline's stated one, and the one of an entry without its own. */
interface OrderZones {
  stated: Zone | null;
  fallback: Zone | null;
}

/**
 * Whether `current` (in zone `currentZone`) is earlier than `previous`, the entry before it: on
 * instants where both dates and zones are known (an entry at 01:50 PST and the next at 03:05 PDT
 * are 15 minutes apart), else on the clock, where a step from evening to early morning crosses
 * midnight.
 */
function isBefore(current: EntryFacts, currentZone: Zone | null, previous: EntryFacts, previousZone: Zone | null): boolean {
  const now = current.time?.minutes ?? null;
  const then = previous.time?.minutes ?? null;
  if (now === null || then === null) return false;
  const nowSeconds = current.time?.seconds ?? 0;
  const thenSeconds = previous.time?.seconds ?? 0;
  if (current.date && previous.date && currentZone && previousZone) {
    const nowInstant = readingInstant(current.date, now, currentZone);
    const thenInstant = readingInstant(previous.date, then, previousZone);
    if (nowInstant !== null && thenInstant !== null) return (nowInstant - thenInstant) * 60 + nowSeconds - thenSeconds < 0;
  }
  const shift = zoneShift(currentZone, previousZone, current.date ?? previous.date);
  const previousSeconds = then * 60 + thenSeconds;
  const currentSeconds = (now + shift) * 60 + nowSeconds;
  if (previous.date && current.date) return daysBetween(previous.date, current.date) * 86_400 + currentSeconds - previousSeconds < 0;
  return currentSeconds < previousSeconds && !crossesMidnight(then, now + shift);
}

/** What two entries were compared on: instants (both dated and zoned), the dates and clock, or the clock alone. */
function comparedOn(current: EntryFacts, previous: EntryFacts, zones: OrderZones): 'instants' | 'dates' | 'clock' {
  if (current.date && previous.date && orderZone(current, zones) && orderZone(previous, zones)) return 'instants';
  return current.date && previous.date ? 'dates' : 'clock';
}

/**
 * The zone an entry is ordered in. An entry whose own zone is of another region than the one the
 * timeline states ("23:00 MST" under "all times PST") is timezone-conflict's to report and is not
 * ordered (see the steps below); where it is still the entry before a chunk's first, it is read on
 * the timeline's clock.
 */
function orderZone(entry: EntryFacts, zones: OrderZones): Zone | null {
  return conflictsWithTimeline(entry, zones) ? zones.stated : (entry.writtenZone?.zone ?? zones.fallback);
}

function conflictsWithTimeline(entry: EntryFacts, { stated }: OrderZones): boolean {
  const own = entry.writtenZone?.zone ?? null;
  return own !== null && stated !== null && !sameZoneFamily(own, stated);
}

/**
 * Steps between consecutive timed entries. An entry in another region's zone than the timeline
 * states is timezone-conflict's: which clock it was meant on is unknown, so it is not ordered at
 * all (read either way, one slip would be reported twice, or a correct conversion called out of order).
 */
const takes = (entry: EntryFacts, zones: OrderZones): boolean => !conflictsWithTimeline(entry, zones);
const isBackward = (entry: EntryFacts, previous: EntryFacts, zones: OrderZones): boolean =>
  isBefore(entry, orderZone(entry, zones), previous, orderZone(previous, zones));
const BACKWARD = defineStepQuery({ name: 'out-of-order:backward', takes, matches: isBackward });
const FORWARD = defineStepQuery({
  name: 'out-of-order:forward',
  takes,
  matches: (entry: EntryFacts, previous: EntryFacts, zones: OrderZones) => !isBackward(entry, previous, zones),
});

export const outOfOrder: Rule = {
  id: 'out-of-order',
  description: 'A timeline entry is earlier than the entry before it.',
  defaultSeverity: 'warning',
  tags: ['timeline', 'time'],
  *check({ model }, report) {
    const { timeline } = model;
    const zones: OrderZones = { stated: timeline.zone?.zone ?? null, fallback: timeline.fallbackZone?.zone ?? null };
    // Both are asked on every edit, though the second is needed only when a step back appears: kept
    // warm, an edit updates it for the pieces it changed (see stepsWhere).
    const steps = yield* stepsWhereSteps(model, BACKWARD, zones);
    const anyForward = yield* hasStepWhereSteps(model, FORWARD, zones);
    if (steps.length === 0) return;
    // The fix is the same for every step back: asked once, for the first that reports.
    const sort = steps.length > 0 ? yield* sortTimelineFixSteps(model) : null;
    // A status page lists its updates newest first, by convention: that is its order, not a mistake.
    if (!anyForward && isStatusPage(model.doc)) return;
    // Elsewhere a timeline that runs newest first is said once, not once per entry.
    const first = yield* firstTimedEntrySteps(model);
    if (!anyForward && steps.length >= 2 && first) {
      report({
        start: first.time.start,
        end: first.time.start + formatTime(first).length,
        message: 'List the timeline oldest first: it runs newest first (the quick fix reverses it).',
        data: { evidence: 'newest-first', reversed: true },
        fix: sort ?? undefined,
      });
      return;
    }
    for (const { entry, previous } of steps) {
      if (!entry.time) continue;
      report({
        start: entry.time.start,
        end: entry.time.start + formatTime(entry).length,
        message: `Put the timeline in chronological order: ${formatTime(entry)} comes after ${formatTime(previous)} (line ${previous.line + 1}).`,
        data: { evidence: 'earlier-than-previous', comparedOn: comparedOn(entry, previous, zones), previousLine: previous.line + 1 },
        fix: sort ?? undefined,
      });
    }
  },
};
