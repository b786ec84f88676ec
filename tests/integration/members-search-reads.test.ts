/**
 * What a member search reads for the rows it returns, over HTTP: a search by a name's words or by
 * a phone prefix, of current members across the whole organization or in one commune, reads at
 * most half as many items again as the page it answers (issues 13 and 16).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { importDemoMembers } from '../../functions/local/demo/demo-members.ts';
import { DEMO_PROVINCE_ID } from '../../functions/local/demo/seed-demo-province.ts';
import { provinceWithBranches } from '../setup/members.ts';
import { createTestApp, type TestApp } from '../setup/test-app.ts';
import { countingApp } from './figures-fixtures.ts';

const PAGE = 50;

let t: TestApp;
let token: string;

beforeAll(async () => {
  t = await createTestApp();
  await provinceWithBranches(t, DEMO_PROVINCE_ID);
  await importDemoMembers({
    table: t.deps.table,
    vault: t.deps.nationalIds,
    counts: { farmers: 400, women: 0, veterans: 0, youth: 0 },
    today: '2026-03-15',
    at: '2026-03-15T01:00:00.000Z',
  });
  token = (await t.signIn(`${DEMO_PROVINCE_ID}.farmers`)).access_token;
});

describe('a tenant-wide member search', () => {
  it.each([
    ['a word’s start', 'n', ''],
    ['a whole word', 'thi', ''],
    ['a family name and a middle name’s start', 'nguyen t', ''],
    ['a phone prefix', '09', ''],
    ['a whole word, in one commune', 'thi', '&unitId=28261'],
    ['a word’s start, in one commune', 'n', '&unitId=28261'],
  ])('by %s reads at most 1.5 times the rows of a full page', async (_, q, where) => {
    // Act
    const { response, commands } = await countingApp(t).request(
      `/api/v1/members?q=${encodeURIComponent(q)}&limit=${PAGE}${where}`,
      token,
    );

    // Assert
    expect(response.status).toBe(200);
    const page = (await response.json()) as { items: unknown[]; nextCursor: string | null };
    expect(page.items).toHaveLength(PAGE);
    const read = commands.reduce((sum, command) => sum + (command.scanned ?? 0), 0);
    expect(read).toBeGreaterThanOrEqual(PAGE);
    expect(read).toBeLessThanOrEqual(1.5 * PAGE);
  });
});
