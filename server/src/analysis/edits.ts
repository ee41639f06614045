/**
 * Fixes that need more than the problem's own text: inserting a section at its canonical
 * place, sorting the timeline, stating the timeline's zone. Pure functions over the model.
 */
import { defineLazy } from './incremental/lazy';
import { timedInstants, type PostmortemModel } from './model';
import type { Section } from './outline';
import { finish } from './incremental/steps';
import { defineFact } from './incremental/keys';
import { isTimed, pieceOfChunk, piecesWhereSteps, timedEntries, timedPiecesSteps, zoneSetting, type Timeline, type TimelinePiece } from './timeline';
import { zoneShift } from './clock';
import { CANONICAL_ORDER, sectionLevel, sectionText } from './templates';
import { lineBreakOf } from './text';
import { openBlockCloser } from './unclosed';
import type { SectionKind } from './titles';
import type { Diagnostic } from './lint';
import type { Fix, TextEdit } from './rules/rule';

/**
 * Inserts the section after the last present section that comes before it in canonical order.
 * Appended where a fenced code block or an HTML block is still open (to the end of the report),
 * the section would be read as code: the fix closes that block first, on a line of its own.
 * The edit is made when read: a report missing a section gets this fix on every keystroke.
 */
export function insertSectionFix(model: PostmortemModel, kind: SectionKind): Fix {
  const { index, source } = model.doc;
  // Read in slices, for the same reason.
  const lineBreak = lineBreakOf(source.slice(0, index.lineCount > 1 ? index.start(1) : 0));
  const body = sectionText(kind, sectionLevel(model), lineBreak);
  const fix: Fix = { title: `Insert a "${body.split(/\r\n|\n|\r/)[0].replace(/^#+\s*/, '')}" section`, edits: [] };
  defineLazy(fix, 'edits', () => [insertSectionEdit(model, kind, body, lineBreak)]);
  return fix;
}

function insertSectionEdit(model: PostmortemModel, kind: SectionKind, body: string, lineBreak: string): TextEdit {
  const { index, source } = model.doc;
  const position = CANONICAL_ORDER.indexOf(kind);
  const present = Object.values(model.outline.sections).filter((section): section is Section => section !== undefined && section.node.tier < 3);
  const before = present
    .filter((section) => Math.max(...section.kinds.map((k) => CANONICAL_ORDER.indexOf(k))) < position)
    .sort((a, b) => b.endLine - a.endLine)[0];
  const after = present.filter((section) => Math.min(...section.kinds.map((k) => CANONICAL_ORDER.indexOf(k))) > position).sort((a, b) => a.line - b.line)[0];
  if (after) return { start: index.start(after.line), end: index.start(after.line), newText: `${body}${lineBreak}` };
  // At the end of the last section before it, or of the report: after the last line with text.
  let last = before ? before.endLine : index.lineCount - 1;
  while (last > (before?.line ?? 0) && isBlankLine(model, last)) last--;
  const closer = openBlockCloser(model.doc, last);
  if (before || closer !== null) {
    // Keeping one blank line on each side; a block still open there is closed first.
    const offset = index.end(last);
    const newText = `${closer === null ? '' : `${lineBreak}${closer}`}${lineBreak}${lineBreak}${body.slice(0, -lineBreak.length)}`;
    return { start: offset, end: offset, newText };
  }
  const offset = source.length;
  const trailing = /[\r\n]$/.test(source.slice(Math.max(0, offset - 1), offset)) || offset === 0 ? '' : lineBreak;
  return { start: offset, end: offset, newText: `${trailing}${offset > 0 ? lineBreak : ''}${body}` };
}

/** Whether a line is spaces and tabs; inside a fenced code or HTML block too, where its kind is not 'blank'. */
function isBlankLine(model: PostmortemModel, line: number): boolean {
  const { kind } = model.doc.lines.at(line);
  return kind === 'blank' || ((kind === 'code' || kind === 'html') && /^[ \t]*$/.test(model.doc.index.lineText(line)));
}

/**
 * Reorders timeline entries by time. Each timed entry moves with the lines under it up to the
 * next one (the last, up to the end of its list); lines before the first entry and after the
 * last stay, and so do the line breaks and blank lines between entries: sorting only reorders.
 * Null when entries share lines or are in order.
 * The edit, as long as the timeline, is built only when read: only applying the fix needs it.
 */
export function sortTimelineFix(model: PostmortemModel): Fix | null {
  return finish(sortTimelineFixSteps(model));
}

/** `sortTimelineFix` in steps: whether sorting moves anything is asked of every piece of the timeline. */
export function* sortTimelineFixSteps(model: PostmortemModel): Generator<void, Fix | null> {
  const section = model.timeline.section;
  if (!section || !(yield* sortable(model.timeline))) return null;
  const fix: Fix = { title: 'Sort the timeline by time', edits: [] };
  defineLazy(fix, 'edits', () => sortEdits(model, section));
  return fix;
}

