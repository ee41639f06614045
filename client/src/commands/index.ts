/**
 * The palette commands. Each works on the active editor and says plainly when it has nothing
 * to do, rather than failing silently.
 */
import { commands, window, type ExtensionContext, type TextEditor } from 'vscode';
import { fixAll, sortTimeline } from './codeActions';
import { insertTimelineEntryNow } from './insertEntry';
import { newPostmortem, type NewPostmortemArgs } from './newPostmortem';

export const COMMANDS = {
  newPostmortem: 'postmortem.newPostmortem',
  insertTimelineEntryNow: 'postmortem.insertTimelineEntryNow',
  sortTimeline: 'postmortem.sortTimeline',
  fixAll: 'postmortem.fixAll',
} as const;

export function registerCommands(context: ExtensionContext): void {
  const onEditor = (run: (editor: TextEditor) => Promise<boolean>) => async (): Promise<boolean> => {
    const editor = window.activeTextEditor;
    if (!editor) {
      void window.showInformationMessage('Postmortem: open a postmortem in the editor first.');
      return false;
    }
    return run(editor);
  };
  context.subscriptions.push(
    commands.registerCommand(COMMANDS.newPostmortem, (args?: NewPostmortemArgs) => newPostmortem(context, args)),
    commands.registerCommand(
      COMMANDS.insertTimelineEntryNow,
      onEditor((editor) => insertTimelineEntryNow(editor)),
    ),
    commands.registerCommand(COMMANDS.sortTimeline, onEditor(sortTimeline)),
    commands.registerCommand(COMMANDS.fixAll, onEditor(fixAll)),
  );
}
