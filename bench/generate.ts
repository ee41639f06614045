/**
 * Seeded generator of realistic Markdown postmortems, for benchmarks.
 *
 * Pure: the same (targetBytes, seed) always yields the same document, and nothing
 * here reads the clock, the environment or the file system.
 *
 * Large documents grow the way real ones do: the timeline gains whole incident
 * days (a dated sub-heading each, times rising within the day), and the prose,
 * action items and lessons grow alongside it, so the document stays chronological
 * and keeps roughly the section proportions of a hand-written postmortem.
 */

import { mulberry32, type Random } from '../test/support/random.js';

function pick<T>(random: Random, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)]!;
}

/** An integer in [min, max]. */
function between(random: Random, min: number, max: number): number {
  return min + Math.floor(random() * (max - min + 1));
}

function chance(random: Random, probability: number): boolean {
  return random() < probability;
}

const pad2 = (n: number): string => String(n).padStart(2, '0');

function isoDate(date: Date): string {
  return `${date.getUTCFullYear()}-${pad2(date.getUTCMonth() + 1)}-${pad2(date.getUTCDate())}`;
}

function addDays(date: Date, days: number): Date {
  return new Date(date.getTime() + days * 86_400_000);
}

function clock(minutes: number): string {
  return `${pad2(Math.floor(minutes / 60))}:${pad2(minutes % 60)}`;
}

// ---------------------------------------------------------------------------
// Vocabulary. A few entries carry emoji and non-ASCII text on purpose: real
// postmortems do, and offset/column handling must be exercised by them.
// ---------------------------------------------------------------------------

const SERVICES = [
  'api-gateway',
  'checkout-service',
  'payments-db',
  'auth-service',
  'search-indexer',
  'edge-cache',
  'notification-worker',
  'café-orders',
  'inventory-api',
  'billing-queue',
] as const;
const PEOPLE = ['@alice', '@bob', '@chen', '@dana', '@émile', '@farah', '@gus', '@hiro'] as const;
const REGIONS = ['us-east-1', 'eu-west-1', 'ap-southeast-2', 'Zürich DC', 'São Paulo edge'] as const;

type Phrase = (r: Random) => string;

// Timeline events by incident phase, so that each day reads as a story:
// the outage day goes detection -> response -> mitigation, later days are follow-up.
const DETECTION_EVENTS: readonly Phrase[] = [
  (r) => `Monitoring alert fired for elevated 5xx rate on ${pick(r, SERVICES)} 🚨`,
  (r) => `p99 latency on ${pick(r, SERVICES)} rose to ${between(r, 2, 30)}s in ${pick(r, REGIONS)}`,
  (r) => `Connection pool on ${pick(r, SERVICES)} saturated (${between(r, 200, 500)}/${between(r, 500, 800)} connections)`,
  (r) => `Customer support reported a spike of ${between(r, 20, 400)} tickets about failed checkouts`,
  (r) => `Cache hit ratio on ${pick(r, SERVICES)} dropped to ${between(r, 5, 60)}%`,
];
const RESPONSE_EVENTS: readonly Phrase[] = [
  (r) => `On-call engineer ${pick(r, PEOPLE)} acknowledged the page and opened an incident channel`,
  (r) => `Error budget burn rate reached ${between(r, 5, 40)}x; incident declared SEV-${between(r, 1, 3)}`,
  (r) => `Status page updated: "Investigating degraded performance" — ${pick(r, REGIONS)}`,
  (r) => `${pick(r, PEOPLE)} identified a naïve retry loop amplifying load on ${pick(r, SERVICES)}`,
  (r) => `${pick(r, PEOPLE)} increased replica count of ${pick(r, SERVICES)} from ${between(r, 3, 6)} to ${between(r, 8, 16)}`,
  (r) => `Traffic shifted away from ${pick(r, REGIONS)} to healthy regions`,
];
const MITIGATION_EVENTS: readonly Phrase[] = [
  (r) => `${pick(r, PEOPLE)} rolled back deploy #${between(r, 1000, 9999)} of ${pick(r, SERVICES)}`,
  (r) => `Feature flag \`${pick(r, ['new-pricing', 'bulk-export', 'smart-retry', 'v2-router'])}\` disabled`,
  (r) => `Error rates returned to baseline on ${pick(r, SERVICES)} ✅`,
  (r) => `Status page updated: "Monitoring the fix" — ${pick(r, REGIONS)}`,
];
const FOLLOW_UP_EVENTS: readonly Phrase[] = [
  (r) => `Follow-up check: queue depth on ${pick(r, SERVICES)} steady at ${between(r, 0, 50)} messages`,
  (r) => `${pick(r, PEOPLE)} confirmed data consistency for ${between(r, 10, 99)}% of affected orders`,
  (r) => `${pick(r, PEOPLE)} replayed ${between(r, 1, 9)}h of captured traffic against staging; no errors`,
  (r) => `Connection pool limit on ${pick(r, SERVICES)} restored to ${between(r, 200, 400)} in ${pick(r, REGIONS)}`,
  (r) => `Reconciliation job processed ${between(r, 1, 90)}k delayed writes for ${pick(r, SERVICES)}`,
  (r) => `Postmortem review held with ${pick(r, PEOPLE)} and ${pick(r, PEOPLE)} 📝`,
];

