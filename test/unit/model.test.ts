import { strict as assert } from 'node:assert';
import { analyze, buildModel, toInspectJson } from '../../server/src/analysis/index';
import { classifySectionTitle, classifyTitle, normalizeTitle } from '../../server/src/analysis/titles';

function kindsOf(title: string): string[] {
  return classifyTitle(normalizeTitle(title).title)?.kinds ?? [];
}

function sectionsOf(text: string): Record<string, number> {
  const sections = buildModel(text).outline.sections;
  return Object.fromEntries(Object.entries(sections).map(([kind, section]) => [kind, section!.line + 1]));
}

describe('model: section titles', () => {
  const cases: Array<[string, string[]]> = [
    ['Issue Summary:', ['summary']],
    ['## 1. Executive Summary', ['summary']],
    ['**Issue Summary:**', ['summary']],
    ['TL;DR', ['summary']],
    ['Incident Summary', ['summary']],
    ['Resumen del Incidente', ['summary']],
    ['Timeline (all times UTC)', ['timeline']],
    ['Detailed Timeline', ['timeline']],
    ['ROOT CAUSE', ['rootCause']],
    ['Root Cause Analysis', ['rootCause']],
    ['Contributing Factors', ['rootCause']],
    ['Root cause and resolution:', ['rootCause', 'resolution']],
    ['Resolution and recovery', ['resolution']],
    ['Preventive Actions', ['measures']],
    ['Corrective measures and prevention', ['measures']],
    ['Corrective and Preventative Measures', ['measures']],
    ['Action Items', ['measures']],
    ['Follow-up', ['measures']],
    ['Next steps', ['measures']],
    ['Lessons Learned', ['lessonsLearned']],
    ['Impact', ['impact']],
    ['Follow-up Actions', ['measures']],
    ['Action Items & Follow-ups', ['measures']],
    ['Remediation Actions', ['measures']],
    ['Postmortem Action Items', ['measures']],
    ['Impact Summary', ['impact']],
    ['Chronology of events', ['timeline']],
    ['Mitigation and Resolution', ['resolution']],
    ['Resolution Steps', ['resolution']],
    ['Timeline 🕐', ['timeline']],
    ['Blog Summary', []],
    ['Duration', []],
    ['Supporting information', []],
    // The industry's templates (SRE book, PagerDuty, Atlassian, GitLab, Azure, the cloud book, Kehoe).
    ['Five whys', ['rootCause']],
    ['Fault', ['rootCause']],
    ['Contributing Conditions Analysis', ['rootCause']],
    ['What caused the incident?', ['rootCause']],
    ['Recovery', ['resolution']],
    ['Mitigation', ['resolution']],
    ['Mitigation & Resolution', ['resolution']],
    ['Recommendations', ['measures']],
    ['Follow-ups', ['measures']],
    ['Action Items & Followups', ['measures']],
    ["How'd We Do?", ['lessonsLearned']],
    ['What went well', ['lessonsLearned']],
    ['Where we got lucky', ['lessonsLearned']],
    ['What can be improved', ['lessonsLearned']],
    ['Lessons Learnt', ['lessonsLearned']],
    ['Overview', ['summary']],
    ['Executive Summary', ['summary']],
    ['Outage Description', ['summary']],
    ['Summary of impact', ['summary']],
    ['What was the root cause?', ['rootCause']],
    ['How did we fix it?', ['resolution']],
    ['Steps to Resolution:', ['resolution']],
    ['What are we doing to prevent it from happening again?', ['measures']],
    ['What happened?', ['summary']],
    ['Trigger', []],
    ['Detection', []],
    ['Leadup', []],
    ['Resolutions', []],
    ['Fixes', []],
    ['Updates', ['timeline']],
    ['Aktualisierungen', ['timeline']],
  ];
  for (const [title, kinds] of cases) it(`"${title}" -> ${kinds.join(', ') || 'other'}`, () => assert.deepEqual(kindsOf(title), kinds));
});

