/**
 * outside-window follows what a reviewer calls a contradiction of the stated window: impact,
 * detection or response before the start, recovery after the end, a timeline 12 hours off; never
 * the lead-up before the start or the follow-up after the end.
 */
import { strict as assert } from 'node:assert';
import { analyze } from '../../server/src/analysis/index';
import { Analyzer } from '../../server/src/analysis/index';
import { applyEdits } from '../../server/src/analysis/edits';
import { defineEntryLineQuery, entriesWhereLine } from '../../server/src/analysis/query';

const NOW = new Date('2026-11-21T12:00:00Z');

function report(entries: string[], window = 'From 10:00 to 11:00 UTC on 2025-05-06 the API failed.'): string {
  return `# Report\n\n## Summary\n\n${window}\n\n## Timeline (all times UTC)\n\n${entries.map((entry) => `- ${entry}`).join('\n')}\n`;
}

function flaggedLines(text: string): string[] {
  const analysis = analyze(text, { now: NOW });
  return analysis.diagnostics
    .filter((diagnostic) => diagnostic.rule === 'outside-window')
    .map((diagnostic) =>
      text.slice(
        analysis.model.doc.index.start(analysis.model.doc.index.lineAt(diagnostic.start)),
        analysis.model.doc.index.end(analysis.model.doc.index.lineAt(diagnostic.start)),
      ),
    );
}

describe('outside-window', () => {
  it('leaves the lead-up before the start alone', () => {
    for (const lead of ['09:40: Config push begins', '09:50: Deploy of v2.3 to production', '09:55: PR #412 merged', '09:30: Database migration started']) {
      assert.deepEqual(flaggedLines(report([lead, '10:00: Errors start', '10:05: Alert fires', '11:00: Service restored'])), [], lead);
    }
  });
  it('leaves the follow-up after the end alone', () => {
    for (const follow of [
      '11:30: Clean-up of the old pods finished',
      '12:00: Backfill of the missed payouts completed',
      '13:00: Incident closed',
      '11:20: Email sent to customers',
      '15:00: Postmortem review scheduled',
    ]) {
      assert.deepEqual(flaggedLines(report(['10:00: Errors start', '11:00: Service restored', follow])), [], follow);
    }
  });
  it('flags detection, impact and response before the start', () => {
    for (const early of ['09:40: Alert fires for 5xx errors', '09:45: Users report timeouts', '09:50: Rollback attempted', '09:52: Outage begins']) {
      assert.deepEqual(flaggedLines(report([early, '10:00: Errors start', '11:00: Service restored'])), [`- ${early}`], early);
    }
  });
  it('flags recovery and mitigation after the end', () => {
    for (const late of ['11:40: Service restored', '12:10: Traffic back to normal', '11:30: Restarted the workers']) {
      assert.deepEqual(flaggedLines(report(['10:00: Errors start', late])), [`- ${late}`], late);
    }
  });
  it('says nothing of an entry outside the window whose words show neither', () => {
    assert.deepEqual(flaggedLines(report(['09:40: Coffee', '10:00: Errors start', '11:00: Service restored', '11:40: Lunch'])), []);
  });
  it('puts what it rests on in the diagnostic data', () => {
    const analysis = analyze(report(['09:45: Users report timeouts', '10:00: Errors start']), { now: NOW });
    const found = analysis.diagnostics.find((diagnostic) => diagnostic.rule === 'outside-window');
    assert.equal(found?.data?.evidence, 'impact-before-start');
    assert.match(String(found?.data?.matched), /Users report/);
  });
  it('reports a timeline 12 hours off the window once, and its fix reads it as PM', () => {
    const text = report(
      ['07:30: Site down, alert fires', '07:40: Rolled back', '07:55: Service restored'],
      'From 7:30 pm to 7:55 pm UTC on 2025-05-06 the site was down.',
    );
    const found = analyze(text, { now: NOW }).diagnostics.filter((diagnostic) => diagnostic.rule === 'outside-window');
    assert.equal(found.length, 1);
    assert.equal(found[0].data?.evidence, 'half-day-off');
    const fixed = applyEdits(text, found[0].fix!.edits);
    assert.match(fixed, /- 07:30 PM: Site down[\s\S]*- 07:40 PM: Rolled back[\s\S]*- 07:55 PM: Service restored/);
    assert.deepEqual(
      analyze(fixed, { now: NOW }).diagnostics.filter((diagnostic) => diagnostic.rule === 'outside-window' || diagnostic.rule === 'invalid-time'),
      [],
    );
  });
  it('does not call a timeline 12 hours off when one entry already fits', () => {
    const text = report(['07:30: Site down', '19:40: Rolled back', '07:55: Service restored'], 'From 7:30 pm to 7:55 pm UTC on 2025-05-06 the site was down.');
    const found = analyze(text, { now: NOW }).diagnostics.filter((diagnostic) => diagnostic.rule === 'outside-window');
    assert.ok(found.every((diagnostic) => diagnostic.data?.evidence !== 'half-day-off'));
  });
  it('reads the lines after an entry whose own line says little, in the next block too, and follows edits to them', () => {
    // "### 09:40" is an entry whose words are the paragraph under it, a block of its own.
    const text =
      '# Report\n\n## Summary\n\nFrom 10:00 to 11:00 UTC on 2025-05-06 the API failed.\n\n## Timeline (all times UTC)\n\n### 09:40\n\nUsers report errors on checkout.\n\n### 10:30\n\nRolled back.\n';
    const analyzer = new Analyzer();
    const flagged = (analysis: ReturnType<Analyzer['analyze']>): string[] =>
      analysis.diagnostics.filter((diagnostic) => diagnostic.rule === 'outside-window').map((diagnostic) => String(diagnostic.data?.matched));
    assert.deepEqual(flagged(analyzer.analyze(text, { now: NOW })), ['Users report']);
    const at = text.indexOf('Users report errors');
    const edited = `${text.slice(0, at)}Deployed the change.${text.slice(at + 'Users report errors on checkout.'.length)}`;
    const after = analyzer.analyze(
      edited,
      { now: NOW },
      { from: at, previousTo: at + 'Users report errors on checkout.'.length, to: at + 'Deployed the change.'.length },
    );
    assert.deepEqual(flagged(after), []);
    assert.deepEqual(after.diagnostics, analyze(edited, { now: NOW }).diagnostics);
  });
});

