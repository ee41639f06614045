/**
 * Scores the analysis against the labelled seeds and corpus in ../shared/:
 * section detection, timeline entries and problems, as precision and recall.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { analyze, toInspectJson, type Analysis } from '../../server/src/analysis/index';
import { SECTION_KINDS } from '../../server/src/analysis/titles';

export const SHARED = resolve(__dirname, '../../../shared');
export const LABELLED_PROBLEM_KINDS = [
  'missing-section',
  'empty-section',
  'out-of-order',
  'outside-window',
  'duration-mismatch',
  'invalid-time',
  'timezone-conflict',
  'missing-timezone',
];

export interface Label {
  doc: string;
  sections: Record<string, number | null>;
  window: { startLine: number | null; start: string | null; end: string | null; timezone: string | null; statedDuration: number | null };
  timeline: Array<{ line: number; time: string; date: string | null; tz: string | null }>;
  problems: Array<{ kind: string; line?: number; section?: string }>;
}

export interface LabelledDocument {
  name: string;
  /** Which batch the document came in: the seeds, the first corpus, or one half of the second. */
  family: string;
  path: string;
  text: string;
  label: Label;
}

export function sharedAvailable(): boolean {
  return existsSync(join(SHARED, 'seeds', 'labels')) && existsSync(join(SHARED, 'corpus', 'labels'));
}

/** Every labelled folder in ../shared/, with where its documents sit. */
export const LABELLED_FOLDERS = ['seeds', 'corpus', 'corpus2'] as const;
export type LabelledFolder = (typeof LABELLED_FOLDERS)[number];
const DOCUMENTS_OF: Record<LabelledFolder, string> = { seeds: 'seeds', corpus: 'corpus/docs', corpus2: 'corpus2/docs' };

export function loadLabelled(folders: readonly LabelledFolder[] = LABELLED_FOLDERS): LabelledDocument[] {
  const documents: LabelledDocument[] = [];
  for (const folder of folders) {
    const labelDir = join(SHARED, folder, 'labels');
    if (!existsSync(labelDir)) continue;
    for (const file of readdirSync(labelDir)
      .filter((name) => name.endsWith('.json'))
      .sort()) {
      const label = JSON.parse(readFileSync(join(labelDir, file), 'utf8')) as Label;
      const path = join(SHARED, DOCUMENTS_OF[folder], label.doc);
      documents.push({ name: `${folder}/${label.doc}`, family: familyOf(folder, label.doc), path, text: readFileSync(path, 'utf8'), label });
    }
  }
  return documents;
}

/** The second corpus came in two batches of different writers (its README): companies and open source 061-075, varied 076-090. */
function familyOf(folder: LabelledFolder, doc: string): string {
  if (folder !== 'corpus2') return folder;
  return Number.parseInt(doc, 10) <= 75 ? 'corpus2 061-075 (companies, open source)' : 'corpus2 076-090 (varied writers)';
}

/** Scores each family on its own, in the order the documents came. */
export function scoreByFamily(documents: LabelledDocument[]): Array<{ family: string; score: CorpusScore }> {
  const families = [...new Set(documents.map((document) => document.family))];
  return families.map((family) => ({ family, score: scoreCorpus(documents.filter((document) => document.family === family)) }));
}

export class Tally {
  tp = 0;
  fp = 0;
  fn = 0;
  get precision(): number {
    return this.tp + this.fp === 0 ? 1 : this.tp / (this.tp + this.fp);
  }
  get recall(): number {
    return this.tp + this.fn === 0 ? 1 : this.tp / (this.tp + this.fn);
  }
  toString(): string {
    return `precision ${this.precision.toFixed(3)} recall ${this.recall.toFixed(3)} (tp ${this.tp}, fp ${this.fp}, fn ${this.fn})`;
  }
}

export interface Mismatch {
  doc: string;
  what: 'window' | 'section' | 'timeline' | 'problem';
  kind: 'missed' | 'extra';
  detail: string;
}

export interface CorpusScore {
  /** Documents whose window (start, end, stated duration) is read exactly as labelled. */
  windows: { exact: number; of: number };
  sections: Tally;
  timeline: Tally;
  problems: Tally;
  mismatches: Mismatch[];
  documents: number;
}

/** `now` is fixed so that date rules give the same answer on any day. */
export const NOW = new Date('2026-11-21T00:00:00Z');

export function scoreCorpus(documents: LabelledDocument[]): CorpusScore {
  const score: CorpusScore = {
    windows: { exact: 0, of: 0 },
    sections: new Tally(),
    timeline: new Tally(),
    problems: new Tally(),
    mismatches: [],
    documents: documents.length,
  };
  for (const document of documents) {
    const analysis = analyze(document.text, { now: NOW });
    scoreWindow(document, analysis, score);
    scoreSections(document, analysis, score);
    scoreTimeline(document, analysis, score);
    scoreProblems(document, analysis, score);
  }
  return score;
}

