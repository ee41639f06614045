/**
 * The extension's code that loads when first needed, each a bundle of its own beside out/client.js
 * (build.mjs writes them, .vscodeignore keeps them), so that activation loads only out/client.js:
 * the language client (most of the code, loaded just after activation) and the preview's HTML
 * shell (loaded when a preview first opens).
 */
import type { ExtensionContext } from 'vscode';
import type * as LanguageClientModule from './languageClient';
import type * as PreviewShellModule from './preview/shell';

interface Bundles {
  languageClient: typeof LanguageClientModule;
  previewShell: typeof PreviewShellModule;
}

/** The bundle `out/<name>.js` of the extension in `context`; Node caches it after the first call. */
export function loadBundle<K extends keyof Bundles>(context: ExtensionContext, name: K): Bundles[K] {
  // A path esbuild does not follow: the module stays out of out/client.js.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require(context.asAbsolutePath(`out/${name}.js`)) as Bundles[K];
}
