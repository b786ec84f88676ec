/**
 * `npm run backfill-account-index` on accounts written before their profile had its
 * `<tenant>#USERS` index entry: it finds them (by Scan, the script's alone), lists them without
 * `--apply`, gives them the entry with it, adds nothing when repeated — after which the map
 * migration finds such an officer and moves it off the hamlet id it renames.
 */
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { toTenantId } from '../../shared/domain/tenant-id.ts';
import { migrateMap } from '../../shared/migrations/map-migration.ts';
import { type Account, AccountRepository } from '../../shared/store/repositories/accounts.ts';
import { UnitRepository } from '../../shared/store/repositories/units.ts';
import { writeOldAccount, writeOldUnits } from '../setup/old-layout.ts';
import { appWithProvinces } from '../setup/scene.ts';
import { createOfficer, type TestApp, testHamlet } from '../setup/test-app.ts';

const FARMERS = toTenantId('alpha:farmers');
const WOMEN = toTenantId('alpha:women');

/** A women's officer of their own "ấp mỹ phú" (28261-05), which the map migration renames 28261-01. */
const OLD_OFFICER: Account = {
  userId: randomUUID(),
  username: 'women.oldphu',
  tenantId: WOMEN,
  role: 'unit_officer',
  scope: { unitId: '28261-05' },
  displayName: 'Cán bộ ấp Mỹ Phú',
  passwordHash: 'not-a-real-hash',
  createdAt: '2024-05-01T00:00:00.000Z',
};

let t: TestApp;
const accounts = () => new AccountRepository(t.deps.table);
const listedWomen = async () => (await accounts().ofTenant(WOMEN, 100)).items.map((a) => a.username).sort();

/** The command as an operator runs it, against this test's table. */
async function backfill(...args: string[]): Promise<string[]> {
  const { stdout } = await promisify(execFile)(
    process.execPath,
    ['--import', 'tsx', 'scripts/backfill-account-index-scan.ts', ...args],
    {
      env: {
        ...process.env,
        DYNAMODB_ENDPOINT: t.env.DYNAMODB_ENDPOINT,
        TABLE_NAME: t.env.TABLE_NAME,
        POWERTOOLS_LOG_LEVEL: 'SILENT',
      },
    },
  );
  return stdout.trim().split('\n');
}

beforeAll(async () => {
  t = await appWithProvinces(['alpha']);
  // Prepare: the farmers' and the women's own Ấp Mỹ Phú of before the map, under two ids.
  const shared = (await new UnitRepository(t.deps.table.forTenant(FARMERS)).all()).filter(
    (unit) => unit.level !== 'hamlet',
  );
  await writeOldUnits(t.deps.table.forTenant(FARMERS), [
    ...shared,
    testHamlet('28261-01', '28261', 'Ấp Mỹ Phú'),
  ]);
  await writeOldUnits(t.deps.table.forTenant(WOMEN), [
    ...shared,
    testHamlet('28261-05', '28261', 'ấp mỹ phú'),
  ]);
  // One officer of that hamlet written the old way, one the way accounts are written today.
  await writeOldAccount(t.deps.table, OLD_OFFICER);
  await createOfficer(t, {
    username: 'women.newphu',
    tenantId: WOMEN,
    role: 'unit_officer',
    scope: { unitId: '28261-05' },
  });
});

describe('backfilling the accounts’ index', () => {
  it('lists the profiles lacking their index entry, and writes nothing without --apply', async () => {
    expect(await listedWomen()).not.toContain(OLD_OFFICER.username);

    const lines = await backfill();

    expect(lines.filter((line) => line.includes('lacks its index entry'))).toEqual([
      expect.stringMatching(/alpha:women\s+women\.oldphu /),
    ]);
    expect(lines.at(-1)).toMatch(/1 account profiles lack their index entry\. Nothing written/);
    expect(await listedWomen()).not.toContain(OLD_OFFICER.username);
  });

  it('adds the entry with --apply, leaving the profile as it was, and adds nothing when repeated', async () => {
    const lines = await backfill('--apply');

    expect(lines.filter((line) => line.includes('index entry added'))).toEqual([
      expect.stringMatching(/alpha:women\s+women\.oldphu /),
    ]);
    const { passwordHash: _, ...profile } = OLD_OFFICER;
    expect((await accounts().ofTenant(WOMEN, 100)).items).toContainEqual(profile);
    expect((await backfill('--apply')).at(-1)).toMatch(/: 0 account profiles given their index entry\.$/);
  });

  it('lets the map migration then move the old officer off the hamlet id it renames', async () => {
    const result = await migrateMap(t.deps.table, 'alpha', { apply: true });

    expect(result.plan.renamings.get(WOMEN)?.get('28261-05')).toBe('28261-01');
    expect(result.movedAccounts).toBe(2);
    const profile = (await accounts().ofTenant(WOMEN, 100)).items.find(
      (a) => a.userId === OLD_OFFICER.userId,
    );
    expect(profile?.scope).toEqual({ unitId: '28261-01' });
    expect((await accounts().findByUsername(OLD_OFFICER.username))?.scope).toEqual({ unitId: '28261-01' });
  });
});