function scoreWindow(document: LabelledDocument, analysis: Analysis, score: CorpusScore): void {
  const found = toInspectJson(analysis.model).window;
  const expected = document.label.window;
  score.windows.of++;
  if (found.start === expected.start && found.end === expected.end && found.statedDurationMinutes === expected.statedDuration) score.windows.exact++;
  else
    score.mismatches.push({
      doc: document.name,
      what: 'window',
      kind: 'missed',
      detail: `found ${found.start}..${found.end} (${found.statedDurationMinutes}), label ${expected.start}..${expected.end} (${expected.statedDuration})`,
    });
}

function scoreSections(document: LabelledDocument, analysis: Analysis, score: CorpusScore): void {
  for (const kind of SECTION_KINDS) {
    const expected = document.label.sections[kind] ?? null;
    const section = analysis.model.outline.sections[kind];
    const found = section ? section.line + 1 : null;
    if (expected !== null && found !== null && Math.abs(expected - found) <= 1) {
      score.sections.tp++;
      continue;
    }
    if (found !== null) {
      score.sections.fp++;
      score.mismatches.push({ doc: document.name, what: 'section', kind: 'extra', detail: `${kind} at ${found} (label ${expected})` });
    }
    if (expected !== null) {
      score.sections.fn++;
      score.mismatches.push({ doc: document.name, what: 'section', kind: 'missed', detail: `${kind} at ${expected} (found ${found})` });
    }
  }
}

function scoreTimeline(document: LabelledDocument, analysis: Analysis, score: CorpusScore): void {
  const found = analysis.model.timeline.entries
    .filter((entry) => entry.time?.minutes != null)
    .map((entry) => ({ line: entry.line + 1, time: formatTime(entry.time!.minutes!) }));
  const used = new Set<number>();
  for (const expected of document.label.timeline) {
    const match = found.findIndex((entry, i) => !used.has(i) && entry.time === expected.time && Math.abs(entry.line - expected.line) <= 1);
    if (match >= 0) {
      used.add(match);
      score.timeline.tp++;
    } else {
      score.timeline.fn++;
      score.mismatches.push({ doc: document.name, what: 'timeline', kind: 'missed', detail: `${expected.time} at ${expected.line}` });
    }
  }
  found.forEach((entry, i) => {
    if (used.has(i)) return;
    score.timeline.fp++;
    score.mismatches.push({ doc: document.name, what: 'timeline', kind: 'extra', detail: `${entry.time} at ${entry.line}` });
  });
}

function scoreProblems(document: LabelledDocument, analysis: Analysis, score: CorpusScore): void {
  const { index } = analysis.model.doc;
  const found = analysis.diagnostics
    .filter((diagnostic) => LABELLED_PROBLEM_KINDS.includes(diagnostic.rule))
    .map((diagnostic) => ({ kind: diagnostic.rule, line: index.lineAt(diagnostic.start) + 1, section: diagnostic.data?.section as string | undefined }));
  const used = new Set<number>();
  for (const expected of document.label.problems) {
    const match = found.findIndex(
      (problem, i) =>
        !used.has(i) &&
        problem.kind === expected.kind &&
        (expected.section === undefined || problem.section === expected.section) &&
        (expected.line === undefined || Math.abs(problem.line - expected.line) <= 1),
    );
    if (match >= 0) {
      used.add(match);
      score.problems.tp++;
    } else {
      score.problems.fn++;
      score.mismatches.push({
        doc: document.name,
        what: 'problem',
        kind: 'missed',
        detail: `${expected.kind} ${expected.section ?? ''} ${expected.line ?? ''}`.trim(),
      });
    }
  }
  found.forEach((problem, i) => {
    if (used.has(i)) return;
    score.problems.fp++;
    score.mismatches.push({ doc: document.name, what: 'problem', kind: 'extra', detail: `${problem.kind} ${problem.section ?? ''} at ${problem.line}` });
  });
}

function formatTime(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

/** A document read from this repository for the sweeps over our own writing. */
export interface RepoDocument {
  name: string;
  text: string;
}

/** Every .md file under `dir` of this repository, at any depth, named by its path from the root. */
export function repoDocuments(dir: string): RepoDocument[] {
  const root = join(__dirname, '..', '..');
  const files = (readdirSync(join(root, dir), { recursive: true }) as string[]).filter((file) => file.endsWith('.md')).sort();
  return files.map((file) => ({ name: `${dir}/${file}`, text: readFileSync(join(root, dir, file), 'utf8') }));
}
