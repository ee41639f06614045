/**
 * The value a duration or zone fix writes is right, checked against instants this test computes
 * itself (its own table of abbreviations and the platform's Intl zone data, not the product's
 * time code), on every document we have: our fixtures, the examples, the seeds and both corpora.
 *
 * fixes.test.ts checks that applying a fix makes the problem go away; a fix that writes a wrong
 * value the rule then agrees with would pass it. This test closes that gap for the fixes that
 * write a computed value: duration-mismatch (a length) and dst-mismatch (an abbreviation).
 */
import { strict as assert } from 'node:assert';
import { analyze, type Analysis, type Diagnostic } from '../../server/src/analysis/index';
import { loadLabelled, sharedAvailable, SHARED, repoDocuments, type RepoDocument } from './score';

const NOW = new Date('2026-11-21T12:00:00Z');

// Written for this test, independently of server/src/analysis/time.ts.
const FIXED: Record<string, number> = {
  UTC: 0,
  GMT: 0,
  Z: 0,
  PST: -480,
  PDT: -420,
  MST: -420,
  MDT: -360,
  CST: -360,
  CDT: -300,
  EST: -300,
  EDT: -240,
  CET: 60,
  CEST: 120,
  BST: 60,
  WAT: 60,
  EAT: 180,
  JST: 540,
  AEST: 600,
  AEDT: 660,
  IST: 330,
};
const REGION: Record<string, { iana: string; daylight: boolean }> = {
  PST: { iana: 'America/Los_Angeles', daylight: false },
  PDT: { iana: 'America/Los_Angeles', daylight: true },
  MST: { iana: 'America/Denver', daylight: false },
  MDT: { iana: 'America/Denver', daylight: true },
  CST: { iana: 'America/Chicago', daylight: false },
  CDT: { iana: 'America/Chicago', daylight: true },
  EST: { iana: 'America/New_York', daylight: false },
  EDT: { iana: 'America/New_York', daylight: true },
  CET: { iana: 'Europe/Berlin', daylight: false },
  CEST: { iana: 'Europe/Berlin', daylight: true },
  GMT: { iana: 'Europe/London', daylight: false },
  BST: { iana: 'Europe/London', daylight: true },
  AEST: { iana: 'Australia/Sydney', daylight: false },
  AEDT: { iana: 'Australia/Sydney', daylight: true },
};
const NAMED: Record<string, string> = {
  'pacific time': 'America/Los_Angeles',
  'eastern time': 'America/New_York',
  'central time': 'America/Chicago',
  'mountain time': 'America/Denver',
};

/** The zone's UTC offset in minutes at a UTC instant, from the platform's zone data. */
function ianaOffset(iana: string, utcMs: number): number {
  const name = new Intl.DateTimeFormat('en-US', { timeZone: iana, timeZoneName: 'longOffset' })
    .formatToParts(new Date(utcMs))
    .find((part) => part.type === 'timeZoneName')!.value;
  const match = /GMT(?:([+-])(\d{2}):(\d{2}))?/.exec(name)!;
  return match[1] ? (match[1] === '-' ? -1 : 1) * (Number(match[2]) * 60 + Number(match[3])) : 0;
}

/** The UTC instant (ms) of a local date and clock in a written zone, or null for a zone this test does not know. */
function instantOf(date: string, minutes: number, zone: string): number | null {
  const local = Date.parse(`${date}T00:00:00Z`) + minutes * 60_000;
  const text = zone.trim().replace(/^\(|\)$/g, '');
  const upper = text.toUpperCase();
  if (upper in FIXED) return local - FIXED[upper] * 60_000;
  const offset = /^(?:UTC|GMT)?\s*([+-])(\d{1,2})(?::?(\d{2}))?$/i.exec(text);
  if (offset) return local - (offset[1] === '-' ? -1 : 1) * (Number(offset[2]) * 60 + Number(offset[3] ?? 0)) * 60_000;
  const iana = NAMED[text.toLowerCase()] ?? (/^[A-Za-z]+\/[A-Za-z_]+$/.test(text) ? text : null);
  if (!iana) return null;
  // Two passes: the offset at the guessed instant, then at the instant it gives.
  const guess = local - ianaOffset(iana, local) * 60_000;
  return local - ianaOffset(iana, guess) * 60_000;
}

