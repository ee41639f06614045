/**
 * New Postmortem's start time and zone as the user typed them, read with the core's own time and
 * zone parsing (the extension asks the server, `postmortem/readStart`, on each keystroke).
 */
import { findTimes, wrongSeasonAt, zoneAfter } from '../time';

/**
 * The start time and zone as typed ("14:05 UTC", "2:05 PM PDT", "16:05 UTC+02:00"), read with
 * the analysis core's own time and zone parsing, and checked against the date for daylight
 * saving; empty means "fill in later".
 */
export function readStart(value: string, date?: string): { start: { time: string; zone: string } | null; problem: string | null } {
  const text = value.trim();
  if (!text) return { start: null, problem: null };
  const [time] = findTimes(text);
  if (!time || time.start !== 0) return { start: null, problem: 'Write the time and its timezone, e.g. 14:05 UTC (or leave it empty to fill in later).' };
  if (time.problem) return { start: null, problem: `${time.raw}: ${time.problem}` };
  const zone = zoneAfter(text, time.end);
  if (!zone || (zone.zone.fixedOffset === null && zone.zone.iana === null))
    return { start: null, problem: 'Add the timezone after the time, e.g. 14:05 UTC, 9:30 AM PDT or 16:05 UTC+02:00.' };
  if (text.slice(zone.end).trim()) return { start: null, problem: `Only the time and its timezone, please: "${text.slice(zone.end).trim()}" is left over.` };
  // Judged at the instant typed: "00:48 PST" on the day clocks go forward at 02:00 is right.
  const { counterpart } = zone.zone;
  if (date && counterpart && time.minutes !== null && wrongSeasonAt(zone.zone, date, time.minutes))
    return { start: null, problem: `${zone.text} is not in use at ${time.raw} on ${date}: write ${counterpart}.` };
  return { start: { time: time.raw, zone: zone.text }, problem: null };
}
