/**
 * The templates New Postmortem offers are the template snippets in snippets/, so the command
 * and the snippets never drift apart. Pure: no editor imports, tested outside VS Code. Reading the
 * start time the user typed takes the core's time parsing, so the server does it (`postmortem/readStart`).
 */
export interface Template {
  name: string;
  description: string;
  /** Snippet syntax. */
  body: string;
}

interface SnippetEntry {
  prefix?: string | string[];
  body?: string | string[];
  description?: string;
}

/** The snippets whose name ends in "template", in file order. */
export function templatesFrom(snippetFileText: string): Template[] {
  const entries = JSON.parse(snippetFileText) as Record<string, SnippetEntry>;
  return Object.entries(entries)
    .filter(([name, entry]) => /template$/i.test(name) && entry.body !== undefined)
    .map(([name, entry]) => ({
      name: name.replace(/^Postmortem:\s*/i, ''),
      description: entry.description ?? '',
      body: Array.isArray(entry.body) ? entry.body.join('\n') : (entry.body ?? ''),
    }));
}

/** Escapes text for a snippet placeholder's default value. */
export function snippetEscape(text: string): string {
  return text.replace(/[\\$}]/g, (char) => `\\${char}`);
}

/** What New Postmortem asked: the title and start date, and the start time and zone if the user gave them. */
export interface TemplateFacts {
  title: string;
  /** YYYY-MM-DD */
  date: string;
  /** The start time as typed ("14:05", "2:05 PM"), and its zone ("UTC", "CEST"). */
  start?: { time: string; zone: string };
}

/** The placeholders a template writes for the facts New Postmortem asks for. */
export const DATE_PLACEHOLDER = 'YYYY-MM-DD';
export const TIME_PLACEHOLDER = 'HH:MM';
export const ZONE_PLACEHOLDER = '<enter the timezone>';

/**
 * Puts what the user typed into the template: the title into its first placeholder (`${1:...}`),
 * the date, start time and zone into the first tab stop holding that placeholder (the incident's
 * start; its mirrors follow). Everything else stays a placeholder: nothing is made up.
 */
export function fillTemplate(body: string, facts: TemplateFacts): string {
  let filled = body;
  const fill = (placeholder: string, value: string): void => {
    const at = filled.search(new RegExp(`\\$\\{\\d+:${placeholder.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\}`));
    if (at < 0) return;
    const open = filled.indexOf(':', at);
    filled = `${filled.slice(0, open + 1)}${snippetEscape(value)}${filled.slice(open + 1 + placeholder.length)}`;
  };
  fill(DATE_PLACEHOLDER, facts.date);
  if (facts.start) {
    fill(TIME_PLACEHOLDER, facts.start.time);
    fill(ZONE_PLACEHOLDER, facts.start.zone);
  }
  // Last, so nothing in the title is taken for a placeholder. A replacement function, not a
  // string: a title like "Price $' bug" must not be read as a pattern.
  return filled.replace(/\$\{1:[^}]*\}/, () => `\${1:${snippetEscape(facts.title)}}`);
}

/** A file name for the report: "2026-11-21-search-api-outage.md". */
export function reportFileName(title: string, date: string): string {
  const slug = title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '');
  return `${date}-${slug || 'incident'}.md`;
}

/** Null when `value` is a real calendar date written YYYY-MM-DD, else what is wrong. */
export function dateProblem(value: string): string | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value.trim());
  if (!match) return 'Write the date as YYYY-MM-DD.';
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return `${value.trim()} is not a date in the calendar.`;
  return null;
}
