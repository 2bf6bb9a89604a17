import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

const repoRoot = join(import.meta.dirname, '..', '..');

/** A real other process that takes the data-dir lock and keeps it until killed. */
export async function holdLockInAnotherProcess(dataDir: string): Promise<ChildProcess> {
  const script = `import { lockDataDir } from ${JSON.stringify(join(repoRoot, 'src-main/core/data-dir-lock.ts'))};
    lockDataDir(${JSON.stringify(dataDir)}); console.log('locked'); setInterval(() => {}, 60000);`;
  const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] });
  await new Promise<void>((resolve, reject) => {
    let output = '';
    child.stdout?.on('data', (c: Buffer) => {
      output += c.toString();
      if (output.includes('locked')) resolve();
    });
    child.stderr?.on('data', (c: Buffer) => { output += c.toString(); });
    child.once('exit', () => reject(new Error(`lock holder exited: ${output}`)));
  });
  child.removeAllListeners('exit');
  return child;
}
