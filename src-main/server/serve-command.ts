import { parseArgs } from 'node:util';
import { defaultDataDir } from '../core/data-dir';
import { consoleLogger } from '../core/logger';
import { restoreBackup } from '../db/restore-backup';
import { runBrowserHost, StartupError } from './run-browser-host';

const USAGE = `Usage: npm run serve -- [--port N] [--data-dir DIR] [--restore-backup FILE]
  --port            port on 127.0.0.1 (default: a free one)
  --data-dir        where the desk keeps its database (default: ${defaultDataDir()})
  --restore-backup  move a damaged database aside and put this backup in its place`;

/** `npm run serve`: the browser host, run explicitly. Also what `npm start` falls back to. */
export async function serveFromCommandLine(argv: string[]): Promise<void> {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        port: { type: 'string', default: '0' },
        'data-dir': { type: 'string' },
        'restore-backup': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (error) {
    console.error(`${(error as Error).message}\n${USAGE}`);
    process.exit(2);
  }
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`--port must be a whole number from 0 to 65535, not "${values.port}".`);
    process.exit(2);
  }
  const dataDir = values['data-dir'] ?? defaultDataDir();
  const logger = consoleLogger();
  if (values['restore-backup']) {
    try {
      const { movedAsideTo } = restoreBackup(dataDir, values['restore-backup']);
      console.log(`Restored ${values['restore-backup']}. The damaged database was kept as ${movedAsideTo}.`);
    } catch (error) {
      // restoreBackup's errors are sentences for the user ("... Nothing was changed.").
      console.error(error instanceof Error ? error.message : String(error));
      process.exit(4);
    }
  }
  try {
    const running = await runBrowserHost({ dataDir, port, logger });
    // Tests and scripts read this exact line to find the URL.
    console.log(`PetDrop Desk is running at ${running.host.url}`);
    console.log(`Data directory: ${dataDir}. Press Ctrl+C to stop.`);
    let stopping = false;
    const stop = () => {
      if (stopping) return;
      stopping = true;
      running.stop().then(() => process.exit(0), () => process.exit(1));
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  } catch (error) {
    if (error instanceof StartupError) {
      console.error(error.message);
      process.exit(error.exitCode);
    }
    throw error;
  }
}
