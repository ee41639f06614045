/**
 * A tiny `h()` for building hast by hand. hastscript is not a dependency, and the preview needs only
 * elements, text and properties: every string child becomes a text node, so document text can never
 * turn into markup however it is spelled.
 */
import type { Element, ElementContent, Properties } from 'hast';

export type Child = ElementContent | string | number | null | undefined | false;

/**
 * Looser than hast's `Properties`, which types SVG geometry as strings: numbers stringify the same, and
 * the chart is clearer with them.
 */
export type Props = Record<string, string | number | boolean | Array<string | number> | null | undefined>;

export function h(tagName: string, properties: Props = {}, children: Child[] = []): Element {
  const content: ElementContent[] = [];
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    content.push(typeof child === 'object' ? child : { type: 'text', value: String(child) });
  }
  return { type: 'element', tagName, properties: properties as Properties, children: content };
}