/** Minutes in a duration as a fix writes it: "1 hour 35 minutes", "2 h 5 min", "45 minutes". */
function writtenMinutes(text: string): number {
  const hours = /(\d+)\s*(?:hours?|hrs?|h)\b/i.exec(text);
  const minutes = /(\d+)\s*(?:minutes?|mins?|m)\b/i.exec(text);
  assert.ok(hours || minutes, `cannot read a duration in "${text}"`);
  return (hours ? Number(hours[1]) * 60 : 0) + (minutes ? Number(minutes[1]) : 0);
}

/** The window's length in minutes by this test's own instants, or null when a zone or date is unknown to it. */
function windowMinutes(analysis: Analysis): number | null {
  const { start, end, zone } = analysis.model.window;
  if (!start || !end) return null;
  const startZone = start.zone?.text ?? zone?.text;
  const endZone = end.zone?.text ?? zone?.text;
  const startDate = start.date ?? end.date ?? '2001-01-01';
  if (!startZone || !endZone) return null;
  const from = instantOf(startDate, start.minutes, startZone);
  let to = instantOf(end.date ?? startDate, end.minutes, endZone);
  if (from === null || to === null) return null;
  // No end date: an end before the start is on the next day.
  if (!end.date && to < from) to += 86_400_000;
  return Math.round((to - from) / 60_000);
}

/** The clock time (minutes) written last before `at` on its line: the time a zone mention belongs to. */
function timeBefore(text: string, at: number): number | null {
  const lineStart = text.lastIndexOf('\n', at - 1) + 1;
  const times = [...text.slice(lineStart, at).matchAll(/\b(\d{1,2}):(\d{2})(?::\d{2})?\s*([AaPp]\.?[Mm]\.?)?/g)];
  if (times.length === 0) return null;
  const [, h, m, meridiem] = times[times.length - 1];
  let hour = Number(h) % (meridiem ? 12 : 24);
  if (meridiem && /^p/i.test(meridiem)) hour += 12;
  return hour * 60 + Number(m);
}

/** Whether the zone's offset differs between the start and the end of a local day. */
function changesOn(iana: string, date: string): boolean {
  const morning = instantOf(date, 0, iana)!;
  return ianaOffset(iana, morning) !== ianaOffset(iana, morning + 86_399_000);
}

type Document = RepoDocument;

interface Tally {
  durations: number;
  abbreviations: number;
  /** Fixes whose value this test could not establish (a zone it does not know): listed, not passed silently. */
  unchecked: string[];
}

function checkDurationFix(document: Document, analysis: Analysis, diagnostic: Diagnostic, tally: Tally): void {
  const expected = windowMinutes(analysis);
  const where = `${document.name}: duration-mismatch at ${diagnostic.start}`;
  if (expected === null) {
    tally.unchecked.push(where);
    return;
  }
  const written = diagnostic.fix!.edits.map((edit) => edit.newText).join(' ');
  assert.equal(writtenMinutes(written), expected, `${where}: the fix writes "${written}", but the window lasts ${expected} minutes`);
  tally.durations++;
}

function checkAbbreviationFix(document: Document, diagnostic: Diagnostic, tally: Tally): void {
  // A slip repeated down the timeline is one problem whose fix rewrites every place; data.dates
  // gives the date of each place, in the order of the edits.
  const dates = (diagnostic.data?.dates as string[] | undefined) ?? [diagnostic.data?.date as string];
  diagnostic.fix!.edits.forEach((edit, i) => checkAbbreviationEdit(document, edit, dates[i], `${document.name}: dst-mismatch at ${edit.start}`, tally));
}

