/**
 * The constants both sides of the protocol name are written once (server/src/protocol.ts), and
 * agree with the manifest.
 */
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { CONFIG_FILE_NAME, VERSION } from '../../server/src/protocol';

const MANIFEST = JSON.parse(readFileSync(resolve(__dirname, '..', '..', 'package.json'), 'utf8')) as {
  version: string;
  activationEvents: string[];
  contributes: { jsonValidation: Array<{ fileMatch: string }> };
};

describe('protocol constants', () => {
  it('carry the version package.json declares', () => {
    assert.equal(VERSION, MANIFEST.version);
  });

  it("name the project file as the manifest's schema association does", () => {
    assert.ok(MANIFEST.contributes.jsonValidation.some((entry) => entry.fileMatch === CONFIG_FILE_NAME));
  });
});
