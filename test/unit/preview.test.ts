/**
 * The preview's pure renderer: Markdown structure, source lines, the timeline chart against the model, and
 * hostile input. HTML is checked by tokenising every tag: the stringifier escapes each "<" in text, so every
 * "<" in the output opens a real tag, and each tag and attribute must be on an allowlist.
 */
import { strict as assert } from 'node:assert';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { renderPreview } from '../../server/src/preview/render';
import { shortDuration } from '../../server/src/preview/chart';
import { buildModel } from '../../server/src/analysis/model';
import { hostileCases, hostileDocument } from '../browser/hostile';

const ROOT = resolve(__dirname, '..', '..');
const SHARED = resolve(ROOT, '..', 'shared');

function filesIn(dir: string, pattern: RegExp): string[] {
  return existsSync(dir)
    ? readdirSync(dir)
        .filter((name) => pattern.test(name))
        .map((name) => join(dir, name))
        .sort()
    : [];
}

// The examples ship with the repository; the seeds and the corpus sit beside it when shared/ is there.
const EXAMPLES = [...filesIn(join(ROOT, 'examples', 'good'), /\.md$/), ...filesIn(join(ROOT, 'examples', 'broken'), /\.md$/)];
const SHARED_DOCS = [...filesIn(join(SHARED, 'seeds'), /\.txt$/), ...filesIn(join(SHARED, 'corpus', 'docs'), /\.md$/)];

interface Tag {
  name: string;
  closing: boolean;
  attributes: Array<[string, string]>;
}

