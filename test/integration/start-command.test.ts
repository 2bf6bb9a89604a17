import { spawn } from 'node:child_process';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { DATABASE_FILE_NAME } from '../../src-main/db/open';
import { validOrder } from '../fixtures/orders';
import { startHostProcess, stopHostProcess } from '../support/host-process';
import { httpRequest } from './support/http';
import { useTempDirs } from './support/temp-dir';

const makeDir = useTempDirs();
const repoRoot = join(import.meta.dirname, '..', '..');

describe('npm start without the Electron binary', () => {
  it('says so in one line, runs the browser host, and an order sent there lands in the SQLite file', async () => {
    const dataDir = makeDir();
    const child = spawn(process.execPath, ['--import', 'tsx', 'src-main/launcher.ts', '--port', '0', '--data-dir', dataDir], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(output)), 30_000);
      child.stdout.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        const match = /running at (\S+)/.exec(output);
        if (match?.[1]) {
          clearTimeout(timer);
          resolve(match[1]);
        }
      });
      child.once('exit', () => reject(new Error(output)));
    });
    try {
      expect(output.split('\n')[0]).toMatch(/^The Electron binary is not installed on this machine, so the desk runs in your browser instead/);
      const { port, hash } = new URL(url);
      const response = await httpRequest(Number(port), {
        method: 'POST', path: '/api/orders.create', body: JSON.stringify({ submit: true, order: validOrder() }),
        headers: { Authorization: `Bearer ${hash.replace('#token=', '')}`, 'Content-Type': 'application/json' },
      });
      expect(response.status).toBe(200);
    } finally {
      await stopHostProcess(child);
    }
    const db = new Database(join(dataDir, DATABASE_FILE_NAME), { readonly: true });
    try {
      expect(db.prepare('SELECT number, customer_name FROM orders').all()).toEqual([{ number: 'PD-1001', customer_name: 'Zoë Müller' }]);
    } finally {
      db.close();
    }
  });

  it('refuses a second process on the same data directory with a clear message', async () => {
    const dataDir = makeDir();
    const first = await startHostProcess(dataDir);
    try {
      const second = spawn(process.execPath, ['--import', 'tsx', 'src-main/server/cli.ts', '--port', '0', '--data-dir', dataDir], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] });
      let stderr = '';
      second.stderr.on('data', (c: Buffer) => { stderr += c.toString(); });
      const code = await new Promise<number | null>((resolve) => second.once('exit', resolve));
      expect(code).toBe(3);
      expect(stderr).toMatch(/PetDrop Desk is already running on .* \(process \d+\)\. Close it first/);
    } finally {
      await stopHostProcess(first.child);
    }
  });
});