describe('model: section titles however they are worded', () => {
  function kinds(title: string, heading = false): string[] | null {
    const { title: normalized, head } = normalizeTitle(title);
    return classifySectionTitle(normalized, heading, head)?.kinds ?? null;
  }
  it('reads a title joined from parts as every kind its parts name', () => {
    assert.deepEqual(kinds('Root cause and mitigation'), ['rootCause', 'resolution']);
    assert.deepEqual(kinds('Lessons Learned and Future Improvements'), ['measures', 'lessonsLearned']);
    assert.deepEqual(kinds('Prevention & Next Steps'), ['measures']);
    assert.deepEqual(kinds('Schedule or Timeline.', true), ['timeline']);
  });
  it('reads a title typed with one slip, weakly, but not a plural or a short word', () => {
    assert.deepEqual(classifySectionTitle('moving foward', true), { kinds: ['measures'], weak: true });
    assert.deepEqual(classifySectionTitle('root casue', false), { kinds: ['rootCause'], weak: true });
    assert.deepEqual(classifySectionTitle('timelnie', false), { kinds: ['timeline'], weak: true });
    assert.deepEqual(classifySectionTitle('lesons learned', false), { kinds: ['lessonsLearned'], weak: true });
    assert.equal(classifySectionTitle('resolutions', true), null);
    assert.equal(classifySectionTitle('impcat', true), null);
    assert.equal(classifySectionTitle('rollout notes', true), null);
    assert.equal(classifySectionTitle('root cause mapping', true), null);
  });
  it('lets only a heading join a known part to an unknown one, and then weakly', () => {
    assert.equal(kinds('Impact & Metrics'), null);
    assert.deepEqual(kinds('Impact & Metrics', true), ['impact']);
    assert.deepEqual(classifySectionTitle('detection and response', true), { kinds: ['resolution'], weak: true });
  });
  it('reads prompts, articles, emoji, "details of" and a heading that runs on after its note', () => {
    assert.deepEqual(kinds('Issue Summary (that is often what executives will read) must contain:', true), ['summary']);
    assert.deepEqual(kinds('🧠 The Lessons Learned: 🧠'), ['lessonsLearned']);
    assert.deepEqual(kinds('Details of fix'), ['resolution']);
    assert.deepEqual(kinds('Summary of issues established during the emergency.'), ['summary']);
    assert.deepEqual(kinds('Timeline (all times PST ) Saturday Oct 30th 2021 - Monday Nov 1st, 2021', true), ['timeline']);
    assert.equal(kinds('Timeline (all times PST ) Saturday Oct 30th 2021 - Monday Nov 1st, 2021'), null);
  });
});

