import { serveFromCommandLine } from './serve-command';

// Entry point of `npm run serve`.
serveFromCommandLine(process.argv.slice(2)).catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
