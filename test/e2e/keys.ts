/**
 * How the in-editor suite asks the code-server runner to press keys in the browser, as a user would: the
 * extension host cannot. A console line starting with this prefix names the chords, space-separated.
 */
export const PRESS_PREFIX = '@@postmortem-press ';
