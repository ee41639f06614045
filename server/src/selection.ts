/**
 * Which documents the server serves. Users keep postmortems as ordinary Markdown (or text)
 * in their repositories and will not rename them, so a document is a postmortem when its
 * language says so, its path matches a configured glob, its front matter declares
 * `type: postmortem`, or (when enabled) its content has the sections of one.
 * Never an unrelated README.
 */
import { minimatch } from 'minimatch';
import { buildOutline, parseDocument } from './analysis/index';

export const DEFAULT_GLOBS = ['**/*postmortem*.md', '**/*post-mortem*.md', '**/post-mortem*/**/*.md', '**/postmortems/**/*.md', '**/incidents/**/*.md'];

export interface SelectionSettings {
  globs: string[];
  /** Serve other Markdown documents that have a timeline and two more recognised sections. */
  detectByContent: boolean;
}

const FRONT_MATTER_TYPE_RE = /^---\r?\n(?:[^\n]*\n){0,40}?type:\s*["']?(?:postmortem|post-mortem|incident-report)["']?\s*\r?\n/i;

export function isPostmortemDocument(uri: string, languageId: string, text: string, settings: SelectionSettings): boolean {
  if (languageId === 'postmortem') return true;
  if (languageId !== 'markdown' && languageId !== 'plaintext') return false;
  if (FRONT_MATTER_TYPE_RE.test(text.slice(0, 4000))) return true;
  const path = uriPath(uri);
  if (settings.globs.some((glob) => minimatch(path, glob, { dot: true, nocase: true, matchBase: !glob.includes('/') }))) return true;
  if (settings.detectByContent && languageId === 'markdown') {
    const sections = buildOutline(parseDocument(text.slice(0, 200_000))).sections;
    return sections.timeline !== undefined && Object.keys(sections).length >= 3;
  }
  return false;
}

function uriPath(uri: string): string {
  try {
    return decodeURIComponent(new URL(uri).pathname);
  } catch {
    return uri;
  }
}
