/**
 * The project file `.postmortemrc.json`: plain JSON, validated, turned into analysis options.
 * Shared by the CLI and the server so that both check a report the same way.
 */
import { findNodeAtLocation, parseTree, type Node, type ParseError } from 'jsonc-parser';
import { RULES, type AnalysisOptions, type Severity } from './rules/index';
import { SECTION_KINDS, type SectionKind } from './titles';

import { CONFIG_FILE_NAME } from '../protocol';

export { CONFIG_FILE_NAME };
/** The id of the one diagnostic a broken project file gets; its page is docs/rules/config.md. */
export const CONFIG_RULE_ID = 'config';

export interface ConfigError {
  message: string;
  /** The offending text: a key, a value, or where the JSON stops being JSON. */
  start: number;
  end: number;
}

export interface ConfigResult {
  options: AnalysisOptions;
  /** What is wrong with the file, one each; empty when it is valid. */
  errors: ConfigError[];
}

const SEVERITIES = ['error', 'warning', 'information', 'hint', 'off'];

export function parseConfig(text: string): ConfigResult {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    // JSON.parse judges (the file is plain JSON, no comments); the tolerant parser only says where.
    const syntax: ParseError[] = [];
    parseTree(text, syntax, { disallowComments: true, allowTrailingComma: false });
    const at = Math.min(syntax[0]?.offset ?? 0, Math.max(0, text.length - 1));
    return {
      options: {},
      errors: [
        {
          message: `not valid JSON: ${error instanceof Error ? error.message : String(error)}`,
          start: at,
          end: Math.min(text.length, at + Math.max(1, syntax[0]?.length ?? 1)),
        },
      ],
    };
  }
  // Parsed again for positions only when there is an error to place.
  let tree: Node | undefined;
  const whole = { start: 0, end: Math.min(1, text.length) };
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw))
    return { options: {}, errors: [{ message: 'the file must hold a JSON object', ...whole }] };
  const errors: ConfigError[] = [];
  /** The key (or else the value) at a path, for the range of a message about it. */
  const at = (path: string[], part: 'key' | 'value', message: string): ConfigError => {
    tree ??= parseTree(text);
    const value = tree && findNodeAtLocation(tree, path);
    const node: Node | undefined = part === 'key' ? value?.parent?.children?.[0] : value;
    return { message, ...(node ? { start: node.offset, end: node.offset + node.length } : whole) };
  };
  const options: AnalysisOptions = {};
  const known = new Set(RULES.map((rule) => rule.id));
  for (const [key, value] of Object.entries(raw as Record<string, unknown>)) {
    if (key === '$schema') continue;
    if (key === 'rules') {
      if (typeof value !== 'object' || value === null || Array.isArray(value)) {
        errors.push(at([key], 'value', '"rules" must be an object of rule id to severity'));
        continue;
      }
      const rules: Record<string, Severity | 'off'> = {};
      for (const [id, setting] of Object.entries(value)) {
        if (!known.has(id)) errors.push(at([key, id], 'key', `unknown rule "${id}" in "rules"`));
        else if (typeof setting !== 'string' || !SEVERITIES.includes(setting))
          errors.push(at([key, id], 'value', `rule "${id}" must be one of ${SEVERITIES.join(', ')}`));
        else rules[id] = setting as Severity | 'off';
      }
      options.rules = rules;
    } else if (key === 'defaultTimezone') {
      if (typeof value !== 'string' || value.trim() === '' || value.length > 40)
        errors.push(at([key], 'value', '"defaultTimezone" must be a timezone such as "UTC"'));
      else options.defaultTimezone = value.trim();
    } else if (key === 'requiredSections' || key === 'recommendedSections') {
      if (!Array.isArray(value) || !value.every((kind) => SECTION_KINDS.includes(kind as SectionKind))) {
        errors.push(at([key], 'value', `"${key}" must be a list of section kinds: ${SECTION_KINDS.join(', ')}`));
        continue;
      }
      options[key] = value as SectionKind[];
    } else {
      errors.push(at([key], 'key', `unknown setting "${key}"`));
    }
  }
  return { options, errors };
}
