/**
 * Fixes that need more than the problem's own text: inserting a section at its canonical
 * place, sorting the timeline, stating the timeline's zone. Pure functions over the model.
 */
import { defineLazy } from '../lazy';
import { entryInstants, type PostmortemModel } from '../model';
import type { Section } from '../outline';
import { isTimed, piecesWhere, timedEntries, timedPieces, zoneSetting, type Timeline, type TimelinePiece } from '../timeline';
import { zoneShift } from './clock';
import { CANONICAL_ORDER, sectionLevel, sectionText } from '../templates';
import { lineBreakOf } from '../text';
import type { SectionKind } from '../titles';
import type { Diagnostic } from '../lint';
import type { Fix, TextEdit } from './rule';

/** Inserts the section after the last present section that comes before it in canonical order. */
export function insertSectionFix(model: PostmortemModel, kind: SectionKind): Fix {
  const { index, lines, source } = model.doc;
  // Read in slices: a report missing a section gets this fix on every keystroke.
  const lineBreak = lineBreakOf(source.slice(0, index.lineCount > 1 ? index.start(1) : 0));
  const position = CANONICAL_ORDER.indexOf(kind);
  const present = Object.values(model.outline.sections).filter((section) => section && section.node.tier < 3);
  const before = present
    .filter((section) => Math.max(...section!.kinds.map((k) => CANONICAL_ORDER.indexOf(k))) < position)
    .sort((a, b) => b!.endLine - a!.endLine)[0];
  const after = present
    .filter((section) => Math.min(...section!.kinds.map((k) => CANONICAL_ORDER.indexOf(k))) > position)
    .sort((a, b) => a!.line - b!.line)[0];
  const body = sectionText(kind, sectionLevel(model), lineBreak);
  let offset: number;
  let newText: string;
  if (before) {
    // After the section's last non-blank line, keeping one blank line on each side.
    let last = before.endLine;
    while (last > before.line && lines.at(last).kind === 'blank') last--;
    offset = index.end(last);
    newText = `${lineBreak}${lineBreak}${body.slice(0, -lineBreak.length)}`;
  } else if (after) {
    offset = index.start(after.line);
    newText = `${body}${lineBreak}`;
  } else {
    offset = source.length;
    const trailing = /[\r\n]$/.test(source.slice(Math.max(0, offset - 1), offset)) || offset === 0 ? '' : lineBreak;
    newText = `${trailing}${offset > 0 ? lineBreak : ''}${body}`;
  }
  return { title: `Insert a "${body.split(/\r\n|\n|\r/)[0].replace(/^#+\s*/, '')}" section`, edits: [{ start: offset, end: offset, newText }] };
}

/**
 * Reorders timeline entries by time. Each timed entry moves with the lines under it up to the
 * next one; lines before the first entry stay. Null when entries share lines or are in order.
 * The edit, as long as the timeline, is built only when read: only applying the fix needs it.
 */
export function sortTimelineFix(model: PostmortemModel): Fix | null {
  const section = model.timeline.section;
  if (!section || !sortable(model.timeline)) return null;
  const fix: Fix = { title: 'Sort the timeline by time', edits: [] };
  defineLazy(fix, 'edits', () => sortEdits(model, section));
  return fix;
}

/**
 * Whether sorting moves anything: two timed entries or more, each on a line of its own, and an
 * instant earlier than the one before (kept per piece of the timeline: see Timeline.pieces).
 */
function sortable(timeline: Timeline): boolean {
  const timed = timedPieces(timeline);
  if (timed.length === 0 || (timed.length === 1 && timeline.pieces.at(timed[0])!.entries.filter(isTimed).length < 2)) return false;
  if (piecesWhere(timeline, 'sort:shared-lines', '', (piece) => piece.sharesLines).length > 0) return false;
  // The sort orders clock readings as written; entries in another zone than the timeline's would
  // need converting first, which is the writer's call (timezone-conflict says so).
  const zone = timeline.fallbackZone?.zone ?? null;
  const inOtherZone = (piece: TimelinePiece): boolean => piece.entries.some((entry) => isTimed(entry) && zoneShift(entry.writtenZone?.zone ?? null, zone, entry.date) !== 0);
  if (piecesWhere(timeline, 'sort:other-zones', zoneSetting(zone), inOtherZone).length > 0) return false;
  return piecesWhere(timeline, 'sort:moves', '', (piece) => piece.instantDrops).length > 0;
}

function sortEdits(model: PostmortemModel, section: Section): TextEdit[] {
  const { index, lines, text } = model.doc;
  const timed = timedEntries(model.timeline.entries);
  const instants = entryInstants(timed);
  const blocks = timed.map((entry, i) => {
    let last = i + 1 < timed.length ? timed[i + 1].line - 1 : section.endLine;
    while (last > entry.line && lines.at(last).kind === 'blank') last--;
    return { instant: instants[i]!, first: entry.line, last, order: i };
  });
  const sorted = [...blocks].sort((a, b) => a.instant - b.instant || a.order - b.order);
  const lineBreak = lineBreakOf(text);
  const separators = blocks.slice(1).map((block, i) => text.slice(index.end(blocks[i].last), index.start(block.first)));
  const separator = separators[0] ?? lineBreak;
  const start = index.start(blocks[0].first);
  const end = index.end(blocks[blocks.length - 1].last);
  const newText = sorted.map((block) => text.slice(index.start(block.first), index.end(block.last))).join(separator);
  return [{ start, end, newText }];
}

/** Writes "(all times ZONE)" after the Timeline heading's title. */
export function timelineZoneFix(model: PostmortemModel, zone: string): Fix | null {
  const section = model.timeline.section;
  if (!section || section.node.tier === 3 || section.node.note) return null;
  const at = section.node.titleEnd;
  return { title: `State the timezone in the Timeline heading: "(all times ${zone})"`, edits: [{ start: at, end: at, newText: ` (all times ${zone})` }] };
}

/**
 * "Fix all": every fix marked safe to apply together whose edits overlap none already taken,
 * in document order. A fix that overlaps one taken is left for the next pass.
 */
export function fixAllEdits(diagnostics: readonly Diagnostic[]): TextEdit[] {
  const taken: TextEdit[] = [];
  const fixes = diagnostics.filter((diagnostic) => diagnostic.fix?.fixAll).sort((a, b) => a.start - b.start);
  for (const diagnostic of fixes) {
    const edits = diagnostic.fix!.edits;
    const overlaps = edits.some((edit) => taken.some((other) => (edit.start < other.end && other.start < edit.end) || (edit.start === other.start && edit.end === other.end)));
    if (!overlaps) taken.push(...edits);
  }
  return taken.sort((a, b) => a.start - b.start);
}

/** The text with the edits applied; the edits must not overlap (offsets are in `text`). */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  let result = '';
  let at = 0;
  for (const edit of [...edits].sort((a, b) => a.start - b.start)) {
    result += text.slice(at, edit.start) + edit.newText;
    at = edit.end;
  }
  return result + text.slice(at);
}