describe('model: sections however they are written', () => {
  it('reads a heading with no space after its marker, numbered headings and trailing periods', () => {
    assert.deepEqual(sectionsOf('# Postmortem\n\n## Issue Summary.\n\n###Duration:\n\n30 minutes\n\n### 2. Timeline:\n\n* 10:15 AM PST: x\n'), {
      summary: 3,
      timeline: 9,
    });
  });
  it('reads plain lines, ALL-CAPS lines and bold labels as headings', () => {
    const text = 'ISSUE OVERVIEW\nSomething broke.\n\nTimeline\n10:00 - a\n\n**Root Cause:**\nA bug.\n\nCorrective and preventative measures:\n- fix it\n';
    assert.deepEqual(sectionsOf(text), { summary: 1, timeline: 4, rootCause: 7, measures: 10 });
  });
  it('does not take a summary field for the root cause section', () => {
    const text = '## Issue Summary\n- Root Cause: a bug\n\n## Timeline\n- 10:00: a\n\n## Root Cause and Resolution\nA bug, fixed.\n';
    assert.deepEqual(sectionsOf(text), { summary: 1, rootCause: 7, resolution: 7, timeline: 4 });
  });
  it('prefers a plain "Summary" to an "Overview"', () => {
    assert.equal(sectionsOf('## Overview\nReadme.\n\n## Incident Summary\nBroke.\n').summary, 4);
  });
  it('prefers a plain title in any style to a weaker wording ("TL;DR:" over "What happened?")', () => {
    assert.equal(sectionsOf('TL;DR: the database napped.\n\nWhat happened?\n\nIt stopped.\n').summary, 1);
  });
  it('reads plain question lines, emoji-wrapped lines and HTML headings', () => {
    const text =
      'What happened?\n\nIt broke.\n\nWhat was the root cause?\n\nA disk.\n\n💥 The Impact: 💥\nSlow pages.\n\n<h4 class="x">Next steps</h4>\n<p>Alert on disks.</p>\n';
    assert.deepEqual(sectionsOf(text), { summary: 1, rootCause: 5, impact: 9, measures: 12 });
  });
  it('ends a section at a line that names another part of the report ("Trigger", "Detection")', () => {
    const model = buildModel('Root Causes:\n\nTrigger:\nA deploy.\n');
    assert.equal(model.outline.sections.rootCause?.endLine, 1);
    assert.ok(analyze('Root Causes:\n\nTrigger:\nA deploy.\n').diagnostics.some((d) => d.rule === 'empty-section' && d.data?.section === 'rootCause'));
  });
  it('does not end a Markdown section at a weaker wording written as a sub-label ("Response:")', () => {
    const model = buildModel('## Timeline (all times UTC)\n\n- 10:00 alert\n\nResponse:\n\n- 10:05 paged\n- 10:20 fixed\n');
    assert.ok((model.outline.sections.timeline?.endLine ?? 0) >= 7);
    assert.equal(model.timeline.entries.filter((entry) => entry.time).length, 3);
  });
  it('does not call a section with content in its subsections empty', () => {
    const text =
      '## Summary\nBroke.\n\n## Timeline\n- 10:00 UTC a\n\n## Root Cause\nA bug.\n\n## Resolution\n\n### Root cause\n\nRolled back.\n\n## Action Items\n- fix\n';
    assert.deepEqual(
      analyze(text).diagnostics.filter((d) => d.rule === 'empty-section'),
      [],
    );
  });
});

describe('model: incident window', () => {
  const cases: Array<[string, { start: string | null; end: string | null; timezone: string | null; statedDurationMinutes: number | null }]> = [
    ['## Summary\n- Duration: 30 minutes (10:15 AM - 10:45 AM PST)\n', { start: 'T10:15', end: 'T10:45', timezone: 'PST', statedDurationMinutes: 30 }],
    [
      '## Summary\n- Start: June 18, 2024, 3:00 PM UTC\n- End: June 18, 2024, 5:30 PM UTC\n',
      { start: '2024-06-18T15:00', end: '2024-06-18T17:30', timezone: 'UTC', statedDurationMinutes: null },
    ],
    ['## Summary\n1 hour and 30 minutes, from 10:15 AM to 11:45 AM PST\n', { start: 'T10:15', end: 'T11:45', timezone: 'PST', statedDurationMinutes: 90 }],
    [
      '## Summary\nFrom 2023-08-25 14:00 UTC to 2023-08-25 16:10 UTC.\n',
      { start: '2023-08-25T14:00', end: '2023-08-25T16:10', timezone: 'UTC', statedDurationMinutes: null },
    ],
    [
      '## Summary\n- **Start Time:** May 5, 2024, 10:00 PM (UTC-5)\n- **End Time:** May 6, 2024, 2:00 AM (UTC-5)\n',
      { start: '2024-05-05T22:00', end: '2024-05-06T02:00', timezone: 'UTC-5', statedDurationMinutes: null },
    ],
    [
      '## Summary\nThe outage started at 07:30 pm and was resolved by 07:55 PM West saudi arabia Time.\n',
      { start: 'T19:30', end: 'T19:55', timezone: 'West saudi arabia Time', statedDurationMinutes: null },
    ],
    ['## Summary\nNothing timed here.\n', { start: null, end: null, timezone: null, statedDurationMinutes: null }],
  ];
  for (const [text, expected] of cases) {
    it(JSON.stringify(text.split('\n')[1]), () => {
      const window = toInspectJson(buildModel(text)).window;
      assert.deepEqual({ start: window.start, end: window.end, timezone: window.timezone, statedDurationMinutes: window.statedDurationMinutes }, expected);
    });
  }
});

