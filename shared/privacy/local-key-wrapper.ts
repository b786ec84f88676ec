/**
 * The master key of a one-machine install: 256 random bits in a file under DATA_DIR (mode
 * 0600), made on first use. Several processes may start at once; all must end up with the same
 * key, or the keys one wraps are lost to the others.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { link, mkdir, readFile, unlink, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { open, seal } from './field-cipher.ts';
import { KEY_WRAP_CONTEXT, type KeyWrapper } from './key-wrapper.ts';

/** Tells a locally wrapped key from a KMS one, so a switch of wrapper fails with a clear message. */
const PREFIX = 'local:';
const ASSOCIATED_DATA = `doanthe/${KEY_WRAP_CONTEXT.purpose}`;

interface MasterKeyFile {
  readonly version: 1;
  /** base64url */
  readonly key: string;
}

export class LocalKeyWrapper implements KeyWrapper {
  private masterKey: Promise<Buffer> | undefined;

  /** `path`: the master key file, e.g. `<DATA_DIR>/keys/master-key.json`. */
  constructor(private readonly path: string) {}

  async wrap(key: Buffer): Promise<string> {
    return PREFIX + seal(key.toString('base64url'), await this.key(), ASSOCIATED_DATA);
  }

  async unwrap(wrapped: string): Promise<Buffer> {
    if (!wrapped.startsWith(PREFIX))
      throw new Error('This key was not wrapped by the local master key (is KMS_KEY_ID missing?)');
    const opened = open(wrapped.slice(PREFIX.length), await this.key(), ASSOCIATED_DATA);
    return Buffer.from(opened, 'base64url');
  }

  private key(): Promise<Buffer> {
    this.masterKey ??= this.load().catch((error: unknown) => {
      this.masterKey = undefined;
      throw error;
    });
    return this.masterKey;
  }

  private async load(): Promise<Buffer> {
    const stored = (await this.read()) ?? (await this.createIfAbsent());
    const parsed = JSON.parse(stored) as Partial<MasterKeyFile>;
    const key = Buffer.from(parsed.key ?? '', 'base64url');
    if (parsed.version !== 1 || key.length !== 32)
      throw new Error(`${this.path} does not hold a 256-bit master key; restore it from a backup`);
    return key;
  }

  private async read(): Promise<string | undefined> {
    try {
      return await readFile(this.path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
  }

  // Written whole to a private temporary file, then hard-linked into place: link() fails when
  // the name exists, so exactly one process wins, and nobody can read a half-written file (as
  // with an exclusive create followed by a write).
  private async createIfAbsent(): Promise<string> {
    const content: MasterKeyFile = { version: 1, key: randomBytes(32).toString('base64url') };
    await mkdir(dirname(this.path), { recursive: true, mode: 0o700 });
    const temporary = `${this.path}.${randomUUID()}.tmp`;
    await writeFile(temporary, JSON.stringify(content), { flag: 'wx', mode: 0o600 });
    try {
      await link(temporary, this.path);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    } finally {
      await unlink(temporary);
    }
    const stored = await this.read();
    if (stored === undefined) throw new Error(`${this.path} vanished while it was being created`);
    return stored;
  }
}
