/**
 * Action items: the list items of the corrective and preventative measures section.
 */
import { defineMemoSlot } from './incremental/keys';
import { LineFacts, type Chunk, type ParsedDocument } from './parse';

const ACTION_FACTS = defineMemoSlot('actions:lines');
import { lineContent } from './headings';
import type { Outline } from './outline';
import { tableCells, trimEndOf } from './text';
import { findDates } from './time';
import { finish } from './incremental/steps';

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
// "owner: Priya", "(Owner: @dana)", "assigned to Sam Lee", or an @mention anywhere.
const OWNER_LABEL_RE = /\b(?:owners?|assignee|assigned to|responsible|dri)\s*[:=]?\s*(@[\w.-]+|[A-Z][\w.-]*(?:\s[A-Z][\w.-]*)?)/i;
const MENTION_RE = /(?<![\w.])@([A-Za-z][\w-]*)/;
const DUE_RE = /\b(?:due|by|deadline|eta|target)\b\s*(?:date)?\s*[:=]?\s*/i;
const GROUP_LABEL_RE = /^(?:\*\*|__)?([^:*_]{1,60}?)(?:\*\*|__)?\s*:?(?:\*\*|__)?\s*$/;

/** Lines of the section read between two steps. */
const LINES_PER_STEP = 1024;

export function readActions(doc: ParsedDocument, outline: Outline): ActionItem[] {
  return finish(readActionsSteps(doc, outline));
}

/** `readActions` in steps (see steps.ts): a generated 20 MB report's section took 0.45 s in one go. */
export function* readActionsSteps(doc: ParsedDocument, outline: Outline): Generator<void, ActionItem[]> {
  const section = outline.sections.measures;
  if (!section) return [];
  const { lines } = doc;
  const items: ActionItem[] = [];
  let group: string | null = null;
  let table: TableColumns | null = null;
  const facts = new LineFacts(doc, ACTION_FACTS, actionFacts);
  for (let line = section.line + 1; line <= section.endLine; line++) {
    if ((line - section.line) % LINES_PER_STEP === 0) yield;
    const kind = lines.at(line).kind;
    if (kind !== 'heading' && kind !== 'paragraph') {
      table = null;
      continue;
    }
    // What was read from this line once, in its chunk.
    const read = facts.withSpan(line);
    if (!read) continue;
    const { fact, span } = read;
    switch (fact.kind) {
      case 'heading':
        group = fact.group;
        table = null;
        break;
      case 'row': {
        // The Google SRE template lists action items in a table: | Action Item | Type | Owner | Bug |
        const chunkText = span.chunk.text;
        if (table === null) table = readHeader(chunkText, fact.contentStart, fact.end);
        else {
          const item = readTableItem(chunkText, fact.contentStart, fact.end, table, line, group);
          if (item) items.push({ ...item, textStart: item.textStart + span.start, textEnd: item.textEnd + span.start });
        }
        break;
      }
      case 'label':
        group = fact.group;
        table = null;
        break;
      case 'item':
        table = null;
        items.push({ ...fact.item, line, textStart: fact.item.textStart + span.start, textEnd: fact.item.textEnd + span.start, group });
        break;
      default:
        table = null;
    }
  }
  return items;
}

/** What one line of a chunk is to the action list, with chunk-relative offsets. */
type ActionLineFact =
  | { kind: 'heading'; group: string }
  | { kind: 'row'; contentStart: number; end: number }
  | { kind: 'label'; group: string }
  | { kind: 'item'; item: ActionItem }
  | { kind: 'text' };

function actionFacts({ index, lines, text }: Chunk): Array<ActionLineFact | null> {
  const facts: Array<ActionLineFact | null> = new Array(index.lineCount).fill(null);
  for (let line = 0; line < index.lineCount; line++) {
    const info = lines[line];
    if (info.kind === 'heading') {
      facts[line] = {
        kind: 'heading',
        group: trimEndOf(text.slice(index.start(line), index.end(line)).replace(/^[\s#]+/, ''), ' \t*_:#').replace(/^[*_]+/, ''),
      };
      continue;
    }
    if (info.kind !== 'paragraph') continue;
    const start = index.start(line);
    const end = index.end(line);
    const { bullet, contentStart } = lineContent(text, start);
    if (bullet === null && text.charCodeAt(contentStart) === 124 /* | */) {
      facts[line] = { kind: 'row', contentStart, end };
      continue;
    }
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
      facts[line] = { kind: 'label', group: label[1].trim() };
      continue;
    }
    const isItem = bullet !== null || box !== null || mark !== null || open !== null;
    if (!isItem) {
      facts[line] = { kind: 'text' };
      continue;
    }
    const textEnd = end - (content.length - content.trimEnd().length);
    facts[line] = {
      kind: 'item',
      item: {
        line,
        text: text.slice(itemStart, textEnd),
        textStart: itemStart,
        textEnd,
        checked,
        owner: readOwner(content),
        due: readDue(content),
        group: null,
      },
    };
  }
  return facts;
}

interface TableColumns {
  action: number;
  owner: number;
  due: number;
  status: number;
}

function readHeader(text: string, from: number, to: number): TableColumns {
  const names = tableCells(text, from, to).map(([a, b]) => text.slice(a, b).trim().toLowerCase());
  const find = (pattern: RegExp): number => names.findIndex((name) => pattern.test(name));
  const action = find(/action|item|task|description|what|fix/);
  return {
    action: action >= 0 ? action : 0,
    owner: find(/owner|assignee|who|dri/),
    due: find(/due|deadline|eta|when|target/),
    status: find(/status|state|done/),
  };
}

function readTableItem(text: string, from: number, to: number, columns: TableColumns, line: number, group: string | null): ActionItem | null {
  const row = tableCells(text, from, to);
  if (row.length === 0 || /^[\s:|-]*$/.test(text.slice(from, to))) return null;
  const cell = (at: number): string => (at >= 0 && at < row.length ? text.slice(row[at][0], row[at][1]).trim() : '');
  const [actionStart, actionEnd] = row[Math.min(columns.action, row.length - 1)];
  const action = text.slice(actionStart, actionEnd);
  const textStart = actionStart + (action.length - action.trimStart().length);
  const status = cell(columns.status).toLowerCase();
  return {
    line,
    text: action.trim(),
    textStart,
    textEnd: textStart + action.trim().length,
    checked: /done|closed|fixed|complete|resolved|\u2705|^x$/.test(status) ? true : /open|to ?do|progress|pending|started|planned/.test(status) ? false : null,
    owner: cell(columns.owner) || null,
    due: findDates(cell(columns.due))[0]?.iso ?? null,
    group,
  };
}

function readOwner(content: string): string | null {
  const labelled = OWNER_LABEL_RE.exec(content);
  // A lower-case word after "owner" is prose ("the owner was paged"), not a name.
  if (labelled && /^[@A-Z]/.test(labelled[1])) return labelled[1].replace(/[.,;)]+$/, '');
  const mention = MENTION_RE.exec(content);
  return mention ? `@${mention[1]}` : null;
}

function readDue(content: string): string | null {
  const cue = DUE_RE.exec(content);
  if (!cue) return null;
  const dates = findDates(content, cue.index + cue[0].length, Math.min(content.length, cue.index + cue[0].length + 30));
  return dates[0]?.iso ?? null;
}
