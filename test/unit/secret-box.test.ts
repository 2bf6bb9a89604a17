import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { electronSecretBox, KEY_FILE_NAME, keyFileSecretBox } from '../../src-main/security/secret-box';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));
const tempDir = () => {
  const d = mkdtempSync(join(tmpdir(), 'petdrop-secret-'));
  dirs.push(d);
  return d;
};

describe('key-file secret box', () => {
  it('round-trips, never stores the plain text, and uses a fresh nonce each time', () => {
    const dir = tempDir();
    const box = keyFileSecretBox(dir);
    const a = box.encrypt('sk_live_top_secret');
    const b = box.encrypt('sk_live_top_secret');
    expect(a.equals(b)).toBe(false);
    expect(a.includes(Buffer.from('sk_live_top_secret'))).toBe(false);
    expect(box.decrypt(a)).toBe('sk_live_top_secret');
    // A second box on the same directory (the next start) reads what the first wrote.
    expect(keyFileSecretBox(dir).decrypt(b)).toBe('sk_live_top_secret');
    expect(statSync(join(dir, KEY_FILE_NAME)).mode & 0o777).toBe(0o600);
    expect(readFileSync(join(dir, KEY_FILE_NAME))).toHaveLength(32);
  });

  it('refuses tampered ciphertext', () => {
    const box = keyFileSecretBox(tempDir());
    const sealed = box.encrypt('api-key-123');
    sealed[sealed.length - 1]! ^= 0xff;
    expect(() => box.decrypt(sealed)).toThrow();
  });

  it('uses the OS keychain under Electron when it is available, the key file otherwise', () => {
    const fake = { isEncryptionAvailable: () => true, encryptString: (s: string) => Buffer.from(`enc:${s}`), decryptString: (b: Buffer) => b.toString().slice(4) };
    expect(electronSecretBox(fake, tempDir()).protection).toBe('os-keychain');
    expect(electronSecretBox({ ...fake, isEncryptionAvailable: () => false }, tempDir()).protection).toBe('key-file');
  });
});
