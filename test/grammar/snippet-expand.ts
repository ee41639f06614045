/**
 * A naive expander for VS Code snippet bodies, for tests: tab stops become their placeholder
 * text (or the first choice), mirrors repeat it, variables take fixed values, $0 disappears.
 * It follows the snippet grammar closely enough to reject unbalanced or unknown syntax.
 */

/** The date and time variables, with the values a test pins them to. */
export const FIXED_VARIABLES: Record<string, string> = {
  CURRENT_YEAR: '2024',
  CURRENT_YEAR_SHORT: '24',
  CURRENT_MONTH: '03',
  CURRENT_MONTH_NAME: 'March',
  CURRENT_MONTH_NAME_SHORT: 'Mar',
  CURRENT_DATE: '05',
  CURRENT_DAY_NAME: 'Tuesday',
  CURRENT_DAY_NAME_SHORT: 'Tue',
  CURRENT_HOUR: '14',
  CURRENT_MINUTE: '07',
  CURRENT_SECOND: '09',
  CURRENT_SECONDS_UNIX: '1709647629',
  CURRENT_TIMEZONE_OFFSET: '+01:00',
};

/** What a snippet body is made of. */
type Node =
  | { kind: 'text'; text: string }
  | { kind: 'tabstop'; index: number }
  | { kind: 'placeholder'; index: number; children: Node[] }
  | { kind: 'choice'; index: number; options: string[] }
  | { kind: 'variable'; name: string; children: Node[] | null };

export interface ParsedSnippet {
  nodes: Node[];
  /** Tab stop numbers in the order they first appear. */
  tabstops: number[];
  /** Tab stops given a default (placeholder or choice), with how many times each is defined. */
  definitions: Map<number, number>;
  variables: string[];
  choices: Map<number, string[]>;
}

export function bodyText(body: string | string[]): string {
  return Array.isArray(body) ? body.join('\n') : body;
}

export function parseSnippet(source: string): ParsedSnippet {
  const parsed: ParsedSnippet = { nodes: [], tabstops: [], definitions: new Map(), variables: [], choices: new Map() };
  let at = 0;
  const seen = (index: number): void => {
    if (!parsed.tabstops.includes(index)) parsed.tabstops.push(index);
  };
  const define = (index: number): void => {
    seen(index);
    parsed.definitions.set(index, (parsed.definitions.get(index) ?? 0) + 1);
  };

  // Reads nodes until `}` (inside a placeholder or variable default) or the end.
  function nodes(nested: boolean): Node[] {
    const out: Node[] = [];
    let text = '';
    const flush = (): void => {
      if (text) out.push({ kind: 'text', text });
      text = '';
    };
    while (at < source.length) {
      const char = source[at];
      if (char === '\\' && at + 1 < source.length && '$}\\'.includes(source[at + 1])) {
        text += source[at + 1];
        at += 2;
        continue;
      }
      if (char === '}' && nested) {
        flush();
        return out;
      }
      if (char !== '$') {
        text += char;
        at++;
        continue;
      }
      const simple = /\$(?:(\d+)|([A-Z_][A-Z0-9_]*))/y;
      simple.lastIndex = at;
      const bare = simple.exec(source);
      if (bare) {
        flush();
        at += bare[0].length;
        if (bare[1] !== undefined) {
          seen(Number(bare[1]));
          out.push({ kind: 'tabstop', index: Number(bare[1]) });
        } else {
          parsed.variables.push(bare[2]);
          out.push({ kind: 'variable', name: bare[2], children: null });
        }
        continue;
      }
      const braced = /\$\{(?:(\d+)|([A-Z_][A-Z0-9_]*))([:|}])/y;
      braced.lastIndex = at;
      const open = braced.exec(source);
      if (!open) throw new Error(`Unexpected "$" at ${at}: ${JSON.stringify(source.slice(at, at + 20))}`);
      flush();
      at += open[0].length;
      const index = open[1] !== undefined ? Number(open[1]) : null;
      if (open[3] === '}') {
        if (index !== null) {
          seen(index);
          out.push({ kind: 'tabstop', index });
        } else {
          parsed.variables.push(open[2]);
          out.push({ kind: 'variable', name: open[2], children: null });
        }
      } else if (open[3] === ':') {
        const children = nodes(true);
        if (source[at] !== '}') throw new Error(`Unclosed placeholder ${open[0]}`);
        at++;
        if (index !== null) {
          define(index);
          out.push({ kind: 'placeholder', index, children });
        } else {
          parsed.variables.push(open[2]);
          out.push({ kind: 'variable', name: open[2], children });
        }
      } else {
        if (index === null) throw new Error(`A variable cannot offer choices: ${open[0]}`);
        const end = source.indexOf('|}', at);
        if (end < 0) throw new Error(`Unclosed choice ${open[0]}`);
        const options = source.slice(at, end).split(',');
        at = end + 2;
        define(index);
        parsed.choices.set(index, options);
        out.push({ kind: 'choice', index, options });
      }
    }
    if (nested) throw new Error('Unclosed "${"');
    flush();
    return out;
  }
  parsed.nodes = nodes(false);
  return parsed;
}

/**
 * The text the snippet inserts when every tab stop keeps its default. `values` stands for what the
 * user types at a tab stop; `variables` overrides the fixed variable values.
 */
export function expandSnippet(body: string | string[], values: Record<number, string> = {}, variables: Record<string, string> = {}): string {
  const parsed = parseSnippet(bodyText(body));
  const vars = { ...FIXED_VARIABLES, ...variables };
  const resolved = new Map<number, string>();
  const render = (list: Node[]): string => list.map(renderNode).join('');
  function renderNode(node: Node): string {
    switch (node.kind) {
      case 'text':
        return node.text;
      case 'variable': {
        const value = vars[node.name];
        if (value !== undefined) return value;
        return node.children ? render(node.children) : node.name;
      }
      case 'choice':
        return valueOf(node.index, () => node.options[0]);
      case 'placeholder':
        return valueOf(node.index, () => render(node.children));
      case 'tabstop':
        return valueOf(node.index, () => '');
    }
  }
  function valueOf(index: number, fallback: () => string): string {
    if (values[index] !== undefined) return values[index];
    if (!resolved.has(index)) resolved.set(index, fallback());
    return resolved.get(index)!;
  }
  // Mirrors ($5) may come before the placeholder that defines them: resolve definitions first.
  const definitions = new Map<number, Node>();
  const collect = (list: Node[]): void => {
    for (const node of list) {
      if ((node.kind === 'placeholder' || node.kind === 'choice') && !definitions.has(node.index)) definitions.set(node.index, node);
      if (node.kind === 'placeholder' || (node.kind === 'variable' && node.children)) collect(node.kind === 'placeholder' ? node.children : node.children!);
    }
  };
  collect(parsed.nodes);
  for (const node of definitions.values()) renderNode(node);
  return render(parsed.nodes);
}
