import { homedir } from 'node:os';
import { join } from 'node:path';

export const APP_NAME = 'PetDrop Desk';

/**
 * The platform's app-data folder for the app, computed the way Electron computes app.getPath('userData')
 * (appData + productName), so `npm start` under Electron and `npm run serve` share one database.
 */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  if (platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), APP_NAME);
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', APP_NAME);
  return join(env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), APP_NAME);
}