const TAG_RE = /<(\/?)([a-zA-Z][\w:-]*)((?:\s+[^\s"'=<>/]+(?:="[^"]*")?)*)\s*(\/?)>/y;
const ATTRIBUTE_RE = /\s+([^\s"'=<>/]+)(?:="([^"]*)")?/g;

function tags(html: string): Tag[] {
  const found: Tag[] = [];
  for (let at = html.indexOf('<'); at !== -1; at = html.indexOf('<', at + 1)) {
    TAG_RE.lastIndex = at;
    const match = TAG_RE.exec(html);
    assert.ok(match, `a "<" that is not a well-formed tag at ${at}: ${JSON.stringify(html.slice(at, at + 80))}`);
    const attributes: Array<[string, string]> = [...match[3].matchAll(ATTRIBUTE_RE)].map((attribute) => [attribute[1].toLowerCase(), attribute[2] ?? '']);
    found.push({ name: match[2].toLowerCase(), closing: match[1] === '/', attributes });
  }
  return found;
}

const DOCUMENT_TAGS = [
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
  'input',
  'li',
  'ol',
  'p',
  'pre',
  'section',
  'strong',
  'sup',
  'ul',
  'table',
  'thead',
  'tbody',
  'tr',
  'th',
  'td',
  'span',
];
const CHART_TAGS = ['figure', 'figcaption', 'svg', 'g', 'rect', 'line', 'circle', 'text', 'title', 'dl', 'div', 'dt', 'dd'];
const ALLOWED_TAGS = new Set([...DOCUMENT_TAGS, ...CHART_TAGS]);
const ALLOWED_ATTRIBUTES = new Set([
  'href',
  'title',
  'class',
  'start',
  'align',
  'id',
  'type',
  'checked',
  'disabled',
  'data-footnote-ref',
  'data-footnote-backref',
  'data-footnotes',
  'data-line',
  'data-minutes',
  'data-metric',
  'data-milestone',
  'aria-label',
  'aria-live',
  'role',
  'tabindex',
  'viewbox',
  'preserveaspectratio',
  'x',
  'y',
  'x1',
  'y1',
  'x2',
  'y2',
  'cx',
  'cy',
  'r',
  'width',
  'height',
  'text-anchor',
]);

/** Fails unless every tag and attribute is allowed and every link is http(s), mailto or in-document. */
function assertSafe(html: string, label: string): void {
  for (const tag of tags(html)) {
    assert.ok(ALLOWED_TAGS.has(tag.name), `${label}: <${tag.name}> in the output`);
    for (const [name, value] of tag.attributes) {
      assert.ok(ALLOWED_ATTRIBUTES.has(name), `${label}: attribute ${name} on <${tag.name}>`);
      // http(s), mailto, or relative (no scheme before the first "/", "?" or "#"), as the sanitiser allows.
      if (name === 'href') assert.match(value, /^(?:https?:|mailto:|[^:/?#]*(?:[/?#]|$))/i, `${label}: href ${value}`);
    }
  }
  // Belt and braces over the allowlist, in the words of the brief; attribute values are blanked first, as a
  // tooltip may well say "onmouseover=" in its text.
  const markup = html.replace(/="[^"]*"/g, '=""');
  for (const needle of [
    /<script/i,
    /<iframe/i,
    /<style/i,
    /<object/i,
    /<embed/i,
    /<img/i,
    /<form/i,
    /<meta/i,
    /<base/i,
    /<link/i,
    /\ssrcdoc=/i,
    /<svg><script/i,
  ]) {
    assert.doesNotMatch(markup, needle, `${label}: ${needle}`);
  }
  assert.doesNotMatch(markup, /<[^>]*\son[a-z]+\s*=/i, `${label}: an on* attribute`);
  assert.doesNotMatch(html, /(?:href|src)="\s*(?:javascript|vbscript|data):/i, `${label}: a script or data URL`);
}

function count(html: string, re: RegExp): number {
  return [...html.matchAll(re)].length;
}

describe('preview: Markdown', () => {
  it('renders headings, lists, code, emphasis, quotes and links with their source lines', () => {
    const text =
      '# Title\n\nSome *emphasis* and **strong** and `code`.\n\n- one\n- two\n\n1. first\n\n> quoted\n\n```sh\nls -la\n```\n\n[docs](https://example.invalid/docs)\n';
    const { bodyHtml } = renderPreview(text, { chart: false });
    assert.match(bodyHtml, /<h1 data-line="0">Title<\/h1>/);
    assert.match(bodyHtml, /<p data-line="2">Some <em>emphasis<\/em> and <strong>strong<\/strong> and <code>code<\/code>\.<\/p>/);
    assert.match(bodyHtml, /<ul data-line="4">\s*<li data-line="4">one<\/li>\s*<li data-line="5">two<\/li>/);
    assert.match(bodyHtml, /<ol data-line="7">/);
    assert.match(bodyHtml, /<blockquote data-line="9">/);
    assert.match(bodyHtml, /<pre data-line="11"><code class="language-sh">ls -la\n<\/code><\/pre>/);
    assert.match(bodyHtml, /<a href="https:\/\/example.invalid\/docs">docs<\/a>/);
    assertSafe(bodyHtml, 'basics');
  });

  // remark-parse is CommonMark only; a pipe table is GFM and needs remark-gfm, not yet a dependency.
  it('renders GFM pipe tables as <table>', () => {
    const { bodyHtml } = renderPreview('| Time | Event |\n|---|---|\n| 10:00 | a |\n');
    assert.match(bodyHtml, /<table data-line="0">/);
  });

  it('keeps the text of a table even without table support', () => {
    const { bodyHtml } = renderPreview('| Time | Event |\n|---|---|\n| 10:00 | alert fired |\n', { chart: false });
    assert.match(bodyHtml, /alert fired/);
  });

  it('shows front matter verbatim and keeps the line numbers after it', () => {
    const { bodyHtml } = renderPreview('---\ntype: postmortem\n---\n# Title\n');
    assert.match(bodyHtml, /<pre class="pm-front-matter" data-line="0"><code>---\ntype: postmortem\n---<\/code><\/pre>/);
    assert.match(bodyHtml, /<h1 data-line="3">Title<\/h1>/);
    assert.doesNotMatch(bodyHtml, /<hr/);
  });

  it('shows template prompts as highlighted text, with or without a comma, inline or alone on a line', () => {
    const text =
      '# T\n\n## Impact\n\n<describe what happened>\n\n- Owner: <owner>\n- Impact: <describe the impact, in numbers>\n\n<describe it>\nThe next line.\n';
    const { bodyHtml } = renderPreview(text, { chart: false });
    assertSafe(bodyHtml, 'placeholders');
    assert.match(bodyHtml, /<p data-line="4"><span class="pm-placeholder">&#x3C;describe what happened><\/span><\/p>/);
    assert.match(bodyHtml, /<li data-line="6">Owner: <span class="pm-placeholder">&#x3C;owner><\/span><\/li>/);
    // With a comma Markdown already reads it as text: highlighted where the placeholder rule finds it.
    assert.match(bodyHtml, /Impact: <span class="pm-placeholder">&#x3C;describe the impact, in numbers><\/span>/);
    // The lines an HTML block would have swallowed come back as text.
    assert.match(bodyHtml, /<span class="pm-placeholder">&#x3C;describe it><\/span>\nThe next line\./);
  });

  it('highlights the placeholders the placeholder rule finds in text, and nothing in code or escaped', () => {
    const { bodyHtml } = renderPreview('# T\n\n- Impact: [TODO]\n- Owner: TBD, at HH:MM\n- Not: \\[TODO] and `TODO` and a todo list\n', { chart: false });
    assert.match(bodyHtml, /<li data-line="2">Impact: <span class="pm-placeholder">\[TODO\]<\/span><\/li>/);
    assert.match(bodyHtml, /<li data-line="3">Owner: <span class="pm-placeholder">TBD<\/span>, at <span class="pm-placeholder">HH:MM<\/span><\/li>/);
    assert.match(bodyHtml, /<li data-line="4">Not: \[TODO\] and <code>TODO<\/code> and a todo list<\/li>/);
  });

  it('keeps real HTML dropped: only prompts that name no HTML element and carry no attribute values come back', () => {
    const { bodyHtml } = renderPreview(
      '<b>bold</b> <br> <div class="x">hi</div> <describe onclick=alert(1)> <img src=x onerror=alert(1)>\n\n<script>alert(1)</script>\n',
      { chart: false },
    );
    assertSafe(bodyHtml, 'html');
    assert.doesNotMatch(bodyHtml, /pm-placeholder|onclick|onerror|alert/);
    assert.match(bodyHtml, /bold/);
  });

  it('does not load remote images unless asked, and never local or data ones', () => {
    const text = '![chart](https://example.invalid/c.png) ![local](img/c.png) ![data](data:image/png;base64,AAAA)\n';
    const blocked = renderPreview(text);
    assert.equal(blocked.blockedImages, 3);
    assert.doesNotMatch(blocked.bodyHtml, /<img/);
    assert.match(blocked.bodyHtml, /<a class="pm-image-blocked" href="https:\/\/example.invalid\/c.png"[^>]*>Image: chart \(remote, not loaded\)<\/a>/);
    const allowed = renderPreview(text, { allowRemoteImages: true });
    assert.equal(allowed.blockedImages, 2);
    assert.match(allowed.bodyHtml, /<img src="https:\/\/example.invalid\/c.png" alt="chart">/);
  });
});

// The metrics strip on each example as a reader sees it (duration, detect, mitigate, resolve), checked against the
// reports' own times; fixed here, not taken from the model, so a change in how metrics are read shows up. The
// broken examples' numbers are as wrong as their times (timezone-mixup is detected "7 h 4 min" after it starts).
// checkout-latency's mitigation is 10:52 "decides to roll back", not 11:04 "Rollback complete".
const EXAMPLE_STRIPS: Record<string, [string, string, string, string]> = {
  'good/checkout-latency.md': ['1 h 5 min', '0 min', '37 min', '1 h 5 min'],
  'good/dns-outage-table.md': ['2 h 15 min', '4 min', 'unknown', '2 h 15 min'],
  'broken/no-timezone.md': ['2 h 25 min', '13 min', '35 min', '3 h 5 min'],
  'broken/template-leftovers.md': ['1 h 39 min', '14 min', 'unknown', '1 h 39 min'],
  'broken/timezone-mixup.md': ['55 min', '7 h 4 min', 'unknown', '7 h 55 min'],
  'broken/word-paste.md': ['1 h 25 min', '15 min', 'unknown', '1 h 25 min'],
};

describe('preview: examples, seeds and corpus', () => {
  const documents = [...EXAMPLES, ...SHARED_DOCS];
  it('has documents to render', () => assert.ok(EXAMPLES.length >= 4, 'examples/ is missing'));

  it("shows each example's metrics as its times give them", () => {
    const names = EXAMPLES.map((file) => file.slice(file.lastIndexOf('/', file.lastIndexOf('/') - 1) + 1));
    assert.deepEqual(names.sort(), Object.keys(EXAMPLE_STRIPS).sort(), 'a new example needs its strip here');
    for (const file of EXAMPLES) {
      const name = file.slice(file.lastIndexOf('/', file.lastIndexOf('/') - 1) + 1);
      // Rendered without a model, as the panel's first render is: the renderer reads the metrics itself.
      const { bodyHtml } = renderPreview(readFileSync(file, 'utf8'));
      const shown = [...bodyHtml.matchAll(/data-metric="(\w+)"><dt>[^<]+<\/dt><dd[^>]*>([^<]+)<\/dd>/g)].map((match) => [match[1], match[2]]);
      const [duration, detect, mitigate, resolve] = EXAMPLE_STRIPS[name];
      assert.deepEqual(
        shown,
        [
          ['duration', duration],
          ['detect', detect],
          ['mitigate', mitigate],
          ['resolve', resolve],
        ],
        name,
      );
    }
  });

  for (const file of documents) {
    const name = file.slice(file.lastIndexOf('/', file.lastIndexOf('/') - 1) + 1);
    it(`renders ${name}`, () => {
      const text = readFileSync(file, 'utf8');
      const model = buildModel(text);
      const { bodyHtml, chart } = renderPreview(text, { model });
      const { metrics } = model;
      assertSafe(bodyHtml, name);
      assert.match(bodyHtml, /<(?:h[1-6]|p|ul|ol) data-line="\d+">/, 'a block with its line');
      // Markdown lists in the examples (the corpus has lists only in front matter or indented as code; a Word
      // paste has "•" bullets, which are not Markdown).
      if (EXAMPLES.includes(file) && /^[-*+] /m.test(text))
        assert.match(bodyHtml, /<(?:ul|ol)[^>]* data-line="\d+">\s*<li[^>]* data-line="\d+">/, 'a list with its lines');
      // Every block's line holds the block's first words.
      const lines = text.split(/\r?\n|\r/);
      for (const match of bodyHtml.matchAll(/<h([1-6]) data-line="(\d+)">([^<]{3,})</g)) {
        const words = match[3]
          .trim()
          .replace(/&#x26;/g, '&')
          .replace(/&#x3C;/g, '<')
          .slice(0, 12);
        const line = Number(match[2]);
        assert.ok(
          lines[line].includes(words) || (lines[line + 1] ?? '').match(/^[=-]+\s*$/) || lines[line].includes(words.split(' ')[0]),
          `line ${line} holds "${words}"`,
        );
      }
      if (!chart) {
        assert.equal(model.metrics.timedEntries, 0);
        return;
      }
      // One mark per timed entry.
      assert.equal(chart.marks, model.metrics.timedEntries);
      assert.equal(count(bodyHtml, /<g class="pm-mark[ "]/g), model.metrics.timedEntries);
      // The metrics strip shows the model's numbers.
      for (const [key, minutes] of [
        ['duration', metrics.durationMinutes],
        ['detect', metrics.timeToDetectMinutes],
        ['mitigate', metrics.timeToMitigateMinutes],
        ['resolve', metrics.timeToResolveMinutes],
      ] as const) {
        const shown = new RegExp(
          `data-metric="${key}"><dt>[^<]+</dt><dd ${minutes === null ? 'class="pm-unknown">unknown' : `data-minutes="${minutes}">${shortDuration(minutes)}`}</dd>`,
        );
        assert.match(bodyHtml, shown, `${key} is ${minutes}`);
      }
      // A milestone line for each metric that has a value, where the model puts it.
      for (const [kind, minutes] of [
        ['detect', metrics.timeToDetectMinutes],
        ['mitigate', metrics.timeToMitigateMinutes],
        ['resolve', metrics.timeToResolveMinutes],
      ] as const) {
        assert.equal(new RegExp(`data-milestone="(?:[a-z]+ )*${kind}(?: [a-z]+)*" data-minutes="${minutes}"`).test(bodyHtml), minutes !== null, kind);
      }
    });
  }
});

const INCIDENT = (entries: string[], summary = '- Start: 2025-02-03 10:00 UTC\n- End: 2025-02-03 12:30 UTC'): string =>
  `# Postmortem: test\n\n## Summary\n\n${summary}\n\n## Timeline (all times UTC)\n\n${entries.join('\n')}\n\n## Root Cause\n\nA bug.\n`;

describe('preview: the timeline chart', () => {
  it('draws one focusable, named mark per timed entry and labels the milestones, right above the entries', () => {
    const text = INCIDENT([
      '- 10:00 UTC: Alert fired for checkout latency',
      '- 10:10 UTC: On-call paged',
      '- 10:40 UTC: Rolled back release 4.2',
      '- 12:30 UTC: Service restored',
    ]);
    const { bodyHtml, chart } = renderPreview(text);
    assert.equal(chart?.marks, 4);
    assert.match(bodyHtml, /<h2 data-line="7">Timeline \(all times UTC\)<\/h2>\s*<figure class="pm-chart"[^]*<\/figure><ul data-line="9">/);
    // A keyboard user can Tab to it; its title is its accessible name and what the readout shows.
    assert.match(
      bodyHtml,
      /<g class="pm-mark pm-detect" data-line="9" tabindex="0" role="button"><circle [^>]+><\/circle><title>10:00: Alert fired for checkout latency<\/title><\/g>/,
    );
    assert.match(bodyHtml, /<g class="pm-mark pm-mitigate" data-line="11" /);
    assert.match(bodyHtml, /<g class="pm-mark pm-resolve" data-line="12" /);
    assert.match(bodyHtml, /<p class="pm-chart-readout" aria-live="polite">/);
    // Start, end and milestones written out; ones at the same minute share a label.
    const labels = [...bodyHtml.matchAll(/<g class="pm-milestone[^"]*"[^>]*><line [^>]+><\/line><text [^>]*>([^<]+)<\/text>/g)].map((match) => match[1]);
    assert.deepEqual(labels, ['Start · Detected 10:00', 'Mitigated 10:40 (+40 min)', 'Resolved · End 12:30 (+2 h 30 min)']);
    assert.match(bodyHtml, /<rect class="pm-window" [^>]+><title>Incident window 10:00 to 12:30 \(2 h 30 min\)<\/title>/);
    // Drawn in the panel's units, never scaled: no viewBox, x in percent, y in em.
    assert.doesNotMatch(bodyHtml, /viewBox/i);
    assert.match(bodyHtml, /<circle cx="[\d.]+%" cy="[\d.]+em" r="5">/);
  });

  it("writes times in the report's own clock", () => {
    const twelve = INCIDENT(
      ['- 4:20 PM: Export starts', '- 4:34 PM: Alert fires', '- 5:59 PM: Incident resolved'],
      '- Start: 2025-02-11 4:20 PM EST\n- End: 2025-02-11 5:59 PM EST',
    );
    const { bodyHtml, chart } = renderPreview(twelve);
    assert.equal(chart?.clock, '12h');
    const ticks = [...bodyHtml.matchAll(/<text class="pm-tick-label" [^>]*>([^<]+)<\/text>/g)].map((match) => match[1]);
    assert.ok(ticks.length >= 3 && ticks.every((tick) => / [AP]M$/.test(tick)), JSON.stringify(ticks));
    assert.match(bodyHtml, /<title>4:34 PM: Alert fires<\/title>/);
    const { chart: other } = renderPreview(INCIDENT(['- 16:20 UTC: Export starts', '- 17:59 UTC: Resolved']));
    assert.equal(other?.clock, '24h');
  });

  it('scales the axis to the data: a 12-hour report gets no 24-hour axis', () => {
    const { bodyHtml } = renderPreview(
      INCIDENT(['- 08:00 UTC: Alert fired', '- 14:00 UTC: Rolled back', '- 20:00 UTC: Restored'], '- Start: 2025-02-03 08:00 UTC\n- End: 2025-02-03 20:00 UTC'),
    );
    const ticks = [...bodyHtml.matchAll(/<text class="pm-tick-label" [^>]*>([^<]+)<\/text>/g)].map((match) => match[1]);
    assert.ok(ticks[0] >= '08:00' && ticks[ticks.length - 1] <= '20:00', JSON.stringify(ticks));
    assert.doesNotMatch(bodyHtml, /pm-break|pm-day-label/);
    const window = /<rect class="pm-window" x="([\d.]+)%" y="[\d.]+em" width="([\d.]+)%"/.exec(bodyHtml)!;
    assert.ok(Number(window[2]) > 85, `the window spans ${window[2]}% of the width`);
  });

  it('shows a long gap between entries with its length', () => {
    const { bodyHtml, chart } = renderPreview(
      INCIDENT(['- 10:00 UTC: Alert fired', '- 10:05 UTC: Paged', '- 10:20 UTC: Investigating', '- 12:30 UTC: Service restored']),
    );
    assert.deepEqual(chart?.gaps, [{ from: 20, to: 150, minutes: 130 }]);
    assert.match(
      bodyHtml,
      /<g class="pm-gap"><rect [^>]+><title>No entries for 2 h 10 min, 10:20 to 12:30<\/title><\/rect><text [^>]+>gap 2 h 10 min<\/text><\/g>/,
    );
  });

  it('does not call a steady cadence of updates a gap', () => {
    const entries = ['10:00', '10:35', '11:10', '11:45', '12:20'].map((time, i) => `- ${time} UTC: Update ${i}`);
    assert.deepEqual(renderPreview(INCIDENT(entries)).chart?.gaps, []);
  });

  it('draws a single entry', () => {
    const { bodyHtml, chart } = renderPreview(INCIDENT(['- 10:15 UTC: Alert fired'], '- Start: 2025-02-03 10:15 UTC'));
    assert.equal(chart?.marks, 1);
    assert.match(bodyHtml, /<svg class="pm-chart-svg"/);
    assert.doesNotMatch(bodyHtml, /NaN|Infinity/);
  });

  it('lists untimed entries in a note instead of drawing them', () => {
    const { bodyHtml, chart } = renderPreview(INCIDENT(['- 10:00 UTC: Alert fired', '- Later: someone noticed', '- 11:00 UTC: Restored']));
    assert.equal(chart?.marks, 2);
    assert.equal(chart?.untimedEntries, 1);
    assert.match(bodyHtml, /<figcaption class="pm-chart-notes">1 entry has no readable time and is not drawn\.<\/figcaption>/);
  });

  it('says so when the timeline has no timed entries, and still shows the metrics', () => {
    const { bodyHtml, chart } = renderPreview(INCIDENT(['- Someone noticed', '- Someone fixed it'], 'It broke.'));
    assert.equal(chart?.marks, 0);
    assert.match(bodyHtml, /<p class="pm-chart-empty">No timed entries to chart\.<\/p>/);
    assert.match(bodyHtml, /data-metric="duration"><dt>Duration<\/dt><dd class="pm-unknown">unknown<\/dd>/);
    assert.doesNotMatch(bodyHtml, /<svg/);
  });

  it('has no chart without a timeline', () => {
    const { bodyHtml, chart } = renderPreview('# Notes\n\nNothing happened.\n');
    assert.equal(chart, null);
    assert.doesNotMatch(bodyHtml, /pm-chart/);
  });

  it('marks entries outside the window, and breaks the axis for a far one instead of pinning it to the edge', () => {
    const text = INCIDENT([
      '- 2025-01-20 08:00 UTC: Deploy from two weeks ago',
      '- 2025-02-03 09:30 UTC: Canary started',
      '- 2025-02-03 10:00 UTC: Alert fired',
      '- 2025-02-03 12:30 UTC: Restored',
    ]);
    const { bodyHtml, chart } = renderPreview(text);
    assert.equal(chart?.marks, 4);
    assert.equal(chart?.outside, 2);
    assert.deepEqual(chart?.breaks, [{ from: -20280, to: -30, minutes: 20250 }]);
    assert.match(
      bodyHtml,
      /<g class="pm-break">[^]*?<text [^>]+>14 d 1 h<\/text><title>The axis skips 14 d 1 h with no entries, 08:00, 20 Jan to 09:30, 3 Feb<\/title>/,
    );
    const cx = (line: number): number => Number(new RegExp(`data-line="${line}" [^>]*><circle cx="([\\d.]+)%"`).exec(bodyHtml)?.[1]);
    // The far entry sits on its own piece of axis, over a tick that says when it was, not on the window's edge.
    assert.match(bodyHtml, /<g class="pm-mark pm-outside" data-line="9" /);
    assert.ok(cx(9) > 3 && cx(9) < 15, `${cx(9)}`);
    assert.match(bodyHtml, /<text class="pm-tick-label" x="[\d.]+%" [^>]*>08:00<\/text><text class="pm-tick-label pm-day-label" [^>]*>20 Jan<\/text>/);
    assert.match(bodyHtml, /2 entries fall outside the incident window\./);
    // The window, to scale, still takes most of the width.
    const width = Number(/<rect class="pm-window" x="[\d.]+%" y="[\d.]+em" width="([\d.]+)%"/.exec(bodyHtml)?.[1]);
    assert.ok(width > 50, `window width ${width}%`);
    // Two entries alone need no break: the pause between them is drawn to scale.
    const { chart: two } = renderPreview(INCIDENT(['- 10:00 UTC: Alert fired', '- 12:30 UTC: Restored']));
    assert.deepEqual(two?.breaks, []);
  });

  it('breaks the axis inside a window stated hours longer than its entries, rather than squeezing them', () => {
    const entries = ['13:00', '13:01', '13:02', '13:03', '13:05', '13:06'].map((time, i) => `- ${time} UTC: Step ${i}`);
    const { bodyHtml, chart } = renderPreview(INCIDENT(entries, '- Start: 2025-02-03 13:00 UTC\n- End: 2025-02-03 17:35 UTC'));
    assert.deepEqual(chart?.breaks, [{ from: 6, to: 275, minutes: 269 }]);
    const cx = [...bodyHtml.matchAll(/<g class="pm-mark[^"]*" [^>]*><circle cx="([\d.]+)%"/g)].map((match) => Number(match[1]));
    // The six entries spread over most of the width instead of a sliver at its start.
    assert.ok(cx[cx.length - 1] - cx[0] > 40, JSON.stringify(cx));
    assert.match(bodyHtml, /<text [^>]+>4 h 29 min<\/text><title>The axis skips 4 h 29 min with no entries, 13:06 to 17:35<\/title>/);
  });

  it('stays bounded on thousands of entries', () => {
    const entries = Array.from(
      { length: 5000 },
      (_, i) => `- ${String(10 + Math.floor(i / 600)).padStart(2, '0')}:${String(Math.floor(i / 10) % 60).padStart(2, '0')} UTC: Event ${i}`,
    );
    // Bounded work, not a time limit: however many entries, at most 400 marks are drawn.
    const { bodyHtml, chart } = renderPreview(INCIDENT(entries, '- Start: 2025-02-03 10:00 UTC\n- End: 2025-02-03 18:30 UTC'));
    assert.equal(chart?.timedEntries, 5000);
    assert.equal(chart?.grouped, true);
    assert.ok(chart!.marks <= 400, `${chart!.marks} marks`);
    assert.ok(count(bodyHtml, /<g class="pm-mark/g) <= 400);
    assert.match(bodyHtml, /5000 entries are grouped into \d+ marks\./);
  });

  it('formats durations compactly', () => {
    assert.deepEqual([0, 5, 60, 130, 1440 + 125, -15].map(shortDuration), ['0 min', '5 min', '1 h', '2 h 10 min', '1 d 2 h', '-15 min']);
  });
});

describe('preview: hostile input', () => {
  for (const hostile of hostileCases()) {
    it(`renders "${hostile.name}" inert`, () => {
      const { bodyHtml } = renderPreview(`# Case\n\n${hostile.markdown}\n`);
      assertSafe(bodyHtml, hostile.name);
    });
  }

  it('renders the whole hostile postmortem inert, chart included', () => {
    const { bodyHtml, chart } = renderPreview(hostileDocument());
    assertSafe(bodyHtml, 'hostile document');
    assert.equal(chart?.marks, 4);
    assert.equal(count(bodyHtml, /<svg/g), 1);
  });

  it('shows escaped markup as text', () => {
    const { bodyHtml } = renderPreview('&lt;script&gt;alert(1)&lt;/script&gt; and `<b>code</b>`\n');
    assert.match(bodyHtml, /&#x3C;script>alert\(1\)&#x3C;\/script> and <code>&#x3C;b>code&#x3C;\/b><\/code>/);
  });

  it('drops script URLs however they are spelled, keeping the link text', () => {
    for (const href of [
      'javascript:alert(1)',
      'JAVASCRIPT:alert(1)',
      ' javascript:alert(1)',
      'java&#x09;script:alert(1)',
      '&#106;avascript:alert(1)',
      'vbscript:x',
      'data:text/html,x',
    ]) {
      const { bodyHtml } = renderPreview(`[text](${href})\n`);
      assert.match(bodyHtml, /<a>text<\/a>/, href);
    }
  });

  it('survives empty, blank and huge documents', () => {
    assert.equal(renderPreview('').bodyHtml, '');
    assert.doesNotMatch(renderPreview('\n\n   \n').bodyHtml, /<(?!\/)/);
    const huge = `${'# Heading\n\nA paragraph with *some* text and a [link](https://example.invalid).\n\n'.repeat(5000)}`;
    const { bodyHtml } = renderPreview(huge);
    assert.equal(count(bodyHtml, /<h1 /g), 5000);
    assert.doesNotThrow(() => renderPreview('<'.repeat(100000)));
    assert.doesNotThrow(() => renderPreview('['.repeat(3000) + ']('.repeat(3000)));
    // Nesting that would overflow the Markdown-to-HTML step's recursion is cut short, not fatal.
    assert.match(renderPreview('> '.repeat(5000) + 'deep').bodyHtml, /nested too deeply to show/);
    // So is indentation no one writes, which would take the parser minutes: the fallback shows that the
    // parser never ran on it (were it to, the run's hang guard would stop it), whatever the machine's speed.
    const indented = renderPreview(Array.from({ length: 400 }, (_, i) => `${' '.repeat(i * 2)}- item`).join('\n'), { chart: false });
    assert.match(indented.bodyHtml, /^<pre class="pm-fallback" data-line="0">/);
  });
});