describe('model: timeline entries', () => {
  function entries(body: string): Array<[number, string | null, string | null, string | null]> {
    return toInspectJson(buildModel(`# Report\n\n${body}`)).timeline.map((entry) => [entry.line - 2, entry.time, entry.date, entry.timezone]);
  }
  it('reads bullets, numbered items, bold and italic times, backticks and ranges', () => {
    const body = '## Timeline\n- 10:15 AM: a\n1. **14:30 UTC**: b\n*06:00*: c\n- `2021-10-28 08:26` d\n10:20 AM EAT - 10:30 AM EAT: e\n';
    assert.deepEqual(entries(body), [
      [2, '10:15', null, null],
      [3, '14:30', null, 'UTC'],
      [4, '06:00', null, null],
      [5, '08:26', '2021-10-28', null],
      [6, '10:20', null, 'EAT'],
    ]);
  });
  it('inherits the zone of the Timeline heading and the date of a date sub-heading', () => {
    const body = '## Timeline (all times in CET)\n\n### 2024-03-01\n\n- 23:50 a\n\n### 2024-03-02\n\n- 00:10 b\n';
    assert.deepEqual(entries(body), [
      [5, '23:50', '2024-03-01', 'CET'],
      [9, '00:10', '2024-03-02', 'CET'],
    ]);
  });
  it('reads table rows, tab-separated columns and headings with times', () => {
    const body = '## Timeline\n\n| Time (UTC) | Event |\n|---|---|\n| **05:52** | a |\n\n11:30 AM\t\tb\n\n### 14:00 UTC - c\n';
    assert.deepEqual(entries(body), [
      [5, '05:52', null, 'UTC'],
      [7, '11:30', null, 'UTC'],
      [9, '14:00', null, 'UTC'],
    ]);
  });
  it('reads entries that start after <br> in a reflowed line', () => {
    const body = '## Timeline\n\n15:27 - a change<br> 21:14 - it took effect<br> 21:20 - a mail\n';
    assert.deepEqual(
      entries(body).map((entry) => entry[1]),
      ['15:27', '21:14', '21:20'],
    );
  });
  it('does not read an indented description under a timed bullet as an entry', () => {
    const body = '## Timeline\n\n- **10:30 AM (EAT):** Detected\n  - the alert fired at 10:29 AM\n- **10:35 AM (EAT):** Investigated\n';
    assert.deepEqual(
      entries(body).map((entry) => entry[1]),
      ['10:30', '10:35'],
    );
  });
});

describe('model: days and midnight', () => {
  const text = [
    '## Summary',
    '',
    'From 23:40 on 2024-05-01 to 00:20 UTC on 2024-05-02 the batch was late.',
    '',
    '## Timeline',
    '',
    '### May 1, 2024',
    '',
    '- 23:40 UTC: late',
    '- 23:55 UTC: lock released',
    '- 00:20 UTC: done',
    '',
    '2024-05-02 (all times UTC)',
    '',
    '- 01:00: verified',
    '',
  ].join('\n');
  it('reads a date written after its time, and a day line with a zone note', () => {
    const json = toInspectJson(buildModel(text));
    assert.deepEqual([json.window.start, json.window.end], ['2024-05-01T23:40', '2024-05-02T00:20']);
    assert.deepEqual(
      json.timeline.map((entry) => [entry.time, entry.date]),
      [
        ['23:40', '2024-05-01'],
        ['23:55', '2024-05-01'],
        ['00:20', '2024-05-02'],
        ['01:00', '2024-05-02'],
      ],
    );
    assert.equal(json.timeline[3].timezone, 'UTC');
  });
  it('does not call the entry past midnight out of order', () => {
    assert.ok(!analyze(text).diagnostics.some((d) => d.rule === 'out-of-order'));
  });
  it('prefers labelled start and end fields to a time in the summary prose', () => {
    const front =
      '# Incident 42\n\n**Incident start:** 2024-08-01 07:00 UTC\n**Incident end:** 2024-08-01 09:20 UTC\n**Duration:** 2h 20m\n\n## Summary\n\nAt 07:00 UTC a deploy broke the API.\n';
    const window = toInspectJson(buildModel(front)).window;
    assert.deepEqual([window.start, window.end, window.statedDurationMinutes], ['2024-08-01T07:00', '2024-08-01T09:20', 140]);
  });
  it('reads weekday prefixes and a zone after closing markup', () => {
    const entries = toInspectJson(buildModel('## Timeline\nMon 14:51 UTC - a\nMon 14:53 UTC - b\n- `15:10` UTC c\n')).timeline;
    assert.deepEqual(
      entries.map((entry) => [entry.time, entry.timezone]),
      [
        ['14:51', 'UTC'],
        ['14:53', 'UTC'],
        ['15:10', 'UTC'],
      ],
    );
  });
});

