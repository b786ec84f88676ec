/**
 * The national ID vault over the real table: who can open what, which hashes match, and that
 * concurrent first uses — in one process or several — settle on one set of keys.
 */
import { randomUUID } from 'node:crypto';
import { mkdtemp, readdir, readFile, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { toTenantId } from '../../shared/domain/tenant-id.ts';
import { SealedValueError } from '../../shared/privacy/field-cipher.ts';
import { LocalKeyWrapper } from '../../shared/privacy/local-key-wrapper.ts';
import { NationalIdVault } from '../../shared/privacy/national-id-vault.ts';
import { createTestApp, type TestApp } from '../setup/test-app.ts';

const ID = '087085001234';

let t: TestApp;
let masterKeyFile: string;

beforeAll(async () => {
  t = await createTestApp();
  masterKeyFile = join(t.env.DATA_DIR, 'keys', 'master-key.json');
});

/** A province no other test touches, so its keys are made by the test that uses it. */
const freshProvince = () => `p${randomUUID().slice(0, 8)}`;

describe('the national ID vault', () => {
  it('hashes one number alike in every organization of a province, and differently in another province', async () => {
    // Prepare
    const province = freshProvince();
    const ciphers = await Promise.all(
      ['farmers', 'women', 'veterans', 'youth', 'front'].map((kind) =>
        t.deps.nationalIds.cipherFor(toTenantId(`${province}:${kind}`)),
      ),
    );
    const elsewhere = await t.deps.nationalIds.cipherFor(toTenantId(`${freshProvince()}:farmers`));

    // Act
    const hashes = ciphers.map((cipher) => cipher.hash(ID));

    // Assess
    expect(new Set(hashes).size).toBe(1);
    expect(elsewhere.hash(ID)).not.toBe(hashes[0]);
    expect(ciphers[0]?.hash('087085001235')).not.toBe(hashes[0]);
  });

  it('seals so that only the sealing tenant opens, even within its province', async () => {
    // Prepare
    const province = freshProvince();
    const farmers = await t.deps.nationalIds.cipherFor(toTenantId(`${province}:farmers`));
    const women = await t.deps.nationalIds.cipherFor(toTenantId(`${province}:women`));
    const otherFarmers = await t.deps.nationalIds.cipherFor(toTenantId(`${freshProvince()}:farmers`));

    // Act
    const sealed = farmers.seal(ID);

    // Assess
    expect(sealed).not.toContain(ID);
    expect(farmers.open(sealed)).toBe(ID);
    expect(() => women.open(sealed)).toThrow(SealedValueError);
    expect(() => otherFarmers.open(sealed)).toThrow(SealedValueError);
  });

  it('seals the one spelling of a number, and refuses what is not one', async () => {
    // Prepare
    const cipher = await t.deps.nationalIds.cipherFor(toTenantId(`${freshProvince()}:youth`));

    // Act & Assess
    expect(cipher.open(cipher.seal(' 087 085 001 234'))).toBe(ID);
    expect(() => cipher.seal('08708500123')).toThrow(RangeError);
  });

  it('refuses the platform tenant, which has no province to hash for', async () => {
    // Act & Assess
    await expect(t.deps.nationalIds.cipherFor(toTenantId('platform'))).rejects.toThrow(/no province/);
  });

  it('settles concurrent first uses, in one process and across processes, on one set of keys', async () => {
    // Prepare
    const province = freshProvince();
    const tenant = toTenantId(`${province}:farmers`);
    const sibling = toTenantId(`${province}:women`);
    const processes = Array.from(
      { length: 10 },
      () => new NationalIdVault(t.deps.table, new LocalKeyWrapper(masterKeyFile)),
    );

    // Act
    const ciphers = await Promise.all([
      ...processes.map((vault) => vault.cipherFor(tenant)),
      ...Array.from({ length: 10 }, () => t.deps.nationalIds.cipherFor(tenant)),
    ]);
    const siblings = await Promise.all(processes.map((vault) => vault.cipherFor(sibling)));
    const later = await new NationalIdVault(t.deps.table, new LocalKeyWrapper(masterKeyFile)).cipherFor(
      tenant,
    );

    // Assess
    const all = [...ciphers, later];
    expect(new Set([...all, ...siblings].map((cipher) => cipher.hash(ID))).size).toBe(1);
    for (const sealer of all) {
      const sealed = sealer.seal(ID);
      for (const opener of all) expect(opener.open(sealed)).toBe(ID);
    }
  });
});

describe('the local master key', () => {
  it('is created once, readable by its owner only, when many wrappers start at once', async () => {
    // Prepare
    const dir = join(await mkdtemp(join(tmpdir(), 'doanthe-keys-')), 'keys');
    const file = join(dir, 'master-key.json');
    const wrappers = Array.from({ length: 40 }, () => new LocalKeyWrapper(file));
    const key = Buffer.alloc(32, 9);

    // Act
    // Staggered by event-loop turns, so that some find no file while others are half-way through
    // making it: started all at once, even wrappers that overwrite each other's file agree.
    const wrapped = await Promise.all(
      wrappers.map(async (wrapper, i) => {
        for (let hop = 0; hop < i; hop++) await new Promise((resolve) => setImmediate(resolve));
        return wrapper.wrap(key);
      }),
    );
    const stored = await readFile(file, 'utf8');

    // Assess
    for (const wrapper of [...wrappers, new LocalKeyWrapper(file)])
      for (const w of wrapped) expect((await wrapper.unwrap(w)).equals(key)).toBe(true);
    expect(await readFile(file, 'utf8')).toBe(stored);
    expect(await readdir(dir)).toEqual(['master-key.json']);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect((await stat(dir)).mode & 0o777).toBe(0o700);
  });

  it('refuses a key that another master key wrapped', async () => {
    // Prepare
    const other = new LocalKeyWrapper(
      join(await mkdtemp(join(tmpdir(), 'doanthe-keys-')), 'master-key.json'),
    );
    const wrapped = await other.wrap(Buffer.alloc(32, 1));

    // Act & Assess
    await expect(new LocalKeyWrapper(masterKeyFile).unwrap(wrapped)).rejects.toThrow(SealedValueError);
  });
});
