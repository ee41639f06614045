/**
 * The preview in a real browser: the shell the panel builds (`buildShell`, with a local server standing in
 * for the webview's resource origin) and our media/preview.js, fed the hostile corpus through the same
 * `update` message the panel posts. A second local server plays the attacker: it must never be contacted.
 *
 * Needs Debian's Chromium at /usr/bin/chromium (or CHROMIUM_PATH); without it the suite is skipped, loudly
 * (under CI that fails the run instead).
 */
import { strict as assert } from 'node:assert';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { renderPreview } from '../../server/src/preview/render';
import { buildShell, contentSecurityPolicy, createNonce, type ShellOptions } from '../../client/src/preview/shell';
import { cannotRun } from '../support/ci';
import { hostileCases, hostileDocument } from './hostile';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ROOT = resolve(__dirname, '..', '..');
const MEDIA = join(ROOT, 'media');
const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--disable-sync',
];

interface Site {
  server: Server;
  origin: string;
}

function listen(handler: (request: IncomingMessage, response: ServerResponse) => void): Promise<Site> {
  return new Promise((done, fail) => {
    const server = createServer(handler);
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => done({ server, origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}` }));
  });
}

/** What a page did: every request it made, dialogs, console lines and uncaught errors. */
interface Watched {
  page: Page;
  requests: string[];
  dialogs: string[];
  console: string[];
  errors: string[];
}

interface Violation {
  directive: string;
  blocked: string;
}

const CONTENT = "document.getElementById('pm-content')";

describe('preview safety in headless Chromium', function () {
  let browser: Browser | undefined;
  let site: Site | undefined;
  let evil: Site | undefined;
  let shell: ShellOptions;
  const evilHits: string[] = [];

  before(async function () {
    if (!existsSync(CHROMIUM)) cannotRun(this, `no Chromium at ${CHROMIUM} (apt-get install chromium, or set CHROMIUM_PATH)`);
    evil = await listen((request, response) => {
      evilHits.push(request.url ?? '');
      response.end('pwned');
    });
    site = await listen((request, response) => {
      const files: Record<string, [string, string]> = {
        '/media/preview.js': ['preview.js', 'text/javascript'],
        '/media/preview.css': ['preview.css', 'text/css'],
      };
      if (request.url === '/') {
        response.setHeader('content-type', 'text/html; charset=utf-8');
        response.end(buildShell(shell));
      } else if (request.url && files[request.url]) {
        const [file, type] = files[request.url];
        response.setHeader('content-type', type);
        response.end(readFileSync(join(MEDIA, file)));
      } else {
        response.statusCode = 404;
        response.end();
      }
    });
    // As in the panel: resources from the webview's own origin, a fresh nonce.
    shell = { cspSource: site.origin, nonce: createNonce(), scriptUri: `${site.origin}/media/preview.js`, styleUri: `${site.origin}/media/preview.css` };
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
  });

  after(async () => {
    await browser?.close();
    site?.server.close();
    evil?.server.close();
  });

  beforeEach(() => {
    evilHits.length = 0;
  });

  async function open(): Promise<Watched> {
    const page = await browser!.newPage();
    const watched: Watched = { page, requests: [], dialogs: [], console: [], errors: [] };
    page.on('request', (request) => watched.requests.push(request.url()));
    page.on('dialog', (dialog) => {
      watched.dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    page.on('console', (message) => watched.console.push(message.text()));
    page.on('pageerror', (error) => watched.errors.push(String(error)));
    // Injected by the driver, outside the page's CSP: records every violation the page reports.
    await page.addInitScript({
      content:
        "window.__violations = []; document.addEventListener('securitypolicyviolation', (e) => window.__violations.push({ directive: e.effectiveDirective, blocked: e.blockedURI }));",
    });
    await page.goto(`${site!.origin}/`);
    return watched;
  }

  /**
   * Waits until `expression` is true in the page. Not `page.waitForFunction` with a string: its polling
   * evaluates the string inside the page, which our CSP (rightly) refuses as eval. Here the whole loop is
   * one evaluation by the driver, which the page's CSP does not govern.
   */
  async function waitFor(page: Page, expression: string, timeoutMs = 120_000): Promise<void> {
    await page.evaluate(`new Promise((done, fail) => {
      const until = Date.now() + ${timeoutMs};
      const check = () => {
        if (${expression}) done(true);
        else if (Date.now() > until) fail(new Error(${JSON.stringify(`timed out waiting for ${expression}`)}));
        else setTimeout(check, 10);
      };
      check();
    })`);
  }

  /** Posts an update as the panel does and waits until the preview script has shown it and the page has settled. */
  async function update(page: Page, html: string, line?: number): Promise<void> {
    const before = Number(await page.evaluate(`${CONTENT}.dataset.updates ?? 0`));
    await page.evaluate(`window.postMessage(${JSON.stringify({ type: 'update', html, line })}, '*')`);
    await waitFor(page, `${CONTENT}.dataset.updates === '${before + 1}'`);
    await settle(page);
  }

  /** Until every image has loaded or failed, two frames have been drawn and queued tasks have run. */
  async function settle(page: Page): Promise<void> {
    await page.evaluate(`Promise.all(Array.from(document.images).map((image) => image.complete ? null : new Promise((done) => {
      image.addEventListener('load', done); image.addEventListener('error', done);
    }))).then(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(done, 50)))))`);
  }

  async function violations(page: Page): Promise<Violation[]> {
    return (await page.evaluate('window.__violations')) as Violation[];
  }

  function assertNothingRan(watched: Watched, label: string): Promise<void> {
    return (async () => {
      assert.equal(await watched.page.evaluate('typeof window.__pwned'), 'undefined', `${label}: window.__pwned was set`);
      assert.deepEqual(watched.dialogs, [], `${label}: a dialog opened`);
      assert.deepEqual(
        watched.console.filter((line) => /pwned/i.test(line)),
        [],
        `${label}: a payload logged`,
      );
      assert.deepEqual(watched.errors, [], `${label}: uncaught errors`);
      assert.deepEqual(evilHits, [], `${label}: the attacker's server was contacted`);
    })();
  }

  async function domFindings(page: Page): Promise<string[]> {
    return (await page.evaluate(`(() => {
      const found = [];
      const content = ${CONTENT};
      for (const element of content.querySelectorAll('script, iframe, frame, object, embed, style, link, meta, base, form, img, foreignObject')) found.push('<' + element.localName + '>');
      for (const element of content.querySelectorAll('*')) {
        for (const attribute of element.attributes) {
          if (/^on/i.test(attribute.name) || attribute.name === 'srcdoc' || attribute.name === 'style') found.push(element.localName + ' ' + attribute.name);
          if (/^(href|src|xlink:href)$/.test(attribute.name) && /^\\s*(javascript|vbscript|data):/i.test(attribute.value)) found.push(element.localName + ' ' + attribute.name + '=' + attribute.value);
        }
      }
      return found;
    })()`)) as string[];
  }

  it("serves the shell with its CSP, and runs our nonce'd script (and only it)", async () => {
    const watched = await open();
    const csp = await watched.page.evaluate(`document.querySelector('meta[http-equiv="Content-Security-Policy"]')?.getAttribute('content') ?? null`);
    assert.equal(csp, contentSecurityPolicy(shell));
    assert.match(String(csp), /default-src 'none'/);
    assert.match(String(csp), /script-src 'nonce-[^']+'(?:;|$)/);
    await update(watched.page, '<p data-line="0">hello</p>');
    assert.equal(await watched.page.evaluate(`${CONTENT}.textContent`), 'hello');
    // The browser enforces the policy it parsed: an inline script without the nonce is refused and reported.
    await watched.page.evaluate(
      `(() => { const script = document.createElement('script'); script.textContent = "window.__pwned = 'inline'"; document.body.append(script); })()`,
    );
    await waitFor(watched.page, 'window.__violations.length > 0');
    assert.deepEqual(
      (await violations(watched.page)).map((violation) => violation.directive),
      ['script-src-elem'],
    );
    await assertNothingRan(watched, 'inline script');
    await watched.page.close();
  });

  it('shows the hostile postmortem with no script run, no dialog and no request beyond the page', async () => {
    const watched = await open();
    const { bodyHtml, chart } = renderPreview(hostileDocument(evil!.origin));
    await update(watched.page, bodyHtml);
    await assertNothingRan(watched, 'hostile document');
    assert.deepEqual(await domFindings(watched.page), []);
    // Only the page itself: the shell, our script and our stylesheet.
    assert.deepEqual(watched.requests.filter((url) => !url.endsWith('/favicon.ico')).sort(), [
      `${site!.origin}/`,
      `${site!.origin}/media/preview.css`,
      `${site!.origin}/media/preview.js`,
    ]);
    assert.deepEqual(await violations(watched.page), []);
    // Escaped markup is shown as text; the chart is there with its marks.
    const text = String(await watched.page.evaluate(`${CONTENT}.textContent`));
    assert.ok(text.includes("<script>window.__pwned='entity'"), 'entities decode to text');
    assert.equal(await watched.page.evaluate(`${CONTENT}.querySelectorAll('svg g.pm-mark').length`), chart!.marks);
    assert.equal(await watched.page.evaluate(`${CONTENT}.querySelectorAll('svg').length`), 1);
    await watched.page.close();
  });

  it('shows each hostile case alone, inert', async () => {
    const watched = await open();
    for (const hostile of hostileCases(evil!.origin)) {
      await update(watched.page, renderPreview(`# ${hostile.name}\n\n${hostile.markdown}\n`).bodyHtml);
      await assertNothingRan(watched, hostile.name);
      assert.deepEqual(await domFindings(watched.page), [], hostile.name);
    }
    assert.ok(
      watched.requests.every((url) => url.startsWith(`${site!.origin}/`)),
      watched.requests.join('\n'),
    );
    await watched.page.close();
  });

  it('drops handlers and script URLs itself when HTML reaches it unsanitised', async () => {
    const watched = await open();
    const raw = [
      `<img src="" onerror="window.__pwned='raw-img'">`,
      `<script>window.__pwned='raw-script'</script>`,
      `<a href="javascript:window.__pwned='raw-href'" id="link">x</a>`,
      `<svg><script>window.__pwned='raw-svg'</script><a xlink:href="javascript:alert(1)"><text>y</text></a></svg>`,
      `<iframe srcdoc="<script>parent.__pwned='raw-srcdoc'</script>"></iframe>`,
      `<details open ontoggle="window.__pwned='raw-toggle'"><summary>z</summary></details>`,
      `<p style="background:url(${evil!.origin}/style)">styled</p>`,
    ].join('\n');
    await update(watched.page, raw);
    await watched.page.evaluate(`${CONTENT}.querySelector('a')?.click()`);
    await settle(watched.page);
    await assertNothingRan(watched, 'raw HTML');
    assert.deepEqual(
      (await domFindings(watched.page)).filter((finding) => finding !== '<img>'),
      [],
    );
    await watched.page.close();
  });

  it('has the CSP stop what slips past both the renderer and the script', async () => {
    const watched = await open();
    // Straight into the DOM, around preview.js: only the CSP stands in the way now.
    await watched.page.evaluate(`(() => {
      const content = ${CONTENT};
      content.innerHTML = '<img src="" onerror="window.__pwned=\\'attr\\'">'
        + '<img src="${evil!.origin}/csp.png">'
        + '<link rel="stylesheet" href="${evil!.origin}/csp.css">'
        + '<iframe src="${evil!.origin}/csp-frame"></iframe>';
      fetch('${evil!.origin}/csp-fetch').catch(() => {});
    })()`);
    await waitFor(watched.page, 'window.__violations.length >= 5');
    await settle(watched.page);
    const directives = new Set((await violations(watched.page)).map((violation) => violation.directive));
    for (const directive of ['script-src-attr', 'img-src', 'style-src-elem', 'frame-src', 'connect-src'])
      assert.ok(directives.has(directive), `${directive} in ${[...directives].join(', ')}`);
    await assertNothingRan(watched, 'CSP');
    await watched.page.close();
  });

  // VS Code's default themes, as the variables it sets on a webview (a subset: what the preview uses).
  const THEMES: Record<string, { bodyClass: string; colors: Record<string, string> }> = {
    light: {
      bodyClass: 'vscode-light',
      colors: {
        'editor-background': '#ffffff',
        'editor-foreground': '#3b3b3b',
        descriptionForeground: '#3b3b3b',
        'panel-border': '#e5e5e5',
        focusBorder: '#005fb8',
        'charts-foreground': '#616161',
        'charts-red': '#e51400',
        'charts-orange': '#d18616',
        'charts-yellow': '#bf8803',
        'charts-green': '#388a34',
        'charts-blue': '#1a85ff',
        'textCodeBlock-background': '#f8f8f8',
        'textLink-foreground': '#005fb8',
        'editorWarning-foreground': '#895503',
        'inputValidation-warningBackground': '#f6f5d2',
        'inputValidation-warningBorder': '#b89500',
      },
    },
    dark: {
      bodyClass: 'vscode-dark',
      colors: {
        'editor-background': '#1f1f1f',
        'editor-foreground': '#cccccc',
        descriptionForeground: '#9d9d9d',
        'panel-border': '#2b2b2b',
        focusBorder: '#0078d4',
        'charts-foreground': '#cccccc',
        'charts-red': '#f14c4c',
        'charts-orange': '#d18616',
        'charts-yellow': '#cca700',
        'charts-green': '#89d185',
        'charts-blue': '#3794ff',
        'textCodeBlock-background': '#2b2b2b',
        'textLink-foreground': '#4daafc',
        'editorWarning-foreground': '#cca700',
        'inputValidation-warningBackground': '#352a05',
        'inputValidation-warningBorder': '#b89500',
      },
    },
    'high-contrast': {
      bodyClass: 'vscode-high-contrast',
      colors: {
        'editor-background': '#000000',
        'editor-foreground': '#ffffff',
        descriptionForeground: '#ffffff',
        'panel-border': '#6fc3df',
        focusBorder: '#f38518',
        contrastBorder: '#6fc3df',
        'charts-foreground': '#ffffff',
        'charts-red': '#f48771',
        'charts-orange': '#d18616',
        'charts-yellow': '#ffd700',
        'charts-green': '#89d185',
        'charts-blue': '#3794ff',
        'textCodeBlock-background': '#000000',
        'textLink-foreground': '#21a6ff',
        'editorWarning-foreground': '#ffd700',
        'inputValidation-warningBackground': '#000000',
        'inputValidation-warningBorder': '#6fc3df',
      },
    },
  };
  const EDITOR_FONT_PX = 14;
  const SCREENSHOTS = join(ROOT, 'out', 'test', 'screenshots');
  const THEMED_REPORT = [
    '# Postmortem: Search index rebuild stalls',
    '',
    '## Issue Summary',
    '',
    '- Start: 2025-02-11 4:20 PM EST',
    '- End: 2025-02-11 5:59 PM EST',
    '- Impact: <describe the impact>',
    '',
    '## Timeline',
    '',
    '- 2025-02-09 11:05 AM: Scheduler change merged.',
    '- 2025-02-11 4:20 PM: The nightly export starts six hours early.',
    '- 2025-02-11 4:34 PM: Search latency alert fires; on-call is paged.',
    '- 2025-02-11 4:52 PM: On-call finds the export competing for the disk.',
    '- 2025-02-11 5:15 PM: Export paused; rolled back the schedule.',
    '- 2025-02-11 5:59 PM: Rebuild complete. Incident resolved.',
    '',
    '## Root Cause',
    '',
    '<describe what happened>',
    '',
  ].join('\n');

  /** Sets a theme's variables and body class as VS Code does on a webview (through the CSSOM, which the CSP allows the driver). */
  async function applyTheme(page: Page, name: string): Promise<void> {
    const { bodyClass, colors } = THEMES[name];
    const variables: Record<string, string> = {
      '--vscode-font-family': 'sans-serif',
      '--vscode-font-size': '13px',
      '--vscode-editor-font-family': 'monospace',
      '--vscode-editor-font-size': `${EDITOR_FONT_PX}px`,
    };
    for (const [key, value] of Object.entries(colors)) variables[`--vscode-${key.replace(/\./g, '-')}`] = value;
    await page.evaluate(`(() => {
      const variables = ${JSON.stringify(variables)};
      for (const [key, value] of Object.entries(variables)) document.documentElement.style.setProperty(key, value);
      document.body.className = ${JSON.stringify(bodyClass)};
    })()`);
  }

  for (const theme of Object.keys(THEMES)) {
    it(`draws the chart legibly in the ${theme} theme: editor-sized text, labels apart and inside, readable contrast, placeholders shown (screenshot in out/test/screenshots)`, async () => {
      const watched = await open();
      await watched.page.setViewportSize({ width: 900, height: 760 });
      await applyTheme(watched.page, theme);
      await update(watched.page, renderPreview(THEMED_REPORT).bodyHtml);
      const facts = (await watched.page.evaluate(`(() => {
        const luminance = (color) => {
          const [r, g, b] = color.match(/[\\d.]+/g).slice(0, 3).map((value) => Number(value) / 255).map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
          return 0.2126 * r + 0.7152 * g + 0.0722 * b;
        };
        const contrast = (a, b) => { const [x, y] = [luminance(a), luminance(b)].sort((p, q) => q - p); return (x + 0.05) / (y + 0.05); };
        const background = getComputedStyle(document.body).backgroundColor;
        const svg = document.querySelector('svg.pm-chart-svg').getBoundingClientRect();
        const texts = Array.from(document.querySelectorAll('svg.pm-chart-svg text')).map((text) => {
          const box = text.getBoundingClientRect();
          return { text: text.textContent, size: parseFloat(getComputedStyle(text).fontSize) * Math.abs(text.getScreenCTM().d), left: box.left, right: box.right, top: box.top, bottom: box.bottom, contrast: contrast(getComputedStyle(text).fill, background), milestone: !!text.closest('.pm-milestone') };
        });
        const placeholders = Array.from(document.querySelectorAll('.pm-placeholder')).map((element) => ({ text: element.textContent, width: element.getBoundingClientRect().width, contrast: contrast(getComputedStyle(element).color, background) }));
        return { svg: { left: svg.left, right: svg.right }, texts, placeholders };
      })()`)) as {
        svg: { left: number; right: number };
        texts: Array<{ text: string; size: number; left: number; right: number; top: number; bottom: number; contrast: number; milestone: boolean }>;
        placeholders: Array<{ text: string; width: number; contrast: number }>;
      };
      mkdirSync(SCREENSHOTS, { recursive: true });
      const shot = join(SCREENSHOTS, `preview-${theme}.png`);
      await watched.page.screenshot({ path: shot, fullPage: true });
      console.log(`      screenshot: ${shot}`);
      assert.ok(facts.texts.length > 10, 'the chart has its labels');
      for (const text of facts.texts) {
        assert.ok(text.size >= EDITOR_FONT_PX, `"${text.text}" drawn at ${text.size} px, under the editor's ${EDITOR_FONT_PX} px`);
        assert.ok(text.left >= facts.svg.left - 12 && text.right <= facts.svg.right + 12, `"${text.text}" runs out of the chart`);
        assert.ok(text.contrast >= 4.5, `"${text.text}" has contrast ${text.contrast.toFixed(2)}`);
      }
      const labels = facts.texts.filter((text) => text.milestone);
      assert.deepEqual(
        labels.map((label) => label.text.split(' ')[0]),
        ['Start', 'Detected', 'Mitigated', 'Resolved'],
      );
      for (const [i, a] of labels.entries()) {
        for (const b of labels.slice(i + 1))
          assert.ok(a.right <= b.left || b.right <= a.left || a.bottom <= b.top || b.bottom <= a.top, `"${a.text}" overlaps "${b.text}"`);
      }
      assert.deepEqual(
        facts.placeholders.map((placeholder) => placeholder.text),
        ['<describe the impact>', '<describe what happened>'],
      );
      for (const placeholder of facts.placeholders) {
        assert.ok(placeholder.width > 50, `${placeholder.text} is laid out`);
        assert.ok(placeholder.contrast >= 4.5, `${placeholder.text} has contrast ${placeholder.contrast.toFixed(2)}`);
      }
      await assertNothingRan(watched, theme);
      assert.deepEqual(await violations(watched.page), [], 'the theme and the chart need nothing the CSP refuses');
      await watched.page.close();
    });
  }

  it('lets a keyboard or a pointer read each entry: marks are buttons named by their entry, and focus shows it under the chart', async () => {
    const watched = await open();
    await applyTheme(watched.page, 'dark');
    await update(watched.page, renderPreview(THEMED_REPORT).bodyHtml);
    const alert = watched.page.getByRole('button', { name: '4:34 PM, 11 Feb: Search latency alert fires; on-call is paged.' });
    assert.equal(await alert.count(), 1);
    const readout = `${CONTENT}.querySelector('.pm-chart-readout').textContent`;
    // Tab from the top of the page: the first entry, then the next.
    await watched.page.keyboard.press('Tab');
    assert.match(String(await watched.page.evaluate(readout)), /^11:05 AM, 9 Feb \(outside the incident window\): Scheduler change merged\.$/);
    await watched.page.keyboard.press('Tab');
    assert.match(String(await watched.page.evaluate(readout)), /^4:20 PM, 11 Feb: The nightly export starts six hours early\.$/);
    await alert.hover();
    assert.equal(await watched.page.evaluate(readout), '4:34 PM, 11 Feb: Search latency alert fires; on-call is paged.');
    await watched.page.close();
  });

  it('scrolls to the block of a line when the editor scrolls', async () => {
    const watched = await open();
    await watched.page.setViewportSize({ width: 800, height: 300 });
    const text = readFileSync(join(ROOT, 'examples', 'good', 'checkout-latency.md'), 'utf8');
    await update(watched.page, renderPreview(text).bodyHtml);
    assert.equal(await watched.page.evaluate('window.scrollY'), 0);
    await watched.page.evaluate(`window.postMessage({ type: 'scroll', line: 33 }, '*')`);
    await waitFor(watched.page, 'window.scrollY > 0');
    const top = Number(await watched.page.evaluate(`${CONTENT}.querySelector('[data-line="33"]').getBoundingClientRect().top`));
    assert.ok(top >= 0 && top < 20, `line 33's block is at the top (${top})`);
    await watched.page.close();
  });
});
