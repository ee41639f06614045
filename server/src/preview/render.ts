/**
 * The preview's renderer: postmortem Markdown in, sanitised HTML out, with the timeline chart spliced in
 * after the Timeline heading. Pure (no editor or LSP imports), so tests and the browser safety test call it directly;
 * the language server runs it for the extension's preview panel (`postmortem/preview`, features/preview.ts), so
 * the extension itself carries neither the Markdown toolchain nor the core.
 *
 * Safety is layered, and each layer would hold alone for what it covers:
 * - remark-rehype runs without `allowDangerousHtml`, so raw HTML in the document never becomes an element;
 * - rehype-sanitize with a schema that allows only what Markdown itself produces (no `id`s, no `style`,
 *   no event handlers, links only to http, https and mailto, image sources only http and https);
 * - remote images are replaced by a link unless `allowRemoteImages` (and the webview's CSP blocks them anyway);
 * - the chart is built after sanitising, from hast we construct, where document text is only ever a text node.
 *
 * Template prompts such as "<describe what happened>" read as HTML tags to Markdown, so they would vanish with the
 * raw HTML; `showPlaceholders` turns them back into text (in a `pm-placeholder` span) before any of that runs.
 */
import type { Element, ElementContent, Root, RootContent } from 'hast';
import type { Parent as MdastParent, Root as MdastRoot, RootContent as MdastContent } from 'mdast';
import rehypeSanitize, { type Options as SanitizeSchema } from 'rehype-sanitize';
import rehypeStringify from 'rehype-stringify';
import remarkParse from 'remark-parse';
import remarkGfm from 'remark-gfm';
import remarkRehype from 'remark-rehype';
import { unified } from 'unified';
import { buildModel, lint, type Metrics, placeholder, type PostmortemModel, timedEntries } from '../analysis/index';
import { timelineChart, type ChartOptions, type ChartSummary } from './chart';
import { h } from './hast';

export interface RenderOptions extends ChartOptions {
  /**
   * Load images from http and https addresses. Off by default: a remote image in a postmortem would tell
   * its host who opened the document and when. The panel must also widen its CSP (see `buildShell`).
   */
  allowRemoteImages?: boolean;
  /** Draw the timeline chart (default true). */
  chart?: boolean;
  /** A model already built for this exact text, to save building it again. */
  model?: PostmortemModel;
}

export interface RenderResult {
  /** Sanitised HTML for the preview's content element. */
  bodyHtml: string;
  metrics: Metrics;
  /** What the chart shows, or null when there is no chart. */
  chart: ChartSummary | null;
  /** Images shown as a link or a note instead of being loaded. */
  blockedImages: number;
}

/**
 * Only what mdast-util-to-hast produces from CommonMark and GFM (tables, task lists, strikethrough, footnotes),
 * with the attributes it sets.
 */
