import {
  createCipheriv,
  createDecipheriv,
  hkdfSync,
  randomBytes,
  type CipherGCM,
  type DecipherGCM,
} from 'node:crypto';
import {
  closeSync,
  createReadStream,
  createWriteStream,
  fstatSync,
  openSync,
  readFileSync,
  readSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { makePrivateFile, PRIVATE_FILE_MODE } from './file-modes.ts';

/**
 * An encrypted backup file: a 36-byte header, the database encrypted with AES-256-GCM, and the
 * 16-byte tag.
 *
 *   "LUOTBAK" | format version (1 byte) | salt (16) | nonce (12) | ciphertext … | tag (16)
 *
 * The file key is HKDF-SHA256(operator key, salt), so no two backups share a key even if a
 * nonce repeated; the header is authenticated too (additional data), so a changed version or
 * salt is refused like a changed byte of the database.
 */
const MAGIC = Buffer.from('LUOTBAK', 'latin1');
const FORMAT_VERSION = 1;
const SALT_BYTES = 16;
const NONCE_BYTES = 12;
const TAG_BYTES = 16;
const HEADER_BYTES = MAGIC.length + 1 + SALT_BYTES + NONCE_BYTES;
const KEY_BYTES = 32;

/** Why a backup could not be opened; the message is for the operator. */
export class BackupError extends Error {}

/** A new operator key: 32 random bytes, written base64 on one line (0600). */
export function writeNewKey(path: string): void {
  // 'wx': an existing key is never replaced (backups made with it would be lost).
  writeFileSync(path, `${randomBytes(KEY_BYTES).toString('base64')}\n`, {
    mode: PRIVATE_FILE_MODE,
    flag: 'wx',
  });
  makePrivateFile(path);
}

/**
 * Reads an operator key file: 32 bytes written base64 (as `luot backup-key` makes it), or the
 * 32 bytes themselves.
 */
export function readKey(path: string): Buffer {
  const raw = readFileSync(path);
  if (raw.length === KEY_BYTES) return raw;
  const text = raw.toString('latin1').trim();
  const decoded = Buffer.from(text, 'base64');
  if (/^[A-Za-z0-9+/]+={0,2}$/.test(text) && decoded.length === KEY_BYTES) return decoded;
  throw new BackupError(
    `${path} is not a backup key (32 bytes, base64; make one with luot backup-key)`,
  );
}

const fileKey = (key: Buffer, salt: Buffer) =>
  Buffer.from(hkdfSync('sha256', key, salt, 'luot backup v1', KEY_BYTES));

/** Encrypts `source` into `destination` (created 0600, never overwritten), streaming. */
export async function encryptFile(source: string, destination: string, key: Buffer): Promise<void> {
  const salt = randomBytes(SALT_BYTES);
  const nonce = randomBytes(NONCE_BYTES);
  const header = Buffer.concat([MAGIC, Buffer.from([FORMAT_VERSION]), salt, nonce]);
  const cipher = createCipheriv('aes-256-gcm', fileKey(key, salt), nonce) as CipherGCM;
  cipher.setAAD(header);
  const out = createWriteStream(destination, { flags: 'wx', mode: PRIVATE_FILE_MODE });
  out.write(header);
  await pipeline(createReadStream(source), cipher, out, { end: false });
  await new Promise<void>((resolve, reject) =>
    out.end(cipher.getAuthTag(), () => resolve()).once('error', reject),
  );
  makePrivateFile(destination);
}

/**
 * Decrypts a backup into `destination` (0600). The tag is checked at the end of the stream:
 * a wrong key or a changed byte anywhere throws `BackupError`, and the partly written
 * destination is removed, so nothing unauthenticated is left behind.
 */
export async function decryptFile(source: string, destination: string, key: Buffer): Promise<void> {
  const fd = openSync(source, 'r');
  let header: Buffer;
  let tag: Buffer;
  let size: number;
  try {
    size = fstatSync(fd).size;
    if (size < HEADER_BYTES + TAG_BYTES) throw new BackupError(`${source} is not a Lượt backup`);
    header = Buffer.alloc(HEADER_BYTES);
    readSync(fd, header, 0, HEADER_BYTES, 0);
    tag = Buffer.alloc(TAG_BYTES);
    readSync(fd, tag, 0, TAG_BYTES, size - TAG_BYTES);
  } finally {
    closeSync(fd);
  }
  if (!header.subarray(0, MAGIC.length).equals(MAGIC))
    throw new BackupError(`${source} is not a Lượt backup`);
  const version = header[MAGIC.length];
  if (version !== FORMAT_VERSION)
    throw new BackupError(
      `${source} is a backup of format ${version}, which this version cannot read`,
    );
  const salt = header.subarray(MAGIC.length + 1, MAGIC.length + 1 + SALT_BYTES);
  const nonce = header.subarray(MAGIC.length + 1 + SALT_BYTES);
  const decipher = createDecipheriv('aes-256-gcm', fileKey(key, salt), nonce) as DecipherGCM;
  decipher.setAAD(header);
  decipher.setAuthTag(tag);
  try {
    await pipeline(
      createReadStream(source, { start: HEADER_BYTES, end: size - TAG_BYTES - 1 }),
      decipher,
      createWriteStream(destination, { flags: 'wx', mode: PRIVATE_FILE_MODE }),
    );
  } catch (err) {
    rmSync(destination, { force: true });
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') throw err;
    throw new BackupError(
      `${source} cannot be opened with this key: the key is wrong or the file was changed or damaged`,
    );
  }
  makePrivateFile(destination);
}