const ROOT_CAUSE_SENTENCES: readonly Phrase[] = [
  (r) => `A configuration change to ${pick(r, SERVICES)} lowered the connection pool limit from ${between(r, 200, 400)} to ${between(r, 20, 80)}.`,
  (r) => `Under normal load the reduced limit was sufficient, so the change passed canary analysis in ${pick(r, REGIONS)}.`,
  (r) => `When the nightly batch job started, requests queued behind the pool and timed out after ${between(r, 5, 30)} seconds.`,
  (r) => `Clients retried immediately and without jitter, which multiplied the load by roughly ${between(r, 3, 9)}x.`,
  (r) => `The dashboards aggregated latency across regions, which hid the degradation in ${pick(r, REGIONS)} for several minutes.`,
  (r) => `The runbook for ${pick(r, SERVICES)} still referenced a deprecated failover command, which slowed mitigation.`,
  () => `Resolution consisted of reverting the configuration, draining the backlog and re-enabling traffic region by region.`,
  (r) => `We verified the fix by replaying ${between(r, 1, 9)} hours of production traffic against a staging copy.`,
  () => `No data was lost; delayed writes were reconciled by the outbox processor once the queue drained.`,
  (r) => `The incident affected about ${between(r, 2, 35)}% of requests at its peak, concentrated on checkout and login.`,
];

const ACTION_ITEMS: readonly Phrase[] = [
  (r) => `Add an alert on connection pool saturation for ${pick(r, SERVICES)}`,
  () => `Require load-test evidence for changes to pool and timeout settings`,
  (r) => `Add exponential backoff with jitter to the ${pick(r, SERVICES)} client`,
  (r) => `Update the failover runbook for ${pick(r, SERVICES)}`,
  (r) => `Split latency dashboards per region, starting with ${pick(r, REGIONS)}`,
  () => `Run a game day covering batch-job load on the checkout path`,
  (r) => `Document the rollback procedure for ${pick(r, SERVICES)} in the service README`,
  () => `Automate status page updates from the incident bot 🤖`,
];

const LESSONS: readonly Phrase[] = [
  () => `Canary analysis that only sees off-peak traffic gives false confidence for capacity changes.`,
  () => `Retries without backoff turn a partial outage into a full one.`,
  (r) => `Per-region dashboards would have cut detection time by about ${between(r, 5, 20)} minutes.`,
  () => `Clear incident roles (commander, scribe, comms) kept the channel focused — keep doing this.`,
  () => `Runbooks need an owner and a review date, or they drift from reality.`,
  () => `Early, honest status page updates reduced support load noticeably 👍`,
];

// ---------------------------------------------------------------------------
// Sections
// ---------------------------------------------------------------------------

/** The day the incident happened; every later day and due date is counted from it. */
const INCIDENT_DAY = new Date(Date.UTC(2024, 5, 18));
// The outage proper, as stated in the summary: 10:00-12:00 UTC on the first day.
const OUTAGE_START = 10 * 60;
const OUTAGE_END = 12 * 60;

/** What the summary says about the incident, drawn before the rest so the seed fixes it. */
interface Incident {
  service: string;
  impactPercent: number;
  region: string;
}

function drawIncident(random: Random): Incident {
  return { service: pick(random, SERVICES), impactPercent: between(random, 10, 40), region: pick(random, REGIONS) };
}

/**
 * The incident window as the summary states it. It must cover the whole
 * timeline, or every follow-up entry would rightly be flagged as outside it:
 * a one-day document gets the classic two-hour line, a longer one spans
 * from the outage start to the end of its last day.
 */
