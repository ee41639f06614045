/**
 * The documents the language client sends the server: every Markdown document (the server decides
 * which are postmortems) and the postmortem language. In a module of its own so that the parts of
 * the extension that load at activation need not load the language client to know it.
 */
export const DOCUMENT_SELECTOR = [
  { language: 'postmortem' },
  { language: 'markdown', scheme: 'file' },
  { language: 'markdown', scheme: 'untitled' },
  { language: 'markdown', scheme: 'vscode-remote' },
];
