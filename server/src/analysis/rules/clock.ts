/**
 * Helpers shared by the timeline rules: comparing times that may carry dates and zones.
 */
import type { TimelineEntry } from '../timeline';
export { forEachEntry, forEachEntryAt, forEachEntryAtSteps, isTimed, piecesWhere, piecesWhereSteps, timedEntries, timedPieces, timedPiecesSteps, zoneOf, zoneSetting } from '../timeline';
import { offsetOn, sameZoneFamily, type Zone } from '../time';

/** Minutes to add to a time in zone `from` to express it in zone `to`; 0 when either offset is unknown. */
export function zoneShift(from: Zone | null, to: Zone | null, date: string | null): number {
  if (!from || !to) return 0;
  // PST beside PDT means one local clock with a wrong label (dst-mismatch says so), not two zones.
  if (sameZoneFamily(from, to)) return 0;
  const fromOffset = offsetOn(from, date);
  const toOffset = offsetOn(to, date);
  if (fromOffset === null || toOffset === null) return 0;
  return toOffset - fromOffset;
}

export function formatTime(entry: TimelineEntry): string {
  return entry.time ? entry.time.raw.trim() : '';
}
