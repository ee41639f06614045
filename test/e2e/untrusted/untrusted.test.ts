/**
 * Runs inside VS Code in Restricted Mode: workspace trust enabled and the folder not trusted
 * (see prepareUntrustedWorkspace). The extension declares untrusted workspaces supported: it
 * must check reports with the workspace's settings, report a broken project file on the file
 * itself, and execute nothing the workspace contains. The workspace holds scripts that would
 * leave a marker file if anything ran them.
 */
import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import { EXECUTED_MARKER } from '../untrustedWorkspace';
import { codeOf, diagnosticsWhen, EXTENSION_ID, ours, root } from '../vscodeDiagnostics';

async function exists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}

describe('in an untrusted workspace (Restricted Mode)', () => {
  it('is in Restricted Mode, and the extension is active there', async () => {
    assert.equal(vscode.workspace.isTrusted, false, 'the runner opens the folder untrusted');
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension, `${EXTENSION_ID} is installed`);
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(vscode.Uri.joinPath(root(), 'postmortems', 'report.md')));
    await extension.activate();
    assert.equal(extension.isActive, true);
  });

  it('checks a report with the workspace settings applied', async () => {
    const uri = vscode.Uri.joinPath(root(), 'postmortems', 'report.md');
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
    const diagnostics = await diagnosticsWhen(uri, (list) => list.some((d) => codeOf(d) === 'heading-space'));
    // .vscode/settings.json turns out-of-order off: the timeline is out of order, and it is not reported.
    assert.ok(!diagnostics.some((d) => codeOf(d) === 'out-of-order'), 'the workspace setting is read');
  });

  it('reports a broken project file on the file itself, ignores it, and loads nothing it names', async () => {
    const report = vscode.Uri.joinPath(root(), 'team', 'postmortems', 'report.md');
    const config = vscode.Uri.joinPath(root(), 'team', '.postmortemrc.json');
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(report));
    const [problem] = await diagnosticsWhen(config, (list) => list.length > 0);
    assert.equal(codeOf(problem), 'config');
    assert.match(problem.message, /unknown setting "plugins"/);
    assert.equal(ours(config).length, 1, 'one diagnostic on the file');
    // The broken file's "heading-space": "error" is ignored, so the default severity stays.
    const diagnostics = await diagnosticsWhen(report, (list) => list.some((d) => codeOf(d) === 'heading-space'));
    assert.equal(diagnostics.find((d) => codeOf(d) === 'heading-space')!.severity, vscode.DiagnosticSeverity.Warning);
  });

  it('runs every command without executing anything from the workspace', async () => {
    const uri = vscode.Uri.joinPath(root(), 'postmortems', 'report.md');
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
    await diagnosticsWhen(uri, (list) => list.length > 0);
    await vscode.commands.executeCommand('postmortem.openPreviewToSide');
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
    assert.equal(await vscode.commands.executeCommand('postmortem.sortTimeline'), true);
    await vscode.commands.executeCommand('postmortem.fixAll');
    await vscode.commands.executeCommand('postmortem.insertTimelineEntryNow');
    await vscode.commands.executeCommand('workbench.action.files.saveAll');
    assert.equal(await exists(vscode.Uri.joinPath(root(), EXECUTED_MARKER)), false, `something ran a script from the workspace (${EXECUTED_MARKER} exists)`);
    // The check above could only fail if the marker can appear at all: the scripts are there.
    assert.equal(await exists(vscode.Uri.joinPath(root(), 'team', 'plugin.js')), true);
  });
});
