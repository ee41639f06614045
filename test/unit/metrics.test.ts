/**
 * Metrics come from the milestones a report marks, then from guesses that respect negation; each
 * says which entry it came from, and one that nothing establishes is unknown.
 */
import { strict as assert } from 'node:assert';
import { actionsSteps, buildModel, metricsSteps } from '../../server/src/analysis/model';
import { EMPTY_METRICS } from '../../server/src/analysis/metrics';
import { finish } from '../../server/src/analysis/incremental/steps';
import { generatePostmortem } from '../../bench/generate';

function metricsOf(entries: string[], window = 'From 10:00 to 11:00 UTC on 2025-05-06 the API failed.') {
  return buildModel(`# Report\n\n## Summary\n\n${window}\n\n## Timeline (all times UTC)\n\n${entries.map((entry) => `- ${entry}`).join('\n')}\n`).metrics;
}

describe('metrics', () => {
  it('never takes a negated sentence as a milestone', () => {
    const metrics = metricsOf([
      '10:00: Errors start.',
      '10:10: Restarted web servers, but issue persisted.',
      '10:20: Rollback attempted; freshness does not recover.',
      '10:40: Config reverted.',
      '11:00: Service restored.',
    ]);
    assert.equal(metrics.timeToMitigateMinutes, 40);
    assert.equal(metrics.sources.mitigate?.words, 'reverted');
    assert.equal(metrics.timeToResolveMinutes, 60);
    assert.equal(metrics.sources.resolve?.line, 12);
  });
  it('reports a milestone nothing establishes as unknown, not a guess', () => {
    const metrics = metricsOf(['10:00: Errors start.', '10:10: Restarted web servers, but issue persisted.', '10:50: Still failing.']);
    assert.equal(metrics.timeToMitigateMinutes, null);
    assert.equal(metrics.sources.mitigate, null);
    assert.equal(metrics.timeToResolveMinutes, null);
  });
  it('takes the milestones a report marks before any guess', () => {
    const metrics = metricsOf(
      [
        '10:00 **OUTAGE BEGINS**: errors start.',
        '10:05: Someone noticed graphs looked odd.',
        '10:12 **Detected**: pager fires for the API.',
        '10:30 **OUTAGE MITIGATED**: traffic drained to the other region.',
        '10:45: Recovered in one region.',
        '10:58 **OUTAGE ENDS**: all regions healthy.',
        '11:00: Monitoring looks normal.',
      ],
      'From 10:00 to 10:58 UTC on 2025-05-06 the API failed.',
    );
    assert.deepEqual([metrics.timeToDetectMinutes, metrics.timeToMitigateMinutes, metrics.timeToResolveMinutes], [12, 30, 58]);
    assert.deepEqual([metrics.sources.detect?.how, metrics.sources.mitigate?.how, metrics.sources.resolve?.how], ['marked', 'marked', 'marked']);
  });
  it('measures from the start on instants across a daylight-saving change', () => {
    const metrics = metricsOf(
      ['2024-03-10 01:40 PST: Errors start.', '2024-03-10 03:10 PDT: Alert fired.', '2024-03-10 03:40 PDT: Service restored.'],
      'From 01:40 PST to 03:40 PDT on 2024-03-10 payouts failed.',
    );
    // 01:40 PST is 09:40 UTC, 03:10 PDT is 10:10 UTC, 03:40 PDT is 10:40 UTC.
    assert.deepEqual([metrics.durationMinutes, metrics.timeToDetectMinutes, metrics.timeToResolveMinutes], [60, 30, 60]);
  });
});

describe('hover on the Timeline heading', () => {
  it('says where each metric came from, and which are unknown', async () => {
    const { hoverAt } = await import('../../server/src/analysis/providers/hover');
    const text =
      '# Report\n\n## Summary\n\nFrom 10:00 to 11:00 UTC on 2025-05-06 the API failed.\n\n## Timeline (all times UTC)\n\n- 10:00: Errors start.\n- 10:05: Alert fired.\n- 10:10: Restarted web servers, but issue persisted.\n- 11:00: Service restored.\n';
    const model = buildModel(text);
    const hover = hoverAt(model, text.indexOf('Timeline') + 2);
    assert.ok(hover, 'a hover on the heading');
    assert.match(hover.markdown, /Detected: T\+5 min, line 10 \(10:05, guessed from "Alert"\)/);
    assert.match(hover.markdown, /Mitigated: unknown/);
    assert.match(hover.markdown, /Resolved: T\+1 h, line 12 \(11:00, guessed from "restored"\)/);
  });
});

describe('metrics and action items in steps', () => {
  // The server builds them in slices (Workspace.currentWith); every other caller reads them in one go.
  const text = generatePostmortem(600_000, 7);

  it('builds them in many steps on a large report, with the values a plain read gives', () => {
    const cold = buildModel(text);
    const expected = { metrics: cold.metrics, actions: cold.actions };
    const model = buildModel(text);
    let steps = 0;
    const metrics = metricsSteps(model);
    for (let step = metrics.next(); !step.done; step = metrics.next()) steps++;
    assert.ok(steps > 4, `${steps} steps`);
    assert.ok(expected.metrics.timedEntries > 1000, `${expected.metrics.timedEntries} timed entries`);
    assert.deepEqual(model.metrics, expected.metrics);
    assert.deepEqual(model.actions, expected.actions);
    assert.equal(finish(actionsSteps(model)), model.actions, 'kept: read again, not built again');
  });

  it('keeps nothing from building stopped part way, and a plain read meanwhile stands', () => {
    const expected = buildModel(text).metrics;
    const model = buildModel(text);
    const stopped = metricsSteps(model);
    for (let i = 0; i < 3; i++) stopped.next();
    stopped.return(EMPTY_METRICS);
    const running = metricsSteps(model);
    running.next();
    assert.deepEqual(model.metrics, expected, 'read in one go between two steps');
    const read = model.metrics;
    assert.equal(finish(running), read);
    assert.equal(model.metrics, read);
  });
});