function durationLine(lastDay: Date, lastDayEnd: number): string {
  if (lastDay.getTime() === INCIDENT_DAY.getTime()) return '- Duration: 2 hours (10:00 AM - 12:00 PM UTC)';
  const days = Math.round((lastDay.getTime() - INCIDENT_DAY.getTime()) / 86_400_000);
  const hours = (days * 1440 + lastDayEnd - OUTAGE_START) / 60;
  return `- Duration: ${hours} hours (${isoDate(INCIDENT_DAY)} ${clock(OUTAGE_START)} UTC - ` + `${isoDate(lastDay)} ${clock(lastDayEnd)} UTC)`;
}

function header(incident: Incident, duration: string): string {
  return [
    `# Postmortem: ${incident.service} outage on ${isoDate(INCIDENT_DAY)}`,
    '',
    '## Issue Summary',
    '',
    duration,
    `- Impact: ${incident.impactPercent}% of checkout requests failed or timed out; ` + `users in ${incident.region} saw errors when paying 💳`,
    `- Root Cause: a connection pool limit on ${incident.service} was lowered below peak demand, ` + `and client retries without backoff amplified the load`,
    '',
  ].join('\n');
}

/**
 * Emits timeline entries one at a time, keeping them chronological: times rise
 * within a day, and a new dated sub-heading starts each following day. Most
 * entries are plain bullets; some are bold-timed bullets, and now and then a
 * run of entries is written as a table, as people paste them from chat logs.
 */
class TimelineWriter {
  private day = INCIDENT_DAY;
  /** The latest time the current day may reach, in minutes since midnight. */
  private dayEnd = 0;
  private minutes = 0;
  private tableRowsLeft = 0;
  private started = false;
  /** Whether the output so far ends with a blank line (or nothing), so a new block needs none. */
  private atBlockStart = true;

  constructor(private readonly random: Random) {}

  /** The next chunk of Markdown: one entry, possibly preceded by a heading or table header. */
  next(): string {
    let prefix = '';
    const step = this.started ? between(this.random, 2, 6) : 0;
    if (!this.started || this.minutes + step > this.dayEnd) {
      prefix = this.startDay();
    } else {
      this.minutes += step;
    }
    if (this.tableRowsLeft === 0 && chance(this.random, 0.03)) {
      prefix += this.startTable();
    }
    const chunk = prefix + this.entry();
    this.atBlockStart = chunk.endsWith('\n\n');
    return chunk;
  }

  /** The last day written and the end of its time range, for the summary's incident window. */
  lastDay(): { day: Date; end: number } {
    return { day: this.day, end: this.dayEnd };
  }

  /** A blank line to separate a new block from the one before, unless there already is one. */
  private separator(): string {
    return this.atBlockStart ? '' : '\n';
  }

  private startDay(): string {
    const firstDay = !this.started;
    if (!firstDay) this.day = addDays(this.day, 1);
    this.started = true;
    // The first day is the outage window; later days are recovery and follow-up work.
    this.minutes = firstDay ? OUTAGE_START : between(this.random, 7 * 60, 10 * 60);
    // Whole hours, so a multi-day window in the summary reads naturally.
    this.dayEnd = firstDay ? OUTAGE_END : between(this.random, 17, 23) * 60;
    this.tableRowsLeft = 0;
    const heading = `${this.separator()}### ${isoDate(this.day)}\n\n`;
    this.atBlockStart = true;
    return heading;
  }

  private startTable(): string {
    this.tableRowsLeft = between(this.random, 3, 6);
    return `${this.separator()}| Time (UTC) | Event |\n| --- | --- |\n`;
  }

  /** Which events fit the current moment: the outage day tells its story in order. */
  private phaseEvents(): readonly Phrase[] {
    if (this.day.getTime() !== INCIDENT_DAY.getTime()) return FOLLOW_UP_EVENTS;
    const progress = (this.minutes - OUTAGE_START) / (OUTAGE_END - OUTAGE_START);
    if (progress < 0.25) return DETECTION_EVENTS;
    return progress < 0.6 ? RESPONSE_EVENTS : MITIGATION_EVENTS;
  }

  private entry(): string {
    const text = pick(this.random, this.phaseEvents())(this.random);
    const time = clock(this.minutes);
    if (this.tableRowsLeft > 0) {
      this.tableRowsLeft--;
      // A blank line after the last row ends the table before the bullets resume.
      const end = this.tableRowsLeft === 0 ? '\n' : '';
      return `| ${isoDate(this.day)} ${time} | ${text} |\n${end}`;
    }
    if (chance(this.random, 0.15)) return `- **${time} UTC** - ${text}\n`;
    return `- ${time} UTC: ${text}\n`;
  }
}

