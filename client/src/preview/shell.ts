/**
 * The webview's HTML shell: a CSP, our stylesheet, an empty content element and our one nonce'd script.
 * Pure, so the browser safety test loads exactly what the panel shows. Built as hast like the content,
 * so no value (a URI, the nonce) can break out of its attribute.
 *
 * The shell carries no document content: that arrives by `postMessage({type: 'update', html})`.
 */
import { randomBytes } from 'node:crypto';
import type { Element, Properties, Root } from 'hast';
import rehypeStringify from 'rehype-stringify';
import { unified } from 'unified';

/** An element of the shell: a handful, with attributes and no text but the title. */
function h(tagName: string, properties: Record<string, string | string[]> = {}, children: Array<Element | string> = []): Element {
  return {
    type: 'element',
    tagName,
    properties: properties as Properties,
    children: children.map((child) => (typeof child === 'string' ? { type: 'text', value: child } : child)),
  };
}

export interface ShellOptions {
  /** `webview.cspSource`: the origin our own media is served from. */
  cspSource: string;
  /** A fresh random value per shell, from `createNonce`. */
  nonce: string;
  /** `webview.asWebviewUri` of media/preview.js and media/preview.css. */
  scriptUri: string;
  styleUri: string;
  /** Let `img-src` reach https (only with `RenderOptions.allowRemoteImages`). */
  allowRemoteImages?: boolean;
}

export function createNonce(): string {
  return randomBytes(18).toString('base64');
}

/**
 * Nothing by default; styles and images only from our own media; scripts only with the nonce, so an inline
 * script or an `on*=` attribute that got past the sanitiser still would not run. No `data:` images: the
 * renderer never emits them and the chart is inline SVG. `base-uri` and `form-action` close the two
 * holes `default-src` does not cover.
 */
export function contentSecurityPolicy(options: ShellOptions): string {
  const images = [options.cspSource, ...(options.allowRemoteImages ? ['https:'] : [])];
  return [
    "default-src 'none'",
    `img-src ${images.join(' ')}`,
    `style-src ${options.cspSource}`,
    `font-src ${options.cspSource}`,
    `script-src 'nonce-${options.nonce}'`,
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
}

export function buildShell(options: ShellOptions): string {
  const tree: Root = {
    type: 'root',
    children: [
      { type: 'doctype' },
      h('html', { lang: 'en' }, [
        h('head', {}, [
          h('meta', { charSet: 'utf-8' }),
          h('meta', { httpEquiv: 'Content-Security-Policy', content: contentSecurityPolicy(options) }),
          h('meta', { name: 'viewport', content: 'width=device-width, initial-scale=1' }),
          h('link', { rel: 'stylesheet', href: options.styleUri }),
          h('title', {}, ['Postmortem preview']),
        ]),
        h('body', {}, [h('main', { id: 'pm-content', className: ['pm-content'] }), h('script', { nonce: options.nonce, src: options.scriptUri })]),
      ]),
    ],
  };
  return unified().use(rehypeStringify).stringify(tree);
}
