/**
 * Insert Timeline Entry Now: a new entry stamped with the current time, in the report's own
 * format and zone, after the timeline's last line; its description is selected for typing.
 * The server writes the entry (`postmortem/timelineEntry`) with the same core that checks it.
 */
import { Position, Selection, window, type TextEditor } from 'vscode';
import { TIMELINE_ENTRY_METHOD, type TimelineEntryParams, type TimelineEntryResult } from '../../../server/src/protocol';
import { ask, documentParams } from '../requests';

export async function insertTimelineEntryNow(editor: TextEditor, now = new Date()): Promise<boolean> {
  const { document } = editor;
  let answer: TimelineEntryResult | null = null;
  // The answer is for the version the server had: typed over meanwhile, ask again.
  for (let attempt = 0; attempt < 3; attempt++) {
    const asked = await ask<TimelineEntryResult | null>(TIMELINE_ENTRY_METHOD, {
      ...documentParams(document),
      now: now.toISOString(),
    } satisfies TimelineEntryParams);
    if (!asked.ok) {
      void window.showWarningMessage(`Postmortem: cannot insert a timeline entry: ${asked.reason}.`);
      return false;
    }
    answer = asked.value;
    if (!answer || answer.version === null || answer.version === document.version) break;
    answer = null;
  }
  if (!answer) {
    void window.showWarningMessage('Postmortem: the entry could not be inserted (the document kept changing, or the server does not have it). Try again.');
    return false;
  }
  const { insertion } = answer;
  if (!insertion) {
    void window.showWarningMessage(
      'Postmortem: this document has no Timeline section. Add one (the "missing section" quick fix inserts it), then insert the entry.',
    );
    return false;
  }
  const at = document.validatePosition(new Position(insertion.position.line, insertion.position.character));
  const version = document.version;
  const done = await editor.edit((builder) => builder.insert(at, insertion.newText));
  if (!done) {
    void window.showWarningMessage('Postmortem: the entry could not be inserted (the document changed meanwhile). Try again.');
    return false;
  }
  // Select the description: count from the insertion point in the text as it is now.
  const base = document.offsetAt(at);
  const start = document.positionAt(base + insertion.selectStart);
  const end = document.positionAt(base + insertion.selectEnd);
  if (document.version > version) editor.selection = new Selection(start, end);
  editor.revealRange(new Selection(start, end));
  return true;
}
