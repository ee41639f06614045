/**
 * Insert Timeline Entry Now: a new entry stamped with the current time, in the report's own
 * format and zone, after the timeline's last line; its description is selected for typing.
 * The format is read by the same pure core the server runs.
 */
import { Selection, window, type TextEditor } from 'vscode';
import { buildModel } from '../../../server/src/analysis/model';
import { entryNow } from '../../../server/src/analysis/providers/entryFormat';

export async function insertTimelineEntryNow(editor: TextEditor, now = new Date()): Promise<boolean> {
  const { document } = editor;
  const insertion = entryNow(buildModel(document.getText()), now);
  if (!insertion) {
    void window.showWarningMessage('Postmortem: this document has no Timeline section. Add one (the "missing section" quick fix inserts it), then insert the entry.');
    return false;
  }
  const at = document.positionAt(insertion.offset);
  const version = document.version;
  const done = await editor.edit((builder) => builder.insert(at, insertion.newText));
  if (!done) {
    void window.showWarningMessage('Postmortem: the entry could not be inserted (the document changed meanwhile). Try again.');
    return false;
  }
  // Select the description: count from the insertion point in the text as it is now.
  const base = document.offsetAt(at);
  const start = document.positionAt(base + insertion.textStart);
  const end = document.positionAt(base + insertion.textEnd);
  if (document.version > version) editor.selection = new Selection(start, end);
  editor.revealRange(new Selection(start, end));
  return true;
}
