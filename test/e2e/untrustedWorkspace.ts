/**
 * The folder the untrusted-workspace suite opens in Restricted Mode: a report, workspace
 * settings that change what is reported, and a team folder whose broken .postmortemrc.json
 * names scripts. Every script here, if anything ran it, would write EXECUTED_MARKER.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const EXECUTED_MARKER = 'EXECUTED-FROM-WORKSPACE';

const REPORT = [
  '# Postmortem: Search outage',
  '',
  '## Summary',
  '',
  'From 10:15 to 10:45 UTC searches failed.',
  '',
  '## Timeline (all times UTC)',
  '',
  '- 10:15: Alert fired.',
  '- 10:30: Rolled back the deploy.',
  '- 10:20: Cause found.',
  '- 10:45: Service restored.',
  '',
  '##Resolution',
  '',
  'Rolled back.',
  '',
].join('\n');

export function prepareUntrustedWorkspace(folder: string): void {
  const script = (name: string): string =>
    `require('node:fs').writeFileSync(require('node:path').join(${JSON.stringify(folder)}, ${JSON.stringify(EXECUTED_MARKER)}), ${JSON.stringify(name)});\n`;
  mkdirSync(join(folder, 'postmortems'), { recursive: true });
  mkdirSync(join(folder, '.vscode'), { recursive: true });
  mkdirSync(join(folder, 'team', 'postmortems'), { recursive: true });
  writeFileSync(join(folder, 'postmortems', 'report.md'), REPORT);
  writeFileSync(join(folder, '.vscode', 'settings.json'), JSON.stringify({ 'postmortem.rules': { 'out-of-order': 'off' } }, null, 2));
  writeFileSync(join(folder, 'team', 'postmortems', 'report.md'), REPORT);
  writeFileSync(join(folder, 'team', '.postmortemrc.json'), JSON.stringify({ rules: { 'heading-space': 'error' }, plugins: ['./plugin.js'] }, null, 2));
  writeFileSync(join(folder, 'team', 'plugin.js'), script('team/plugin.js'));
  // Names a project might plausibly try to load as configuration.
  for (const name of ['.postmortemrc.js', 'postmortem.config.js', '.postmortemrc.cjs']) writeFileSync(join(folder, name), script(name));
  writeFileSync(
    join(folder, 'package.json'),
    JSON.stringify({ name: 'untrusted', scripts: { postinstall: `node -e "${script('postinstall').replace(/"/g, '\\"')}"` } }),
  );
}
