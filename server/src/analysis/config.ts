/**
 * The project file `.postmortemrc.json`: plain JSON, validated, turned into analysis options.
 * Shared by the CLI and the server so that both check a report the same way.
 */
import { RULES, type AnalysisOptions, type Severity } from './rules/index';
import { SECTION_KINDS, type SectionKind } from './titles';

export const CONFIG_FILE_NAME = '.postmortemrc.json';

export interface ConfigResult {
  options: AnalysisOptions;
  /** What is wrong with the file, one message each; empty when it is valid. */
  errors: string[];
}

const SEVERITIES = ['error', 'warning', 'information', 'hint', 'off'];

export function parseConfig(text: string): ConfigResult {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    return { options: {}, errors: [`not valid JSON: ${error instanceof Error ? error.message : String(error)}`] };
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return { options: {}, errors: ['the file must hold a JSON object'] };
  const errors: string[] = [];
  const options: AnalysisOptions = {};
  const known = new Set(RULES.map((rule) => rule.id));
  for (const [key, value] of Object.entries(raw as Record<string, unknown>)) {
    if (key === '$schema') continue;
    if (key === 'rules') {
      if (typeof value !== 'object' || value === null || Array.isArray(value)) {
        errors.push('"rules" must be an object of rule id to severity');
        continue;
      }
      const rules: Record<string, Severity | 'off'> = {};
      for (const [id, setting] of Object.entries(value)) {
        if (!known.has(id)) errors.push(`unknown rule "${id}" in "rules"`);
        else if (typeof setting !== 'string' || !SEVERITIES.includes(setting)) errors.push(`rule "${id}" must be one of ${SEVERITIES.join(', ')}`);
        else rules[id] = setting as Severity | 'off';
      }
      options.rules = rules;
    } else if (key === 'defaultTimezone') {
      if (typeof value !== 'string' || value.trim() === '' || value.length > 40) errors.push('"defaultTimezone" must be a timezone such as "UTC"');
      else options.defaultTimezone = value.trim();
    } else if (key === 'requiredSections' || key === 'recommendedSections') {
      if (!Array.isArray(value) || !value.every((kind) => SECTION_KINDS.includes(kind as SectionKind))) {
        errors.push(`"${key}" must be a list of section kinds: ${SECTION_KINDS.join(', ')}`);
        continue;
      }
      options[key] = value as SectionKind[];
    } else {
      errors.push(`unknown setting "${key}"`);
    }
  }
  return { options, errors };
}
