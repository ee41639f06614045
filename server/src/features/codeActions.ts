/**
 * Code actions: the quick fix each diagnostic carries; "fix all of this kind in the file" next
 * to it when the file has more than one; turning the rule off in the project's
 * `.postmortemrc.json` (created, or edited in place keeping everything else in it); and the
 * source actions "Fix all" (for the fixes that are safe to apply together) and "Sort Timeline".
 * Each action is one WorkspaceEdit that changes nothing else.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { applyEdits, format, modify, type FormattingOptions } from 'jsonc-parser';
import {
  CodeActionKind,
  type CodeAction,
  type Connection,
  type InitializeParams,
  type ServerCapabilities,
  type TextEdit,
  type WorkspaceEdit,
} from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { CONFIG_FILE_NAME, FIX_ALL_KIND, SORT_TIMELINE_KIND } from '../protocol';
import type { Diagnostic } from '../analysis/index';
import { describeFixed, fixAllPlan, sortTimelineFix } from '../analysis/index';
import { LineIndex, type TextEdit as OffsetEdit } from '../analysis/index';
import type { Workspace } from '../workspace';
import { toRange } from './convert';
import { toLspDiagnostic } from './diagnostics';

// SORT_TIMELINE_KIND is offered whenever the timeline is out of order, for the "Sort Timeline" command and the Source Action menu.
export { FIX_ALL_KIND, SORT_TIMELINE_KIND };

export function registerCodeActions(
  connection: Connection,
  workspace: Workspace,
  initialize: Pick<InitializeParams, 'capabilities' | 'workspaceFolders' | 'rootUri'>,
): Partial<ServerCapabilities> {
  // A new project file needs a client that can create files through an edit.
  const canCreateFiles =
    initialize.capabilities.workspace?.workspaceEdit?.documentChanges === true &&
    (initialize.capabilities.workspace.workspaceEdit.resourceOperations ?? []).includes('create');
  const roots = [...(initialize.workspaceFolders ?? []).map((folder) => folder.uri), ...(initialize.rootUri ? [initialize.rootUri] : [])];
  connection.onCodeAction(async (params) => {
    await workspace.ready(params.textDocument.uri);
    const state = workspace.get(params.textDocument.uri);
    const analysis = await workspace.current(params.textDocument.uri);
    if (!state || !analysis) return [];
    const { document } = state;
    const only = params.context.only;
    const wants = (kind: string): boolean => !only || only.some((requested) => kind === requested || kind.startsWith(`${requested}.`));
    const actions: CodeAction[] = [];
    const editOf = (edits: readonly OffsetEdit[]): WorkspaceEdit => ({ changes: { [document.uri]: toTextEdits(document, edits) } });
    if (wants(CodeActionKind.QuickFix)) {
      const from = document.offsetAt(params.range.start);
      const to = document.offsetAt(params.range.end);
      const here = analysis.diagnostics.filter((diagnostic) => diagnostic.end >= from && diagnostic.start <= to);
      for (const diagnostic of here) {
        if (!diagnostic.fix) continue;
        actions.push({
          title: diagnostic.fix.title,
          kind: CodeActionKind.QuickFix,
          diagnostics: [toLspDiagnostic(document, diagnostic)],
          isPreferred: true,
          edit: editOf(diagnostic.fix.edits),
        });
      }
      for (const rule of new Set(here.filter((diagnostic) => diagnostic.fix?.fixAll).map((diagnostic) => diagnostic.rule))) {
        const ofRule = analysis.diagnostics.filter((diagnostic) => diagnostic.rule === rule);
        if (ofRule.filter((diagnostic) => diagnostic.fix?.fixAll).length < 2) continue;
        const { edits, fixed } = fixAllPlan(ofRule);
        actions.push({
          title: `Fix all ${fixed.length} ${rule} problems in this file`,
          kind: CodeActionKind.QuickFix,
          diagnostics: fixed.map((diagnostic) => toLspDiagnostic(document, diagnostic)),
          edit: editOf(edits),
        });
      }
      const projectFile = projectFileFor(document.uri, state.settings.projectFile, roots);
      for (const rule of new Set(here.map((diagnostic) => diagnostic.rule))) {
        const edit = projectFile && turnOffEdit(projectFile, rule, canCreateFiles);
        if (!edit) continue;
        actions.push({
          title: `Turn off ${rule} in ${CONFIG_FILE_NAME}`,
          kind: CodeActionKind.QuickFix,
          diagnostics: here.filter((diagnostic) => diagnostic.rule === rule).map((diagnostic) => toLspDiagnostic(document, diagnostic)),
          edit,
        });
      }
    }
    if (wants(FIX_ALL_KIND)) {
      const { edits, fixed } = fixAllPlan(analysis.diagnostics);
      if (edits.length > 0) actions.push({ title: fixAllTitle(fixed), kind: FIX_ALL_KIND, edit: editOf(edits) });
    }
    // Only when asked for: it is a source action, not a fix for a diagnostic under the cursor.
    if (only && wants(SORT_TIMELINE_KIND)) {
      const sort = sortTimelineFix(analysis.model);
      if (sort) actions.push({ title: sort.title, kind: SORT_TIMELINE_KIND, edit: editOf(sort.edits) });
    }
    return actions;
  });
  return { codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND, SORT_TIMELINE_KIND] } };
}

/** "Fix 3 problems: 2 heading-space, 1 word-bullets": the Fix All action says what it will change. */
export function fixAllTitle(fixed: readonly Diagnostic[]): string {
  return `Fix ${describeFixed(fixed)}`;
}

