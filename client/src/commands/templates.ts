/**
 * The templates New Postmortem offers are the template snippets in snippets/, so the command
 * and the snippets never drift apart. Pure: no editor imports, tested outside VS Code.
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
      body: Array.isArray(entry.body) ? entry.body.join('\n') : entry.body!,
    }));
}

/** Escapes text for a snippet placeholder's default value. */
export function snippetEscape(text: string): string {
  return text.replace(/[\\$}]/g, (char) => `\\${char}`);
}

/**
 * Puts the title into the template's first placeholder (`${1:...}`) and the date where the
 * template would use today's date.
 */
export function fillTemplate(body: string, title: string, date: string): string {
  // Replacement functions, not strings: a title like "Price $' bug" must not be read as a pattern.
  return body
    .replace(/\$\{1:[^}]*\}/, () => `\${1:${snippetEscape(title)}}`)
    .replace(/\$CURRENT_YEAR-\$CURRENT_MONTH-\$CURRENT_DATE/g, () => date);
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