describe('model: action items', () => {
  it('reads an action item table and "(Owner: Name)"', () => {
    const text =
      '## Action Items\n\n| Action Item | Owner | Status |\n|---|---|---|\n| Add a breaker | @jen | DONE |\n| Page two people | Sam Lee | open |\n\n- [ ] Fix it (Owner: Priya)\n- [ ] the owner was paged\n';
    const actions = toInspectJson(buildModel(text)).actions;
    assert.deepEqual(
      actions.map((item) => [item.text, item.checked, item.owner]),
      [
        ['Add a breaker', true, '@jen'],
        ['Page two people', false, 'Sam Lee'],
        ['Fix it (Owner: Priya)', false, 'Priya'],
        ['the owner was paged', false, null],
      ],
    );
  });

  it('reads task boxes, owners and due dates', () => {
    const text =
      '## Corrective and Preventative Measures\n\n**Tasks:**\n- [ ] Add alerts (owner: @dana, due 2024-07-01)\n- [x] Fix config @lee\n- ✅ Write runbook, Owner: Priya, by June 30, 2024\n1. Load test monthly\n';
    const actions = toInspectJson(buildModel(text)).actions;
    assert.deepEqual(
      actions.map((item) => [item.checked, item.owner, item.due, item.group]),
      [
        [false, '@dana', '2024-07-01', 'Tasks'],
        [true, '@lee', null, 'Tasks'],
        [true, 'Priya', '2024-06-30', 'Tasks'],
        [null, null, null, 'Tasks'],
      ],
    );
  });
});

describe('model: metrics (detection words)', () => {
  it('does not take "News reports" for detection', () => {
    const text = '## Summary\nFrom 14:51 to 16:00 UTC.\n\n## Timeline\n- 14:51 UTC: News reports a new sonnet.\n- 14:55 UTC: Pager fires for 500s.\n';
    assert.equal(buildModel(text).metrics.timeToDetectMinutes, 4);
  });
});

describe('model: metrics', () => {
  it('computes duration and time to detect, mitigate and resolve', () => {
    const text =
      '## Summary\nFrom 10:00 UTC to 11:00 UTC.\n\n## Timeline\n- 10:05 UTC: Alert fired.\n- 10:20 UTC: Rolled back the deploy.\n- 10:50 UTC: Service restored.\n';
    const metrics = buildModel(text).metrics;
    assert.deepEqual([metrics.durationMinutes, metrics.timeToDetectMinutes, metrics.timeToMitigateMinutes, metrics.timeToResolveMinutes], [60, 5, 20, 50]);
  });
});

describe('rules that need the current time take it as a parameter', () => {
  const text = '## Summary\nOn March 3, 2031 from 10:00 to 11:00 UTC the API failed.\n';
  it('future-date reports with "now" before the date', () => {
    assert.ok(analyze(text, { now: new Date('2026-01-01') }).diagnostics.some((d) => d.rule === 'future-date'));
  });
  it('and not without "now" or after the date', () => {
    assert.ok(!analyze(text).diagnostics.some((d) => d.rule === 'future-date'));
    assert.ok(!analyze(text, { now: new Date('2032-01-01') }).diagnostics.some((d) => d.rule === 'future-date'));
  });
  it('rules can be turned off or given another severity', () => {
    const off = analyze(text, { rules: { 'missing-section': 'off' } }).diagnostics;
    assert.ok(!off.some((d) => d.rule === 'missing-section'));
    const info = analyze(text, { rules: { 'missing-section': 'information' } }).diagnostics.filter((d) => d.rule === 'missing-section');
    assert.ok(info.length > 0 && info.every((d) => d.severity === 'information'));
  });
});
