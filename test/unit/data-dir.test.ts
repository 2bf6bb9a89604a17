import { homedir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { APP_NAME, defaultDataDir } from '../../src-main/core/data-dir';
import packageJson from '../../package.json';

describe('the default data directory', () => {
  it('is named after the product, as Electron names userData (appData + productName)', () => {
    expect(APP_NAME).toBe(packageJson.productName);
  });

  it.each<[NodeJS.Platform, NodeJS.ProcessEnv, string]>([
    ['linux', { XDG_CONFIG_HOME: '/cfg' }, join('/cfg', 'PetDrop Desk')],
    ['linux', {}, join(homedir(), '.config', 'PetDrop Desk')],
    ['darwin', {}, join(homedir(), 'Library', 'Application Support', 'PetDrop Desk')],
    ['win32', { APPDATA: 'C:\\\\Users\\\\ana\\\\AppData\\\\Roaming' }, join('C:\\\\Users\\\\ana\\\\AppData\\\\Roaming', 'PetDrop Desk')],
  ])('on %s with %j is %s', (platform, env, expected) => {
    expect(defaultDataDir(env, platform)).toBe(expected);
  });
});
