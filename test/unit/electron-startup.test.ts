import type { MessageBoxOptions } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import type { Core } from '../../src-main/core/core';
import { DataDirInUseError } from '../../src-main/core/data-dir-lock';
import type { Logger } from '../../src-main/core/logger';
import { DamagedDatabaseError } from '../../src-main/db/open';
import { openCoreWithRecovery, type OpenCoreWithRecoveryDeps } from '../../src-main/electron-host';

const silent: Logger = { info: () => {}, warn: () => {}, error: () => {} };
const fakeCore = { dataDir: '/data' } as unknown as Core;
const damaged = (lastBackup: string | undefined) =>
  new DamagedDatabaseError('/data/desk.sqlite', 'file is not a database', lastBackup);

/** Deps whose open() plays the given outcomes in turn and whose dialogs click the given button labels. */
function setup(outcomes: Array<Core | Error>, clicks: string[] = []) {
  const dialogs: MessageBoxOptions[] = [];
  const open = vi.fn(() => {
    const next = outcomes.shift();
    if (next === undefined) throw new Error('open() called more often than expected');
    if (next instanceof Error) throw next;
    return next;
  });
  const restoreBackup = vi.fn(() => ({ movedAsideTo: '/data/desk.sqlite.damaged-2025-01-01T00-00-00-000Z' }));
  const deps: OpenCoreWithRecoveryDeps = {
    dataDir: '/data',
    open,
    restoreBackup,
    showMessageBox: async (options) => {
      dialogs.push(options);
      const label = clicks.shift() ?? 'OK';
      const index = options.buttons?.indexOf(label) ?? -1;
      return { response: index >= 0 ? index : (options.cancelId ?? 0) };
    },
    logger: silent,
  };
  return { deps, dialogs, open, restoreBackup };
}

describe('openCoreWithRecovery', () => {
  it('returns the core and shows nothing when it opens', async () => {
    const { deps, dialogs } = setup([fakeCore]);
    await expect(openCoreWithRecovery(deps)).resolves.toBe(fakeCore);
    expect(dialogs).toEqual([]);
  });

  it('explains a data directory in use and gives up', async () => {
    const { deps, dialogs, restoreBackup } = setup([new DataDirInUseError('/data', 4242)]);
    await expect(openCoreWithRecovery(deps)).resolves.toBeUndefined();
    expect(dialogs).toHaveLength(1);
    expect(dialogs[0]?.buttons).toEqual(['Quit']);
    expect(dialogs[0]?.detail).toContain('4242');
    expect(restoreBackup).not.toHaveBeenCalled();
  });

  it('offers only Quit for a damaged database without a backup, and changes nothing', async () => {
    const { deps, dialogs, restoreBackup } = setup([damaged(undefined)]);
    await expect(openCoreWithRecovery(deps)).resolves.toBeUndefined();
    expect(dialogs[0]?.buttons).toEqual(['Quit']);
    expect(dialogs[0]?.message).toMatch(/damaged/);
    expect(dialogs[0]?.detail).toMatch(/has not been changed/);
    expect(restoreBackup).not.toHaveBeenCalled();
  });

  it('offers Restore and Quit when there is a backup, with Quit as the default and cancel answer', async () => {
    const { deps, dialogs, restoreBackup } = setup([damaged('/data/backups/desk-1.sqlite')], ['Quit']);
    await expect(openCoreWithRecovery(deps)).resolves.toBeUndefined();
    expect(dialogs[0]?.buttons).toEqual(['Restore last backup', 'Quit']);
    expect(dialogs[0]?.defaultId).toBe(1);
    expect(dialogs[0]?.cancelId).toBe(1);
    expect(dialogs[0]?.detail).toMatch(/has not been changed/);
    expect(restoreBackup).not.toHaveBeenCalled();
  });

  it('restores the backup when chosen, says where the damaged file went, and reopens', async () => {
    const { deps, dialogs, restoreBackup, open } = setup([damaged('/data/backups/desk-1.sqlite'), fakeCore], ['Restore last backup']);
    await expect(openCoreWithRecovery(deps)).resolves.toBe(fakeCore);
    expect(restoreBackup).toHaveBeenCalledExactlyOnceWith('/data', '/data/backups/desk-1.sqlite');
    expect(open).toHaveBeenCalledTimes(2);
    expect(dialogs[1]?.detail).toContain('desk.sqlite.damaged-2025-01-01T00-00-00-000Z');
  });

  it('restores at most once: a restored database that is damaged too ends in Quit', async () => {
    const { deps, dialogs, restoreBackup } = setup(
      [damaged('/data/backups/desk-1.sqlite'), damaged('/data/backups/desk-1.sqlite')],
      ['Restore last backup', 'OK', 'Restore last backup'],
    );
    await expect(openCoreWithRecovery(deps)).resolves.toBeUndefined();
    expect(restoreBackup).toHaveBeenCalledTimes(1);
    expect(dialogs.at(-1)?.buttons).toEqual(['Quit']);
  });

  it('reports a failed restore and gives up', async () => {
    const { deps, dialogs, restoreBackup } = setup([damaged('/data/backups/desk-1.sqlite')], ['Restore last backup']);
    restoreBackup.mockImplementationOnce(() => {
      throw new Error('The backup desk-1.sqlite is not a healthy database. Nothing was changed.');
    });
    await expect(openCoreWithRecovery(deps)).resolves.toBeUndefined();
    expect(dialogs.at(-1)?.message).toBe('The backup could not be restored');
    expect(dialogs.at(-1)?.detail).toContain('Nothing was changed');
  });

  it('shows any other start-up error and gives up', async () => {
    const { deps, dialogs } = setup([new Error('disk full')]);
    await expect(openCoreWithRecovery(deps)).resolves.toBeUndefined();
    expect(dialogs[0]?.detail).toBe('disk full');
  });
});