function checkAbbreviationEdit(
  document: Document,
  edit: { start: number; end: number; newText: string },
  date: string | undefined,
  where: string,
  tally: Tally,
): void {
  const written = document.text.slice(edit.start, edit.end).trim().toUpperCase();
  const replacement = edit.newText.trim().toUpperCase();
  const region = REGION[written];
  if (!date || !region || REGION[replacement]?.iana !== region.iana) {
    tally.unchecked.push(where);
    return;
  }
  // A zone after a time ("21:14 PST", or the time ending the line above) is judged at that time; a
  // zone for a whole day ("Timeline (all times PST)" over dated entries) at midday, unless the
  // clocks change that day, when this test cannot say which time was meant.
  const lineStart = document.text.lastIndexOf('\n', edit.start - 1);
  const minutes =
    timeBefore(document.text, edit.start) ??
    (/^\s*$/.test(document.text.slice(lineStart + 1, edit.start)) ? timeBefore(document.text, Math.max(0, lineStart)) : null) ??
    (changesOn(region.iana, date) ? null : 12 * 60);
  if (minutes === null) {
    tally.unchecked.push(where);
    return;
  }
  // The instant the writer meant: the clock in the region (either season's reading gives the same answer away from the change).
  const instant = instantOf(date, minutes, region.iana)!;
  const january = ianaOffset(region.iana, Date.parse(`${date.slice(0, 4)}-01-15T12:00:00Z`));
  const july = ianaOffset(region.iana, Date.parse(`${date.slice(0, 4)}-07-15T12:00:00Z`));
  const daylightNow = ianaOffset(region.iana, instant) !== Math.min(january, july);
  assert.equal(
    REGION[replacement].daylight,
    daylightNow,
    `${where}: the fix writes ${replacement} for ${date} ${Math.floor(minutes / 60)}:${String(minutes % 60).padStart(2, '0')} in ${region.iana}, where ${daylightNow ? 'daylight' : 'standard'} time is in force`,
  );
  assert.notEqual(region.daylight, daylightNow, `${where}: ${written} was right at that instant, yet it was reported`);
  tally.abbreviations++;
}

function checkDocuments(documents: Document[]): Tally {
  const tally: Tally = { durations: 0, abbreviations: 0, unchecked: [] };
  for (const document of documents) {
    const analysis = analyze(document.text, { now: NOW });
    for (const diagnostic of analysis.diagnostics) {
      if (!diagnostic.fix) continue;
      if (diagnostic.rule === 'duration-mismatch') checkDurationFix(document, analysis, diagnostic, tally);
      if (diagnostic.rule === 'dst-mismatch') checkAbbreviationFix(document, diagnostic, tally);
    }
  }
  return tally;
}

describe('the values duration and zone fixes write', () => {
  it('the test computes instants right (its own check)', () => {
    // 22:40 PST on 9 March 2024 to 04:10 PDT on 10 March: 4 h 30 min across the change.
    assert.equal((instantOf('2024-03-10', 250, 'PDT')! - instantOf('2024-03-09', 1360, 'PST')!) / 60_000, 270);
    assert.equal((instantOf('2024-03-10', 250, 'America/Los_Angeles')! - instantOf('2024-03-09', 1360, 'US/Pacific')!) / 60_000, 270);
    assert.equal(instantOf('2024-07-01', 0, 'UTC+02:00'), Date.parse('2024-06-30T22:00:00Z'));
    assert.equal(writtenMinutes('1 hour 35 minutes'), 95);
    assert.equal(timeBefore('- 2:05 PM PST: x', 13), 14 * 60 + 5);
  });

  it('our fixtures and the bundled examples', () => {
    const tally = checkDocuments([...repoDocuments('test/fixtures'), ...repoDocuments('examples')]);
    console.log(
      `      checked ${tally.durations} duration fixes and ${tally.abbreviations} abbreviations that fixes write; could not check ${tally.unchecked.length}`,
    );
    assert.ok(tally.durations >= 1 && tally.abbreviations >= 1, 'our documents offer both kinds of fix');
    assert.deepEqual(tally.unchecked, []);
  });

  it('the seeds and the real-world corpus in ../shared', function () {
    if (!sharedAvailable()) {
      console.log(`      SKIPPED: ${SHARED} is not present, so the corpus's fixes cannot be checked.`);
      this.skip();
    }
    const tally = checkDocuments(loadLabelled().map(({ name, text }) => ({ name, text })));
    console.log(
      `      checked ${tally.durations} duration fixes and ${tally.abbreviations} abbreviations that fixes write; could not check ${tally.unchecked.length}: ${tally.unchecked.join('; ')}`,
    );
    assert.ok(tally.durations + tally.abbreviations >= 10, 'the corpus offers fixes to check');
    assert.deepEqual(tally.unchecked, []);
  });
});