// What sorting the timeline depends on, kept per piece (see Timeline.pieces).
const SHARED_LINES = defineFact('sort:shared-lines');
const OTHER_ZONES = defineFact('sort:other-zones');
const INSTANT_DROPS = defineFact('sort:moves');

/**
 * Whether sorting moves anything: two timed entries or more, each on a line of its own, and an
 * instant earlier than the one before (kept per piece of the timeline: see Timeline.pieces).
 */
function* sortable(timeline: Timeline): Generator<void, boolean> {
  const timed = yield* timedPiecesSteps(timeline);
  if (timed.length === 0 || (timed.length === 1 && pieceOfChunk(timeline.pieces, timed[0]).entries.filter(isTimed).length < 2)) return false;
  if ((yield* piecesWhereSteps(timeline, SHARED_LINES, '', (piece) => piece.sharesLines)).length > 0) return false;
  // The sort orders clock readings as written; entries in another zone than the timeline's would
  // need converting first, which is the writer's call (timezone-conflict says so).
  const zone = timeline.fallbackZone?.zone ?? null;
  const inOtherZone = (piece: TimelinePiece): boolean =>
    piece.entries.some((entry) => isTimed(entry) && zoneShift(entry.writtenZone?.zone ?? null, zone, entry.date) !== 0);
  if ((yield* piecesWhereSteps(timeline, OTHER_ZONES, zoneSetting(zone), inOtherZone)).length > 0) return false;
  return (yield* piecesWhereSteps(timeline, INSTANT_DROPS, '', (piece) => piece.instantDrops)).length > 0;
}

function sortEdits(model: PostmortemModel, section: Section): TextEdit[] {
  const { index, lines, text } = model.doc;
  const timed = timedEntries(model.timeline.entries);
  const instants = timedInstants(timed);
  const blocks = timed.map((entry, i) => {
    if (i + 1 === timed.length) return { instant: instants[i], first: entry.line, last: lastEntryEnd(model, entry.line, section.endLine), order: i };
    let last = timed[i + 1].line - 1;
    while (last > entry.line && lines.at(last).kind === 'blank') last--;
    return { instant: instants[i], first: entry.line, last, order: i };
  });
  const sorted = [...blocks].sort((a, b) => a.instant - b.instant || a.order - b.order);
  // Only the entries move: what stood between two of them (a line break, blank lines) stays
  // where it was, so the sorted text has the same lines, blank ones included, in another order.
  const separators = blocks.slice(1).map((block, i) => text.slice(index.end(blocks[i].last), index.start(block.first)));
  const start = index.start(blocks[0].first);
  const end = index.end(blocks[blocks.length - 1].last);
  const newText = sorted.map((block, i) => text.slice(index.start(block.first), index.end(block.last)) + (separators[i] ?? '')).join('');
  return [{ start, end, newText }];
}

/**
 * The last line of the timeline's last timed entry: the lines under it up to the end of the
 * section, but not text after a blank line outside any list (a note after the timeline's list).
 */
function lastEntryEnd(model: PostmortemModel, first: number, sectionEnd: number): number {
  const { lines } = model.doc;
  let last = first;
  for (let line = first + 1; line <= sectionEnd; line++) {
    const info = lines.at(line);
    if (info.kind === 'blank') continue;
    if (line > last + 1 && info.listDepth === 0) break;
    last = line;
  }
  return last;
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
  return fixAllPlan(diagnostics).edits;
}

/** The edits of "Fix all" and the problems they fix (see `fixAllEdits`). */
export function fixAllPlan(diagnostics: readonly Diagnostic[]): { edits: TextEdit[]; fixed: Diagnostic[] } {
  const taken: TextEdit[] = [];
  const fixed: Diagnostic[] = [];
  const fixes = diagnostics.filter((diagnostic) => diagnostic.fix?.fixAll).sort((a, b) => a.start - b.start);
  for (const diagnostic of fixes) {
    const edits = diagnostic.fix?.edits ?? [];
    const overlaps = edits.some((edit) =>
      taken.some((other) => (edit.start < other.end && other.start < edit.end) || (edit.start === other.start && edit.end === other.end)),
    );
    if (overlaps) continue;
    taken.push(...edits);
    fixed.push(diagnostic);
  }
  return { edits: taken.sort((a, b) => a.start - b.start), fixed };
}

/** "3 problems: 2 heading-space, 1 word-bullets": what a set of fixes fixes, most frequent rule first. */
export function describeFixed(fixed: readonly Diagnostic[]): string {
  const counts = new Map<string, number>();
  for (const diagnostic of fixed) counts.set(diagnostic.rule, (counts.get(diagnostic.rule) ?? 0) + 1);
  const byRule = [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([rule, count]) => `${count} ${rule}`);
  return `${fixed.length} problem${fixed.length === 1 ? '' : 's'}: ${byRule.join(', ')}`;
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
