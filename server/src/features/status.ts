/**
 * `postmortem/status`: what the client's language status item shows for a document.
 */
import type { Connection } from 'vscode-languageserver/node';
import { describeMinutes, metricsSteps } from '../analysis/index';
import { NOT_CHECKED, STATUS_METHOD, type StatusParams, type StatusResult } from '../protocol';
import type { Workspace } from '../workspace';

export function registerStatus(connection: Connection, workspace: Workspace): void {
  connection.onRequest(STATUS_METHOD, async (params: StatusParams): Promise<StatusResult> => {
    const uri = typeof params?.uri === 'string' ? params.uri : '';
    await workspace.ready(uri);
    // The metrics are built when first read: on a large report, in slices while others are served.
    const current = await workspace.currentWith(uri, metricsSteps);
    const state = workspace.get(uri);
    if (!current || !state) return NOT_CHECKED;
    const { analysis, value: metrics } = current;
    const counts = { errors: 0, warnings: 0, others: 0 };
    for (const diagnostic of analysis.diagnostics) {
      if (diagnostic.severity === 'error') counts.errors++;
      else if (diagnostic.severity === 'warning') counts.warnings++;
      else counts.others++;
    }
    return {
      checked: true,
      ...counts,
      durationMinutes: metrics.durationMinutes,
      durationText: metrics.durationMinutes === null ? null : describeMinutes(metrics.durationMinutes),
      timedEntries: metrics.timedEntries,
      openActionItems: metrics.openActionItems,
    };
  });
}
