/**
 * Action items: the list items of the corrective and preventative measures section.
 */
import type { ParsedDocument } from './parse';
import { lineContent, type Outline } from './outline';
import { findDates } from './time';

export interface ActionItem {
  /** 0-based line. */
  line: number;
  text: string;
  textStart: number;
  textEnd: number;
  /** true for `[x]` or a check mark, false for `[ ]`, null when the item has no box. */
  checked: boolean | null;
  owner: string | null;
  /** YYYY-MM-DD */
  due: string | null;
  /** The sub-heading or label the item sits under ("Tasks", "Improvements"), if any. */
  group: string | null;
}

const TASK_BOX_RE = /^\[([ xX])\]\s+/;
const CHECK_MARK_RE = /^(?:\u2705|\u2714\uFE0F?|\u2611\uFE0F?|\u2713)\s*/;
const OPEN_MARK_RE = /^(?:\u2B1C|\u2610|\u25A1|\u2716\uFE0F?|\u274C)\s*/;
const OWNER_RE = /(?:\b(?:[Oo]wners?|[Aa]ssignee|[Aa]ssigned to|[Rr]esponsible)\s*[:=]\s*|\(\s*)(@[\w.-]+|[A-Z][\w.-]*(?:\s[A-Z][\w.-]*)?)|(?<![\w.])@([A-Za-z][\w-]*)/;
const DUE_RE = /\b(?:due|by|deadline|eta|target)\b\s*(?:date)?\s*[:=]?\s*/i;
const GROUP_LABEL_RE = /^(?:\*\*|__)?([^:*_]{1,60}?)(?:\*\*|__)?\s*:?(?:\*\*|__)?\s*$/;

export function readActions(doc: ParsedDocument, outline: Outline): ActionItem[] {
  const section = outline.sections.measures;
  if (!section) return [];
  const { index, lines, text } = doc;
  const items: ActionItem[] = [];
  let group: string | null = null;
  const first = section.node.tier === 3 ? section.line + 1 : section.line + 1;
  for (let line = first; line <= section.endLine; line++) {
    const info = lines[line];
    if (info.kind === 'heading') {
      group = text.slice(index.starts[line], index.ends[line]).replace(/^[\s#]+/, '').replace(/[*_:\s]+$/g, '').replace(/^[*_]+/, '');
      continue;
    }
    if (info.kind !== 'paragraph') continue;
    const start = index.starts[line];
    const end = index.ends[line];
    const { bullet, contentStart } = lineContent(text, start);
    let itemStart = contentStart;
    let content = text.slice(contentStart, end);
    let checked: boolean | null = null;
    const box = TASK_BOX_RE.exec(content);
    const mark = CHECK_MARK_RE.exec(content);
    const open = OPEN_MARK_RE.exec(content);
    if (box) {
      checked = box[1] !== ' ';
      itemStart += box[0].length;
    } else if (mark) {
      checked = true;
      itemStart += mark[0].length;
    } else if (open) {
      checked = false;
      itemStart += open[0].length;
    }
    content = text.slice(itemStart, end);
    const label = GROUP_LABEL_RE.exec(content);
    if (label && (bullet === null || /:\s*(?:\*\*|__)?\s*$/.test(content)) && label[1].split(/\s+/).length <= 6) {
      group = label[1].trim();
      continue;
    }
    const isItem = bullet !== null || box !== null || mark !== null || open !== null;
    if (!isItem) continue;
    const textEnd = end - (content.length - content.trimEnd().length);
    items.push({
      line,
      text: text.slice(itemStart, textEnd),
      textStart: itemStart,
      textEnd,
      checked,
      owner: readOwner(content),
      due: readDue(content),
      group,
    });
  }
  return items;
}

function readOwner(content: string): string | null {
  const match = OWNER_RE.exec(content);
  if (!match) return null;
  const owner = match[1] ?? `@${match[2]}`;
  // "(UTC)" or "(2 hours)" in parentheses is not an owner.
  if (!match[2] && !/^(?:owners?|assignee|assigned|responsible)/i.test(match[0]) && !owner.startsWith('@')) return null;
  return owner.replace(/[.,;)]+$/, '');
}

function readDue(content: string): string | null {
  const cue = DUE_RE.exec(content);
  if (!cue) return null;
  const dates = findDates(content, cue.index + cue[0].length, Math.min(content.length, cue.index + cue[0].length + 30));
  return dates[0]?.iso ?? null;
}
