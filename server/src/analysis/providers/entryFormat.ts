/**
 * How this report writes its timeline entries (bullet, bold time, 12- or 24-hour clock, zone,
 * date, table row), read from its last timed entry, so that a new entry looks like the others.
 * Used by completion ("New timeline entry") and by "Insert Timeline Entry Now".
 */
import type { PostmortemModel } from '../model';
import { lineBreakOf } from '../text';
import { formatClock, offsetOn, pad, type Zone } from '../time';
import { lastTimedEntry, timedEntryCount } from '../query';

export interface EntryFormat {
  /** "-", "*", "3." or "" (plain lines and table rows). */
  bullet: string;
  bold: boolean;
  clock: '12h' | '24h';
  /** The zone written on each entry, or "" when the timeline states it once. */
  zoneText: string;
  /** The zone entries are in, for stamping the current time. */
  zone: Zone | null;
  /** Whether entries carry their own date. */
  dated: boolean;
  /** The number of cells when entries are table rows, else 0. */
  tableCells: number;
  /** In a table row: which cell holds the time. */
  timeCell: number;
}

export function entryFormat(model: PostmortemModel | null): EntryFormat {
  const last = model ? lastTimedEntry(model) : null;
  const statedZone = model?.timeline.zone?.zone ?? null;
  if (!model || !last) {
    const zone = statedZone ?? model?.window.zone?.zone ?? null;
    return { bullet: '-', bold: false, clock: '24h', zoneText: statedZone ? '' : (zone?.text ?? 'UTC'), zone, dated: false, tableCells: 0, timeCell: 0 };
  }
  const lineText = model.doc.index.lineText(last.line);
  const lineStart = model.doc.index.start(last.line);
  const beforeTime = model.doc.source.slice(lineStart, last.time.start);
  const tableCells = /^\s*\|/.test(lineText)
    ? lineText
        .trim()
        .replace(/^\||\|$/g, '')
        .split('|').length
    : 0;
  // The cell the time sits in: count the pipes before it, less the row's leading one.
  const timeCell = tableCells > 0 ? Math.max(0, (beforeTime.match(/\|/g)?.length ?? 1) - 1) : 0;
  let bullet = /^\s*([-*+]|\d{1,3}[.)])\s/.exec(lineText)?.[1] ?? '';
  // Numbered entries go on counting (rare enough to count them all).
  if (/^\d/.test(bullet)) bullet = `${timedEntryCount(model) + 1}${bullet.slice(-1)}`;
  return {
    bullet,
    // Bold opened before the time and not closed: "**10:00**" and "**2026-11-20 10:00 UTC**".
    bold: /\*\*[^*]*$/.test(beforeTime),
    clock: last.time.clock,
    zoneText: last.writtenZone?.text ?? '',
    zone: last.zone,
    dated: last.dateOnEntry,
    tableCells,
    timeCell,
  };
}

/** One entry line in the report's format; `time` and `text` are already formatted (they may be snippet placeholders). */
export function entryLine(format: EntryFormat, time: string, zone: string, text: string, date = ''): string {
  const stamp = `${date ? `${date} ` : ''}${time}${zone ? ` ${zone}` : ''}`;
  if (format.tableCells > 0) {
    const cells = Array.from({ length: Math.max(2, format.tableCells) }, () => '');
    const timeCell = Math.min(format.timeCell, cells.length - 1);
    cells[timeCell] = stamp;
    cells[timeCell === 0 ? 1 : 0] = text;
    return `| ${cells.join(' | ')} |`;
  }
  const shown = format.bold ? `**${stamp}**` : stamp;
  return `${format.bullet ? `${format.bullet} ` : ''}${shown}: ${text}`;
}

export interface EntryInsertion {
  /** Where the new line goes (an offset at the end of a line). */
  offset: number;
  /** The text to insert there, line break included. */
  newText: string;
  /** Where the entry's description starts and ends within `newText`, to select it. */
  textStart: number;
  textEnd: number;
}

const DESCRIPTION = 'What happened';

/** `now` as this report writes an entry's stamp: in its zone (UTC, written out, when its zone has no known offset), with the date when its entries carry one. */
export interface Stamp {
  time: string;
  zoneText: string;
  date: string;
}

export function stampNow(format: EntryFormat, now: Date): Stamp {
  const zoneOffset = format.zone ? offsetOn(format.zone, now.toISOString().slice(0, 10), now.getUTCHours() * 60 + now.getUTCMinutes()) : null;
  const local = new Date(now.getTime() + (zoneOffset ?? 0) * 60_000);
  return {
    time: formatClock(local.getUTCHours() * 60 + local.getUTCMinutes(), format.clock),
    // A zone whose offset we cannot tell ("Foo Time") gets the time in UTC, labelled so.
    zoneText: zoneOffset === null ? 'UTC' : format.zoneText,
    date: format.dated ? `${local.getUTCFullYear()}-${pad(local.getUTCMonth() + 1)}-${pad(local.getUTCDate())}` : '',
  };
}

/**
 * A new timeline entry stamped with `now`, in the report's zone (UTC, written out, when the
 * report states none), after the timeline's last non-blank line. Null without a Timeline section.
 */
export function entryNow(model: PostmortemModel, now: Date): EntryInsertion | null {
  const section = model.timeline.section;
  if (!section) return null;
  const { index, lines, text } = model.doc;
  const format = entryFormat(model);
  const stamp = stampNow(format, now);
  const line = entryLine(format, stamp.time, stamp.zoneText, DESCRIPTION, stamp.date);
  let last = section.endLine;
  while (last > section.line && lines.at(last).kind === 'blank') last--;
  const lineBreak = lineBreakOf(text);
  const newText = `${lineBreak}${last === section.line ? lineBreak : ''}${line}`;
  const textStart = newText.lastIndexOf(DESCRIPTION);
  return { offset: index.end(last), newText, textStart, textEnd: textStart + DESCRIPTION.length };
}
