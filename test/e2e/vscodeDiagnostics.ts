/**
 * What both in-editor suites (test/e2e/suite and test/e2e/untrusted) need from VS Code's API:
 * the workspace folder, and our diagnostics on a document, waited for on events and bounded by
 * a timeout that fails the test. Bundled into each suite by build.mjs.
 */
import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';

export const EXTENSION_ID = 'postmortem.postmortem';
/** How long a wait on an event may take before it fails: a hang guard, since every wait is for an event that comes in a second when all is well. */
export const WAIT_MS = 120_000;

export function root(): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the runner opens a workspace folder');
  return folder.uri;
}

export function codeOf(diagnostic: vscode.Diagnostic): string {
  const code = diagnostic.code;
  return typeof code === 'object' && code !== null ? String(code.value) : String(code);
}

export function ours(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((diagnostic) => diagnostic.source === 'postmortem');
}

/** Resolves with the document's diagnostics once `accept` holds for them; fails after WAIT_MS. */
export function diagnosticsWhen(uri: vscode.Uri, accept: (diagnostics: vscode.Diagnostic[]) => boolean): Promise<vscode.Diagnostic[]> {
  const now = ours(uri);
  if (accept(now)) return Promise.resolve(now);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      subscription.dispose();
      reject(new Error(`diagnostics on ${uri.path} never matched; last seen: ${JSON.stringify(ours(uri).map((d) => `${codeOf(d)}: ${d.message}`))}`));
    }, WAIT_MS);
    const subscription = vscode.languages.onDidChangeDiagnostics((event) => {
      if (!event.uris.some((changed) => changed.toString() === uri.toString())) return;
      const diagnostics = ours(uri);
      if (!accept(diagnostics)) return;
      clearTimeout(timer);
      subscription.dispose();
      resolve(diagnostics);
    });
  });
}