function toTextEdits(document: TextDocument, edits: readonly OffsetEdit[]): TextEdit[] {
  return edits.map((edit) => ({ range: toRange(document, edit.start, edit.end), newText: edit.newText }));
}

interface ProjectFileTarget {
  path: string;
  /** The file's text, or null when it does not exist yet. */
  text: string | null;
}

/**
 * The project file a "turn off" writes: the one that applies to the document, else a new one at
 * the root of the workspace folder holding it. Null for a document outside every folder, or
 * when the file that applies is broken (its own diagnostic says so; it is fixed by hand first).
 */
function projectFileFor(documentUri: string, applying: { path: string; errors: unknown[] } | null, roots: readonly string[]): ProjectFileTarget | null {
  if (applying) {
    if (applying.errors.length > 0) return null;
    try {
      return { path: applying.path, text: readFileSync(applying.path, 'utf8') };
    } catch {
      return null;
    }
  }
  const root = roots.filter((uri) => documentUri.startsWith(uri.endsWith('/') ? uri : `${uri}/`)).sort((a, b) => b.length - a.length)[0];
  if (!root?.startsWith('file:')) return null;
  const path = join(fileURLToPath(root), CONFIG_FILE_NAME);
  // Found since the document's settings were read: edit it rather than create a second one.
  return { path, text: existsSync(path) ? readFileSync(path, 'utf8') : null };
}

/** The edit that sets `"rules": {"<rule>": "off"}` in the project file, creating it if need be. */
function turnOffEdit(target: ProjectFileTarget, rule: string, canCreateFiles: boolean): WorkspaceEdit | null {
  const uri = pathToFileURL(target.path).href;
  if (target.text === null) {
    if (!canCreateFiles) return null;
    const text = turnOffRuleText('', rule);
    return {
      documentChanges: [
        { kind: 'create', uri, options: { overwrite: false, ignoreIfExists: true } },
        { textDocument: { uri, version: null }, edits: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, newText: text }] },
      ],
    };
  }
  const lines = LineIndex.of(target.text);
  const edits = turnOffRuleEdits(target.text, rule).map((edit) => ({
    range: { start: lines.positionAt(edit.start), end: lines.positionAt(edit.end) },
    newText: edit.newText,
  }));
  return edits.length > 0 ? { changes: { [uri]: edits } } : null;
}

/**
 * The edit (offsets in `text`) that turns `rule` off in a project file's text, keeping its other
 * content, order, indentation and line ends; none when it is already off. `text` "" is a new file.
 */
export function turnOffRuleEdits(text: string, rule: string): OffsetEdit[] {
  const result = turnOffRuleText(text, rule);
  // The one span that changed, between what the two texts share at each end.
  let start = 0;
  while (start < text.length && start < result.length && text[start] === result[start]) start++;
  let end = 0;
  while (end < text.length - start && end < result.length - start && text[text.length - 1 - end] === result[result.length - 1 - end]) end++;
  return result === text ? [] : [{ start, end: text.length - end, newText: result.slice(start, result.length - end) }];
}

/** The project file's whole text once `rule` is off ("" is a new file). */
export function turnOffRuleText(text: string, rule: string): string {
  if (text.trim() === '') return applyEdits('{}\n', modify('{}\n', ['rules', rule], 'off', { formattingOptions: formattingOf('') }));
  // Formatting the edit alone: jsonc-parser would otherwise reformat the object it edits.
  const edits = modify(text, ['rules', rule], 'off', {});
  const inserted = applyEdits(text, edits);
  const ranges = edits.map((edit) => ({ offset: edit.offset, length: edit.content.length }));
  return applyEdits(
    inserted,
    ranges.flatMap((range) => format(inserted, range, formattingOf(text))),
  );
}

/** Indent and line ends as the file already writes them (two spaces and "\n" for a new one). */
function formattingOf(text: string): FormattingOptions {
  const indent = /^([ \t]+)\S/m.exec(text)?.[1] ?? '  ';
  return { insertSpaces: !indent.startsWith('\t'), tabSize: indent.startsWith('\t') ? 1 : indent.length, eol: text.includes('\r\n') ? '\r\n' : '\n' };
}
