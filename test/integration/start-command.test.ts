import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
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

/** Runs `npm run serve`'s entry until it exits; for start-up refusals. */
function serveUntilExit(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src-main/server/cli.ts', ...args], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (c: Buffer) => { stdout += c.toString(); });
  child.stderr.on('data', (c: Buffer) => { stderr += c.toString(); });
  return new Promise((resolve) => child.once('exit', (code) => resolve({ code, stdout, stderr })));
}

describe('npm run serve refusing to start', () => {
  it('on a damaged database: says so, names the restore command, and the restore brings the orders back', async () => {
    const dataDir = makeDir();
    // A desk with one order, then a migration-time backup of it, then damage.
    const { openDatabase } = await import('../../src-main/db/open');
    const { takeVerifiedBackup } = await import('../../src-main/db/backup');
    const { db } = openDatabase(dataDir);
    db.exec("INSERT INTO customers (name, email, created_at) VALUES ('Ana', 'ana@example.com', 0)");
    const backup = takeVerifiedBackup(db, dataDir, 'test');
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.close();
    const path = join(dataDir, DATABASE_FILE_NAME);
    writeFileSync(path, Buffer.alloc(8192, 0x5a));

    const refused = await serveUntilExit(['--port', '0', '--data-dir', dataDir]);
    expect(refused.code).toBe(4);
    expect(refused.stderr).toMatch(/is damaged .* It has not been changed\. The last backup is /s);
    expect(refused.stderr).toContain(`--restore-backup "${backup}"`);
    expect(refused.stderr).not.toMatch(/\n\s+at /);
    expect(readFileSync(path).equals(Buffer.alloc(8192, 0x5a))).toBe(true);

    const restoredRun = spawn(process.execPath, ['--import', 'tsx', 'src-main/server/cli.ts', '--port', '0', '--data-dir', dataDir, '--restore-backup', backup], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    await new Promise<void>((resolve, reject) => {
      restoredRun.stdout.on('data', (c: Buffer) => {
        out += c.toString();
        if (out.includes('running at')) resolve();
      });
      restoredRun.once('exit', () => reject(new Error(out)));
    });
    await stopHostProcess(restoredRun);
    expect(out).toMatch(/Restored .* The damaged database was kept as .*damaged-/);
    const restored = new Database(path, { readonly: true });
    expect(restored.prepare('SELECT name FROM customers').all()).toEqual([{ name: 'Ana' }]);
    restored.close();
  });

  it('on a port in use: one sentence, no stack', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const { port } = blocker.address() as AddressInfo;
    try {
      const result = await serveUntilExit(['--port', String(port), '--data-dir', makeDir()]);
      expect(result.code).toBe(5);
      expect(result.stderr.trim()).toBe(`Port ${port} on 127.0.0.1 is already in use. Choose another with --port, or 0 for any free port.`);
    } finally {
      blocker.close();
    }
  });
});
