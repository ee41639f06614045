/**
 * New Postmortem: asks for the incident's title, start date and (optionally) start time and
 * zone, and the template when there are several; creates `<folder>/<date>-<title>.md` in the workspace from the template snippet,
 * and leaves the cursor in its first field. Without a workspace folder it opens an untitled
 * postmortem instead. Arguments skip the questions (for keybindings and tests).
 */
import { readFile } from 'node:fs/promises';
import { SnippetString, Uri, window, workspace, type ExtensionContext, type TextEditor } from 'vscode';
import { READ_START_METHOD, type ReadStartParams, type ReadStartResult } from '../../../server/src/protocol';
import { ask } from '../requests';
import { dateProblem, fillTemplate, reportFileName, templatesFrom, type Template, type TemplateFacts } from './templates';

export interface NewPostmortemArgs {
  title?: string;
  date?: string;
  /** The start time and zone ("14:05 UTC"); "" leaves them to fill in. Asked when absent. */
  start?: string;
  /** A template name, as listed by templatesFrom ("full template", "Google SRE template"). */
  template?: string;
}

/** From the palette: no argument or NewPostmortemArgs; from the explorer's context menu: the folder clicked. */
export async function newPostmortem(context: ExtensionContext, argument?: NewPostmortemArgs | Uri): Promise<TextEditor | undefined> {
  const clickedFolder = argument instanceof Uri ? argument : undefined;
  const args: NewPostmortemArgs = argument instanceof Uri || argument === undefined ? {} : argument;
  const templates = templatesFrom(await readFile(context.asAbsolutePath('snippets/postmortem.code-snippets'), 'utf8'));
  // The step counter counts only the questions this run asks.
  const asked = [args.title === undefined, args.date === undefined, args.start === undefined, args.template === undefined && templates.length > 1];
  const total = asked.filter(Boolean).length;
  const step = (question: number): string => `New Postmortem (${asked.slice(0, question + 1).filter(Boolean).length}/${total})`;
  const title =
    args.title ??
    (await window.showInputBox({
      title: step(0),
      prompt: 'What broke? This becomes the title and the file name.',
      placeHolder: 'Search API outage',
      validateInput: (value) => (value.trim() ? null : 'Give the incident a title.'),
    }));
  if (title === undefined) return undefined;
  const date =
    args.date ??
    (await window.showInputBox({
      title: step(1),
      prompt: 'On what date did the incident start? (YYYY-MM-DD)',
      value: today(),
      validateInput: dateProblem,
    }));
  if (date === undefined) return undefined;
  const problem = dateProblem(date);
  if (problem) {
    void window.showErrorMessage(`Postmortem: ${problem}`);
    return undefined;
  }
  const startText =
    args.start ??
    (await window.showInputBox({
      title: step(2),
      prompt: 'At what time did it start, and in which timezone? (e.g. 14:05 UTC). Leave empty to fill it in later.',
      placeHolder: 'HH:MM zone, or empty',
      validateInput: async (value) => {
        const read = await readStart(value, date.trim());
        // Without the server the time cannot be read; saying so once, when it is entered, is enough.
        return read.ok ? read.value.problem : null;
      },
    }));
  if (startText === undefined) return undefined;
  const read = await readStart(startText, date.trim());
  if (!read.ok) {
    void window.showErrorMessage(`Postmortem: cannot read the start time: ${read.reason}. Leave it empty to fill it in later.`);
    return undefined;
  }
  const start = read.value;
  if (start.problem) {
    void window.showErrorMessage(`Postmortem: ${start.problem}`);
    return undefined;
  }
  const template = await chooseTemplate(templates, args.template, step(3));
  if (!template) return undefined;
  const facts: TemplateFacts = { title: title.trim(), date: date.trim(), ...(start.start ? { start: start.start } : {}) };
  const snippet = new SnippetString(fillTemplate(template.body, facts));

  const directory = clickedFolder ?? (await reportsFolder());
  if (directory === null) return undefined; // the folder question was dismissed
  if (!directory) {
    const document = await workspace.openTextDocument({ language: 'postmortem', content: '' });
    const editor = await window.showTextDocument(document);
    await editor.insertSnippet(snippet);
    return editor;
  }
  const target = await freeName(directory, reportFileName(title.trim(), date.trim()));
  try {
    await workspace.fs.createDirectory(directory);
  } catch (error) {
    void window.showErrorMessage(`Postmortem: could not create ${directory.fsPath}: ${error instanceof Error ? error.message : String(error)}`);
    return undefined;
  }
  // An untitled document at the target path: the file exists only once the user saves it, so a
  // report abandoned without saving leaves no empty file behind.
  const editor = await window.showTextDocument(await workspace.openTextDocument(target.with({ scheme: 'untitled' })));
  await editor.insertSnippet(snippet);
  return editor;
}

/**
 * Where reports go: `postmortem.newPostmortemFolder` in the workspace folder (asking which one
 * when there are several). Undefined without a workspace folder; null when the question was dismissed.
 */
async function reportsFolder(): Promise<Uri | undefined | null> {
  const folders = workspace.workspaceFolders ?? [];
  if (folders.length === 0) return undefined;
  const folder = folders.length === 1 ? folders[0] : await window.showWorkspaceFolderPick({ placeHolder: 'Which folder gets the new postmortem?' });
  if (!folder) return null;
  const subfolder = workspace.getConfiguration('postmortem', folder.uri).get<string>('newPostmortemFolder', 'postmortems');
  // Stay inside the workspace folder whatever the setting says ("../..", an absolute path).
  const parts = subfolder.split(/[\\/]/).filter((part) => part && part !== '.' && part !== '..');
  return Uri.joinPath(folder.uri, ...parts);
}

async function chooseTemplate(templates: Template[], wanted: string | undefined, title: string): Promise<Template | undefined> {
  if (wanted !== undefined) {
    const found = templates.find((template) => template.name.toLowerCase() === wanted.toLowerCase());
    if (!found) void window.showErrorMessage(`Postmortem: no template named "${wanted}". Templates: ${templates.map((t) => t.name).join(', ')}.`);
    return found;
  }
  if (templates.length <= 1) return templates[0];
  const picked = await window.showQuickPick(
    templates.map((template) => ({ label: template.name, detail: template.description, template })),
    { title, placeHolder: 'Which template?' },
  );
  return picked?.template;
}

/** `name`, or `name-2`, `name-3`... when a file of that name exists: never overwrite a report. */
async function freeName(directory: Uri, name: string): Promise<Uri> {
  for (let attempt = 1; ; attempt++) {
    const candidate = Uri.joinPath(directory, attempt === 1 ? name : name.replace(/\.md$/, `-${attempt}.md`));
    try {
      await workspace.fs.stat(candidate);
    } catch {
      return candidate;
    }
  }
}

/** The server reads the time with the core's parsing; empty needs no reading. */
function readStart(value: string, date: string): ReturnType<typeof ask<ReadStartResult>> {
  if (!value.trim()) return Promise.resolve({ ok: true, value: { start: null, problem: null } });
  return ask<ReadStartResult>(READ_START_METHOD, { value, date } satisfies ReadStartParams);
}

function pad(value: number): string {
  return String(value).padStart(2, '0');
}

function today(): string {
  const now = new Date();
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}
