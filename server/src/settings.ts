/**
 * Settings: the client's `postmortem` configuration, and the project file
 * `.postmortemrc.json` (found from the document's folder upwards) winning over it, so that the
 * editor checks a report exactly as the CLI in CI does.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { AnalysisOptions, Severity } from './analysis/index';
import { projectFileCandidates } from './projectFile';
import { DEFAULT_GLOBS, type SelectionSettings } from './selection';
import { type ConfigError, parseConfig, type SectionKind } from './analysis/index';

export interface ClientSettings {
  rules?: Record<string, Severity | 'off'>;
  requiredSections?: SectionKind[];
  recommendedSections?: SectionKind[];
  defaultTimezone?: string;
  documentGlobs?: string[];
  detectByContent?: boolean;
  /** Milliseconds to wait after a change before re-checking. */
  debounceMs?: number;
}

export interface EffectiveSettings {
  analysis: AnalysisOptions;
  selection: SelectionSettings;
  debounceMs: number;
  /** The project file that applies, if any, and what is wrong with it. */
  projectFile: { path: string; uri: string; text: string; errors: ConfigError[] } | null;
}

/** Finds the nearest project file for a document on disk; null for documents elsewhere. */
export function findProjectFile(documentUri: string): string | null {
  if (!documentUri.startsWith('file:')) return null;
  let directory: string;
  try {
    directory = dirname(fileURLToPath(documentUri));
  } catch {
    return null;
  }
  return projectFileCandidates(directory).find((candidate) => existsSync(candidate) && statSync(candidate).isFile()) ?? null;
}

export function effectiveSettings(client: ClientSettings | null, projectFilePath: string | null): EffectiveSettings {
  const fromClient: AnalysisOptions = {
    rules: client?.rules,
    requiredSections: client?.requiredSections,
    recommendedSections: client?.recommendedSections,
    defaultTimezone: client?.defaultTimezone,
  };
  let projectFile: EffectiveSettings['projectFile'] = null;
  let analysis = fromClient;
  if (projectFilePath) {
    let text = '';
    let errors: ConfigError[];
    let options: AnalysisOptions = {};
    try {
      text = readFileSync(projectFilePath, 'utf8');
      ({ options, errors } = parseConfig(text));
    } catch (error) {
      errors = [{ message: `cannot be read: ${error instanceof Error ? error.message : String(error)}`, start: 0, end: 0 }];
    }
    projectFile = { path: projectFilePath, uri: pathToFileURL(projectFilePath).href, text, errors };
    // The project file wins, setting by setting; a broken file is reported and ignored.
    if (errors.length === 0) analysis = { ...fromClient, ...definedOnly(options), rules: { ...fromClient.rules, ...options.rules } };
  }
  return {
    analysis,
    selection: { globs: client?.documentGlobs ?? DEFAULT_GLOBS, detectByContent: client?.detectByContent ?? false },
    debounceMs: client?.debounceMs ?? 200,
    projectFile,
  };
}

function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