/** A paragraph of 3-6 distinct sentences (a sentence twice in a row reads as a bug). */
function paragraph(random: Random, sentences: readonly Phrase[]): string {
  const remaining = [...sentences];
  const chosen: string[] = [];
  for (let count = between(random, 3, 6); count > 0 && remaining.length > 0; count--) {
    const [sentence] = remaining.splice(Math.floor(random() * remaining.length), 1);
    chosen.push(sentence!(random));
  }
  return chosen.join(' ') + '\n\n';
}

function actionItem(random: Random): string {
  const done = chance(random, 0.2) ? 'x' : ' ';
  const due = isoDate(addDays(INCIDENT_DAY, between(random, 7, 90)));
  const task = pick(random, ACTION_ITEMS)(random);
  return `- [${done}] ${task} (owner: ${pick(random, PEOPLE)}, due ${due})\n`;
}

function lesson(random: Random): string {
  return `- ${pick(random, LESSONS)(random)}\n`;
}

/** One growable section: its heading, a share of the document, and how to add to it. */
interface Section {
  heading: string;
  share: number;
  grow: () => string;
  chunks: string[];
  bytes: number;
}

function utf8Bytes(text: string): number {
  return Buffer.byteLength(text, 'utf8');
}

/**
 * A Markdown postmortem of about `targetBytes` bytes (UTF-8): it stops growing
 * once the target is reached, so it is off by at most a paragraph.
 */
export function generatePostmortem(targetBytes: number, seed = 1): string {
  const random = mulberry32(seed);
  const incident = drawIncident(random);
  // Sized with the longest duration line; the real one is written once the timeline is done.
  const headerBytes = utf8Bytes(header(incident, durationLine(addDays(INCIDENT_DAY, 999), OUTAGE_END)));
  const timeline = new TimelineWriter(random);
  // Shares roughly follow hand-written postmortems: the timeline dominates.
  const sections: Section[] = [
    { heading: '## Timeline', share: 0.6, grow: () => timeline.next() },
    { heading: '## Root Cause and Resolution', share: 0.2, grow: () => paragraph(random, ROOT_CAUSE_SENTENCES) },
    { heading: '## Corrective and Preventative Measures', share: 0.12, grow: () => actionItem(random) },
    { heading: '## Lessons Learned', share: 0.08, grow: () => lesson(random) },
  ].map((s) => ({ ...s, chunks: [], bytes: 0 }));

  let total = headerBytes + sections.reduce((sum, s) => sum + utf8Bytes(`\n${s.heading}\n\n`), 0);
  // Every section gets content even for tiny targets, then the one furthest
  // below its share grows next, which keeps the proportions at every size.
  for (const section of sections) total += append(section);
  while (total < targetBytes) {
    const neediest = sections.reduce((a, b) => (a.bytes / a.share <= b.bytes / b.share ? a : b));
    total += append(neediest);
  }

  // Chunks end in one or two newlines; trimming keeps exactly one blank line between sections.
  const body = sections.map((s) => `${s.heading}\n\n${s.chunks.join('').trimEnd()}\n`).join('\n');
  const { day, end } = timeline.lastDay();
  return `${header(incident, durationLine(day, end))}\n${body}`;
}

function append(section: Section): number {
  const chunk = section.grow();
  section.chunks.push(chunk);
  const bytes = utf8Bytes(chunk);
  section.bytes += bytes;
  return bytes;
}

/**
 * A report whose timeline is `lines` entries long, one bullet each, times rising a minute a line
 * over the days from 2024-05-01: the shape of a timeline pasted from a log export.
 */
export function generateLongTimeline(lines: number): string {
  const out = ['# Outage', '', '## Summary', '', 'From 10:00 UTC on 2024-05-01 to 10:00 UTC on 2024-05-02.', '', '## Timeline', ''];
  for (let i = 0; i < lines; i++) {
    const minutes = i % 1440;
    if (minutes === 0) out.push(`### ${isoDate(addDays(new Date(Date.UTC(2024, 4, 1)), i / 1440))}`, '');
    out.push(`- ${clock(minutes)} UTC: ${SERVICES[i % SERVICES.length]} step ${i} done`);
  }
  out.push('', '## Root cause', '', 'A bad deploy.', '', '## Action items', '', '- [ ] Roll back faster', '');
  return out.join('\n');
}
