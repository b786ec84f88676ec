/** Signing keys in a file under DATA_DIR, readable by its owner only. */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { KeyStore } from './key-store.ts';

export class FileKeyStore implements KeyStore {
  constructor(private readonly path: string) {}

  async read(): Promise<string | undefined> {
    try {
      return await readFile(this.path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
  }

  async createIfAbsent(value: string): Promise<string> {
    await mkdir(dirname(this.path), { recursive: true, mode: 0o700 });
    try {
      // 'wx' fails when the file exists: two processes starting at once keep one key set.
      await writeFile(this.path, value, { flag: 'wx', mode: 0o600 });
      return value;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      return (await this.read()) ?? value;
    }
  }
}
