import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { serveFromCommandLine } from './server/serve-command';

/**
 * `npm start`: the Electron app where its binary is installed; otherwise one line saying so, and the
 * browser host on the same data directory instead.
 */
function electronBinary(): string | undefined {
  try {
    // The electron package's main export is the binary's path; it throws when the binary was never downloaded.
    const path = createRequire(import.meta.url)('electron') as unknown;
    return typeof path === 'string' ? path : undefined;
  } catch {
    return undefined;
  }
}

const binary = electronBinary();
if (binary) {
  const appRoot = fileURLToPath(new URL('..', import.meta.url));
  const child = spawn(binary, [appRoot, ...process.argv.slice(2)], { stdio: 'inherit' });
  child.on('exit', (code) => process.exit(code ?? 0));
} else {
  console.log('The Electron binary is not installed on this machine, so the desk runs in your browser instead: open the URL below.');
  serveFromCommandLine(process.argv.slice(2)).catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