describe('entry-line queries (outside-window asks one)', () => {
  // Asked of every entry once; after an edit, of the entries of the blocks the edit changed only.
  let asked = 0;
  const NEEDLE = defineEntryLineQuery({
    name: 'test:needle',
    matches: (_entry, line) => {
      asked++;
      return line.from.includes('needle');
    },
  });

  it('asks again after an edit only about the entries of the block it changed, and finds what a cold reading finds', () => {
    const days: string[] = [];
    for (let day = 0; day < 50; day++) {
      days.push(`### Day ${day + 1}`, '');
      for (let i = 0; i < 20; i++) days.push(`- ${String(i).padStart(2, '0')}:15 UTC: step ${day * 20 + i} of the work`);
      days.push('');
    }
    const text = `# Report\n\n## Summary\n\nFrom 10:00 to 11:00 UTC on 2025-05-06.\n\n## Timeline\n\n${days.join('\n')}\n`;
    const analyzer = new Analyzer();
    const first = analyzer.analyze(text);
    asked = 0;
    assert.deepEqual(entriesWhereLine(first.model, NEEDLE, null), []);
    assert.equal(asked, 1000);
    const at = text.indexOf('step 500 of');
    const edited = `${text.slice(0, at)}needle ${text.slice(at)}`;
    const second = analyzer.analyze(edited, {}, { from: at, previousTo: at, to: at + 'needle '.length });
    asked = 0;
    const found = entriesWhereLine(second.model, NEEDLE, null);
    assert.ok(asked > 0 && asked <= 20, `${asked} entries asked`);
    assert.deepEqual(
      found.map((entry) => entry.line),
      [edited.slice(0, at).split('\n').length - 1],
    );
    assert.deepEqual(found, entriesWhereLine(analyze(edited).model, NEEDLE, null));
  });
});
