import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Encrypts supplier credentials at rest. Under Electron the OS keychain protects the key (safeStorage);
 * the browser host has no keychain, so its key lives in a file in the data directory: anyone who can read
 * that directory can read the secrets, and the UI says so.
 */
export interface SecretBox {
  readonly protection: 'os-keychain' | 'key-file';
  encrypt(plain: string): Buffer;
  decrypt(ciphertext: Buffer): string;
}

export const KEY_FILE_NAME = 'secrets.key';
const FORMAT_VERSION = 1;
const IV_BYTES = 12;
const TAG_BYTES = 16;

function loadOrCreateKey(dataDir: string): Buffer {
  const path = join(dataDir, KEY_FILE_NAME);
  if (existsSync(path)) {
    const key = readFileSync(path);
    if (key.length !== 32) throw new Error(`The key file ${path} is damaged (wrong length); stored supplier credentials cannot be read.`);
    return key;
  }
  mkdirSync(dataDir, { recursive: true });
  const key = randomBytes(32);
  // wx: never overwrite a key another process just wrote; 0600: only this user may read it.
  writeFileSync(path, key, { mode: 0o600, flag: 'wx' });
  chmodSync(path, 0o600);
  return key;
}

/** AES-256-GCM with a random nonce per secret: version | iv | tag | ciphertext. */
export function keyFileSecretBox(dataDir: string): SecretBox {
  let key: Buffer | undefined;
  const getKey = () => (key ??= loadOrCreateKey(dataDir));
  return {
    protection: 'key-file',
    encrypt(plain) {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv('aes-256-gcm', getKey(), iv);
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return Buffer.concat([Buffer.from([FORMAT_VERSION]), iv, cipher.getAuthTag(), body]);
    },
    decrypt(ciphertext) {
      if (ciphertext[0] !== FORMAT_VERSION) throw new Error('A stored credential has an unknown format.');
      const iv = ciphertext.subarray(1, 1 + IV_BYTES);
      const tag = ciphertext.subarray(1 + IV_BYTES, 1 + IV_BYTES + TAG_BYTES);
      const decipher = createDecipheriv('aes-256-gcm', getKey(), iv);
      decipher.setAuthTag(tag);
      return Buffer.concat([decipher.update(ciphertext.subarray(1 + IV_BYTES + TAG_BYTES)), decipher.final()]).toString('utf8');
    },
  };
}

/** The part of Electron's safeStorage the desk uses (injected, so this module never imports electron). */
export interface SafeStorageLike {
  isEncryptionAvailable(): boolean;
  encryptString(plain: string): Buffer;
  decryptString(ciphertext: Buffer): string;
}

/** The OS keychain where Electron has one; otherwise the key file, and the UI shows the weaker protection. */
export function electronSecretBox(safeStorage: SafeStorageLike, dataDir: string): SecretBox {
  if (!safeStorage.isEncryptionAvailable()) return keyFileSecretBox(dataDir);
  return {
    protection: 'os-keychain',
    encrypt: (plain) => safeStorage.encryptString(plain),
    decrypt: (ciphertext) => safeStorage.decryptString(ciphertext),
  };
}