export const SANITIZE_SCHEMA: SanitizeSchema = {
  tagNames: [
    'a',
    'blockquote',
    'br',
    'code',
    'del',
    'em',
    'h1',
    'h2',
    'h3',
    'h4',
    'h5',
    'h6',
    'hr',
    'img',
    'input',
    'li',
    'ol',
    'p',
    'pre',
    'section',
    'span',
    'strong',
    'sup',
    'ul',
    'table',
    'thead',
    'tbody',
    'tr',
    'th',
    'td',
  ],
  attributes: {
    a: ['href', 'title', 'id', 'dataFootnoteRef', 'dataFootnoteBackref', ['className', 'data-footnote-backref']],
    img: ['src', 'alt', 'title'],
    code: [['className', /^language-[\w+#.-]+$/]],
    h2: ['id', ['className', 'sr-only']],
    input: [['type', 'checkbox'], ['disabled', true], 'checked'],
    li: ['id', ['className', 'task-list-item']],
    ol: ['start', ['className', 'contains-task-list']],
    ul: [['className', 'contains-task-list']],
    section: ['dataFootnotes', ['className', 'footnotes']],
    // Only our placeholder marker: raw HTML never reaches the sanitiser (see `showPlaceholders`).
    span: [['className', 'pm-placeholder']],
    th: ['align'],
    td: ['align'],
  },
  required: { input: { type: 'checkbox', disabled: true } },
  protocols: { href: ['http', 'https', 'mailto'], src: ['http', 'https'] },
  ancestors: { tbody: ['table'], thead: ['table'], tr: ['table'], th: ['table'], td: ['table'], input: ['li'] },
  // Dropped with everything inside: their text would be code, not prose.
  strip: ['script', 'style'],
  // Markdown cannot write an id; the only ids are those remark-rehype makes for footnotes, already prefixed
  // "user-content-" (and linked to by that name), so prefixing them again would break the links.
  clobber: [],
};

const BLOCK_TAGS = new Set(['p', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'ul', 'ol', 'li', 'blockquote', 'pre', 'table', 'tr', 'hr', 'section']);

const toHast = unified().use(remarkParse).use(remarkGfm).use(remarkRehype).use(rehypeSanitize, SANITIZE_SCHEMA);
const toHtml = unified().use(rehypeStringify);

export function renderPreview(text: string, options: RenderOptions = {}): RenderResult {
  const model = options.model ?? buildModel(text);
  const frontMatterLines = countFrontMatterLines(model);
  // Front matter would read as a rule and a setext heading: blank it (keeping line numbers) and show it verbatim.
  const markdown = frontMatterLines ? blankLines(text, model, frontMatterLines) : text;
  let tree: Root;
  try {
    // Parsing time grows steeply with list nesting (500 levels take seconds) and this runs in the language
    // server, between the checks of every open report: indentation no real document has is shown as text.
    if (DEEP_INDENT_RE.test(markdown)) throw new Error('too deeply indented');
    const mdast = toHast.parse(markdown);
    limitDepth(mdast);
    showPlaceholders(mdast, markdown, placeholderSpans(model));
    tree = toHast.runSync(mdast) as Root;
  } catch {
    // Whatever the Markdown toolchain cannot take, the preview still shows: as plain text.
    tree = { type: 'root', children: [h('pre', { className: ['pm-fallback'], dataLine: 0 }, [text])] };
  }

  addSourceLines(tree);
  const blockedImages = replaceImages(tree, options.allowRemoteImages === true);
  if (frontMatterLines) {
    const end = model.doc.index.end(frontMatterLines - 1);
    tree.children.unshift(h('pre', { className: ['pm-front-matter'], dataLine: 0 }, [h('code', {}, [text.slice(0, end)])]));
  }

  const chart = options.chart === false ? null : timelineChart(text, model, options);
  if (chart) placeChart(tree, model.outline.sections.timeline?.line ?? null, timedEntries(model.timeline.entries)[0]?.line ?? null, chart.figure);

  return { bodyHtml: toHtml.stringify(tree), metrics: model.metrics, chart: chart?.summary ?? null, blockedImages };
}

const MAX_DEPTH = 64;
const DEEP_INDENT_RE = /^[ \t]{160,}/m;

/**
 * Cuts nesting deeper than anyone writes ("> > > ..." a thousand times): the Markdown-to-HTML step
 * recurses once per level and would overflow the stack. Iterative, for the same reason.
 */
function limitDepth(root: MdastRoot): void {
  const stack: Array<{ node: MdastParent; depth: number }> = [{ node: root, depth: 0 }];
  for (let top = stack.pop(); top; top = stack.pop()) {
    const { node, depth } = top;
    node.children.forEach((child, i) => {
      if (!('children' in child)) return;
      if (depth + 1 < MAX_DEPTH) {
        stack.push({ node: child, depth: depth + 1 });
        return;
      }
      // Replaced where it stands, so the lines before and after keep their places.
      (node.children as MdastContent[])[i] = {
        type: 'paragraph',
        position: child.position,
        children: [{ type: 'text', value: '(nested too deeply to show)' }],
      };
    });
  }
}

// Every HTML element name: a tag named by one of these is markup and stays dropped, anything else in angle
// brackets ("<describe what happened>", "<owner>", "<customer name>") is a prompt left for the writer.
const HTML_ELEMENTS = new Set(
  (
    'a abbr address area article aside audio b base bdi bdo blockquote body br button canvas caption center cite code col colgroup data datalist dd ' +
    'del details dfn dialog div dl dt em embed fieldset figcaption figure font footer form frame frameset h1 h2 h3 h4 h5 h6 head header hgroup hr ' +
    'html i iframe img input ins kbd label legend li link main map mark marquee math menu meta meter nav noscript object ol optgroup option output p ' +
    'param picture pre progress q rp rt ruby s samp script search section select slot small source span strike strong style sub summary sup svg ' +
    'table tbody td template textarea tfoot th thead time title tr track tt u ul var video wbr xmp'
  ).split(' '),
);
const PROMPT_RE = /^<([A-Za-z][\w]*)(?:\s[^<>=\n"']*)?>$/;

/** Whether raw HTML as written is a template prompt rather than markup: "<describe the impact>", not "<br>" or "<b>". */
export function isPromptTag(html: string): boolean {
  const match = PROMPT_RE.exec(html.trim());
  return match !== null && !HTML_ELEMENTS.has(match[1].toLowerCase());
}

function placeholderNode(value: string): MdastContent {
  // A text node that mdast-util-to-hast wraps in <span class="pm-placeholder">: its value stays a text node.
  return { type: 'text', value, data: { hName: 'span', hProperties: { className: ['pm-placeholder'] } } } as MdastContent;
}

interface Span {
  start: number;
  end: number;
}

/** The placeholders the `placeholder` rule finds ("[TODO]", "TBD", "HH:MM", "<describe ...>"), as offsets in the text. */
function placeholderSpans(model: PostmortemModel): Span[] {
  const spans: Span[] = lint(model, {}, [placeholder]).diagnostics.map(({ start, end }) => ({ start, end }));
  return spans.sort((a, b) => a.start - b.start);
}

/** A text node split so that each placeholder in it is its own highlighted node; null when it has none or its value is not its source. */
function splitText(node: MdastContent, source: string, spans: Span[]): MdastContent[] | null {
  const from = node.position?.start.offset;
  const to = node.position?.end.offset;
  if (node.type !== 'text' || from === undefined || to === undefined) return null;
  // First span ending after the node starts (binary search: a report can hold thousands).
  let lo = 0;
  let hi = spans.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (spans[mid].end <= from) lo = mid + 1;
    else hi = mid;
  }
  // Escapes and entities make the value differ from the source: offsets would not line up, so leave it as it is.
  if (lo === spans.length || spans[lo].start >= to || source.slice(from, to) !== node.value) return null;
  const parts: MdastContent[] = [];
  let at = from;
  for (let i = lo; i < spans.length && spans[i].start < to; i++) {
    const { start, end } = spans[i];
    if (start < at || end > to) continue;
    if (start > at) parts.push({ type: 'text', value: source.slice(at, start) });
    parts.push(placeholderNode(source.slice(start, end)));
    at = end;
  }
  if (at < to) parts.push({ type: 'text', value: source.slice(at, to) });
  return parts.length > 1 || parts[0]?.data ? parts : null;
}

/**
 * Shows template prompts as what they are: highlighted. A prompt written like a tag ("<describe what happened>")
 * is HTML to CommonMark and would vanish with the raw HTML: inline, it becomes a highlighted text span; alone on
 * its line it is an HTML block, which also swallows the lines after it up to a blank line: those come back as
 * text. Anything else that is HTML stays HTML, and is dropped as before. Placeholders in text ("[TODO]", "TBD")
 * are highlighted where the `placeholder` rule finds them.
 */
function showPlaceholders(root: MdastRoot, source: string, spans: Span[]): void {
  const stack: MdastParent[] = [root];
  for (let parent = stack.pop(); parent; parent = stack.pop()) {
    if (spans.length && parent.children.some((child) => child.type === 'text')) {
      (parent as { children: MdastContent[] }).children = (parent.children as MdastContent[]).flatMap((child) => splitText(child, source, spans) ?? [child]);
    }
    parent.children.forEach((child, i) => {
      if ('children' in child) {
        stack.push(child);
        return;
      }
      if (child.type !== 'html') return;
      const [first, ...rest] = child.value.split(/\r\n|\r|\n/);
      if (!isPromptTag(first)) return;
      if (
        parent.type === 'paragraph' ||
        parent.type === 'heading' ||
        parent.type === 'emphasis' ||
        parent.type === 'strong' ||
        parent.type === 'link' ||
        parent.type === 'tableCell' ||
        parent.type === 'delete'
      ) {
        (parent.children as MdastContent[])[i] = placeholderNode(child.value);
        return;
      }
      const children: MdastContent[] = [placeholderNode(first.trim())];
      if (rest.length) children.push({ type: 'text', value: `\n${rest.join('\n')}` });
      (parent.children as MdastContent[])[i] = { type: 'paragraph', position: child.position, children } as MdastContent;
    });
  }
}

function countFrontMatterLines(model: PostmortemModel): number {
  let count = 0;
  while (count < model.doc.lines.length && model.doc.lines.at(count).kind === 'frontMatter') count++;
  return count;
}

function blankLines(text: string, model: PostmortemModel, count: number): string {
  const end = model.doc.index.end(count - 1);
  return text.slice(0, end).replace(/[^\r\n]+/g, '') + text.slice(end);
}

/** `data-line` (0-based, as in the editor) on each block, for scroll sync; and a little tidying. */
function addSourceLines(node: Root | Element): void {
  for (const child of node.children) {
    if (child.type !== 'element') continue;
    const line = child.position?.start.line;
    if (line !== undefined && BLOCK_TAGS.has(child.tagName)) child.properties.dataLine = line - 1;
    // The sanitiser empties a class it rejects (a fence's "language" with quotes in it) but leaves `class=""`.
    if (Array.isArray(child.properties.className) && child.properties.className.length === 0) delete child.properties.className;
    addSourceLines(child);
  }
}

/** Remote images become a link, local and unsafe ones a note: the webview can load neither. */
function replaceImages(node: Root | Element, allowRemote: boolean): number {
  let blocked = 0;
  node.children.forEach((child, i) => {
    if (child.type !== 'element') return;
    if (child.tagName !== 'img') {
      blocked += replaceImages(child, allowRemote);
      return;
    }
    const src = typeof child.properties.src === 'string' ? child.properties.src : '';
    const alt = typeof child.properties.alt === 'string' && child.properties.alt ? child.properties.alt : 'image';
    // Protocol-relative sources ("//host/x.png") count as relative to the sanitiser but load remotely.
    const remote = /^(?:https?:)?[\\/]{2}/i.test(src.trim());
    if (remote && allowRemote) return;
    blocked++;
    const replacement: ElementContent = remote
      ? h('a', { className: ['pm-image-blocked'], href: src, title: `Remote image not loaded: ${src}` }, [`Image: ${alt} (remote, not loaded)`])
      : h('span', { className: ['pm-image-blocked'], title: src ? `Image not shown: ${src}` : 'Image not shown' }, [`Image: ${alt} (not shown)`]);
    (node.children as Array<RootContent | ElementContent>)[i] = replacement;
  });
  return blocked;
}

/** The top-level block that holds `line`, or -1. */
function blockAt(tree: Root, line: number | null): number {
  if (line === null) return -1;
  return tree.children.findIndex(({ position }) => position !== undefined && position.start.line - 1 <= line && line <= position.end.line - 1);
}

/**
 * Puts the chart right above the entries it draws (after the Timeline heading and any note under it), or
 * right after them when heading and entries are one block ("Timeline:" and the times in one paragraph);
 * after the heading when no entry is timed; first when there is neither.
 */
function placeChart(tree: Root, headingLine: number | null, entryLine: number | null, figure: Element): void {
  const heading = blockAt(tree, headingLine);
  const entries = blockAt(tree, entryLine);
  const at = entries !== -1 ? (entries === heading ? entries + 1 : entries) : heading !== -1 ? heading + 1 : 0;
  tree.children.splice(at, 0, figure);
}
