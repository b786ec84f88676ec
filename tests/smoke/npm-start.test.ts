/**
 * `npm start` as a newcomer runs it: a fresh DATA_DIR, a free port, then /health, every demo
 * account's sign-in, the demo members (few of them, to be quick) and what the Front's dashboard
 * shows of them: coverage, the last month-ends, the comparison with the previous one. Also: no
 * DynamoDB Local is left behind, whether the start is stopped with Ctrl-C or killed outright.
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { DEMO_PASSWORD } from '../../functions/local/demo/seed-demo-province.ts';
import { vietnamToday } from '../../shared/domain/dates.ts';

/**
 * Members per organization: enough for lists to have something and for the province's coverage
 * to be an average over some hundred hamlet targets, few enough to be written in seconds.
 */
const DEMO_MEMBERS = 60;

const DEMO_ACCOUNTS = [
  'platform.admin',
  'farmers.admin',
  'women.admin',
  'veterans.admin',
  'youth.admin',
  'front.viewer',
  'front.admin',
  'farmers.mytho',
  'women.mytho',
  'veterans.mytho',
  'youth.mytho',
];

function freePort(): Promise<number> {
  return new Promise((done) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => done(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

function emulatorsUsing(dataDir: string): number {
  try {
    return execFileSync('pgrep', ['-f', `^java .*DynamoDBLocal.jar.*${dataDir}`], { encoding: 'utf8' })
      .trim()
      .split('\n').length;
  } catch {
    return 0;
  }
}

async function until(condition: () => boolean, ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (condition()) return true;
    await new Promise((r) => setTimeout(r, 100));
  }
  return condition();
}

interface Started {
  child: ChildProcess;
  output: () => string;
  url: string;
  dataDir: string;
  readyMs: number;
}

async function start(command: string, args: string[], dataDir: string): Promise<Started> {
  const port = await freePort();
  const begun = Date.now();
  const child = spawn(command, args, {
    env: {
      ...process.env,
      DATA_DIR: dataDir,
      PORT: String(port),
      DYNAMODB_ENDPOINT: '',
      DEMO_MEMBERS_PER_ORGANIZATION: String(DEMO_MEMBERS),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
    // Its own process group, so that a "Ctrl-C" reaches every process of it, as in a terminal.
    detached: true,
  });
  let output = '';
  child.stdout?.on('data', (chunk) => {
    output += chunk;
  });
  child.stderr?.on('data', (chunk) => {
    output += chunk;
  });
  const ready = await until(() => output.includes('is running at') || child.exitCode !== null, 90_000);
  if (child.exitCode !== null) throw new Error(`npm start exited:\n${output}`);
  if (!ready) throw new Error(`npm start did not come up:\n${output}`);
  return {
    child,
    output: () => output,
    url: `http://127.0.0.1:${port}`,
    dataDir,
    readyMs: Date.now() - begun,
  };
}

// A whole product runs beside these tests, writing its demo members: on a loaded machine ten
// sign-ins (scrypt) alone took over 20 s.
vi.setConfig({ testTimeout: 90_000 });

describe('npm start', () => {
  let started: Started;

  beforeAll(async () => {
    started = await start('npm', ['start'], await mkdtemp(join(tmpdir(), 'doanthe-start-')));
  }, 90_000);

  afterAll(() => {
    if (started?.child.exitCode === null) ctrlC(started.child);
  });

  // How fast it starts is not asserted here (a loaded machine would make that flaky): the
  // time is printed, and start() gives up after 90 s.
  it('answers /health on an empty data folder', async () => {
    const response = await fetch(`${started.url}/health`);
    process.stdout.write(`npm start served after ${(started.readyMs / 1000).toFixed(1)} s\n`);

    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok' });
  });

  it('prints the URL and every demo account', () => {
    for (const username of DEMO_ACCOUNTS) expect(started.output()).toContain(username);
    expect(started.output()).toContain(DEMO_PASSWORD);
  });

  it('signs in every demo account', async () => {
    for (const username of DEMO_ACCOUNTS) {
      const response = await fetch(`${started.url}/api/v1/auth/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username, password: DEMO_PASSWORD }),
      });
      expect(response.status, username).toBe(200);
    }
  });

  it('seeds Đồng Tháp with its 102 communes and a residential branch in each demo hamlet', async () => {
    const token = await signIn(started.url, 'youth.admin');
    // In force today: the map keeps the units the 2025 reorganization closed, too.
    const communes = await getJson(
      `${started.url}/api/v1/units?parentId=82&validOn=${vietnamToday(new Date())}&limit=200`,
      token,
    );
    expect(communes.items).toHaveLength(102);
    const commune = communes.items[0];
    const hamlets = await getJson(`${started.url}/api/v1/units?parentId=${commune.id}`, token);
    expect(hamlets.items.length).toBeGreaterThanOrEqual(4);
    const branches = await getJson(
      `${started.url}/api/v1/branches?unitId=${hamlets.items[0].id}&kind=residential`,
      token,
    );
    expect(branches.items).toHaveLength(1);
  });

  it('compares the 2024 year-end with today across the 2025 merger of Mỹ Tho’s wards', async () => {
    const front = await signIn(started.url, 'front.viewer');
    const today = vietnamToday(new Date());
    const comparison = await getJson(
      `${started.url}/api/v1/front/compare?unitId=28261&from=2024-12-31&to=${today}`,
      front,
    );

    // Today's Phường Mỹ Tho sums the old wards recorded under the pre-2025 map.
    expect(comparison.includes.length).toBeGreaterThanOrEqual(2);
    const yearEnd = comparison.organizations.map(
      (o: { fromFigures: { members: { total: number | null } } }) => o.fromFigures.members.total ?? 0,
    );
    expect(yearEnd.some((total: number) => total > 0)).toBe(true);
  });

  it('writes the demo members after it serves, and lists them', async () => {
    expect(await until(() => started.output().includes('Demo members ready'), 60_000)).toBe(true);
    expect(started.output()).toContain(`Generating demo members: 0/${4 * DEMO_MEMBERS}\n`);
    expect(started.output()).toMatch(/is running at[\s\S]*Generating demo members/);

    const admin = await signIn(started.url, 'farmers.admin');
    const province = await getJson(`${started.url}/api/v1/members?limit=200`, admin);
    const officer = await signIn(started.url, 'farmers.mytho');
    const commune = await getJson(`${started.url}/api/v1/members?limit=200`, officer);
    const someone = province.items[0];
    const found = await getJson(
      `${started.url}/api/v1/members?q=${encodeURIComponent(someone.fullName)}&limit=200`,
      admin,
    );

    expect(province.items.length).toBeGreaterThan(DEMO_MEMBERS / 2);
    expect(province.items.length).toBeLessThanOrEqual(DEMO_MEMBERS);
    const inMyTho = (m: { id: string; unitId: string }) => (m.unitId.startsWith('28261') ? [m.id] : []);
    expect(commune.items.map((m: { id: string }) => m.id)).toEqual(province.items.flatMap(inMyTho));
    expect(found.items.map((m: { id: string }) => m.id)).toContain(someone.id);
  }, 90_000);

  it('shows the Front a coverage near the article’s, the last three month-ends and the change since the last', async () => {
    // Written after the members: each month-end copies every unit with a branch, thousands of items.
    expect(await until(() => started.output().includes('Demo targets and month-ends ready'), 90_000)).toBe(
      true,
    );
    const front = await signIn(started.url, 'front.viewer');
    const today = vietnamToday(new Date());
    const overview = await settled(started.url, front, 4 * DEMO_MEMBERS);
    const monthEnds = [1, 2, 3].map((back) => {
      const [year, month] = today.split('-').map(Number) as [number, number];
      return new Date(Date.UTC(year, month - back, 0)).toISOString().slice(0, 10);
    });

    // The article's 58.64 %, give or take what a hundred-odd small hamlets make of it.
    expect(overview.total.coverage).toBeGreaterThan(0.5);
    expect(overview.total.coverage).toBeLessThan(0.7);
    for (const day of monthEnds) {
      const then = await getJson(`${started.url}/api/v1/front/overview?unitId=82&asOf=${day}`, front);
      expect(then.sources.map((s: { snapshot: string | null }) => s.snapshot)).toEqual(Array(5).fill(day));
      expect(then.total.members.total).toBeGreaterThan(0);
      expect(then.total.coverage).toBeGreaterThan(0);
    }
    const comparison = await getJson(
      `${started.url}/api/v1/front/compare?unitId=82&from=${monthEnds[0]}&to=${today}`,
      front,
    );
    for (const { fromFigures, toFigures, change } of comparison.organizations) {
      expect(fromFigures.members.total).toBeGreaterThan(0);
      expect(toFigures.members.total).toBeGreaterThan(0);
      expect(change.members.total).toBe(toFigures.members.total - fromFigures.members.total);
    }
    expect(comparison.summary.vi).not.toBe('');
  }, 150_000);

  it('stops its database on Ctrl-C', async () => {
    expect(emulatorsUsing(started.dataDir)).toBe(1);

    ctrlC(started.child);

    expect(
      await until(() => started.child.exitCode !== null || started.child.signalCode !== null, 15_000),
    ).toBe(true);
    expect(await until(() => emulatorsUsing(started.dataDir) === 0, 10_000)).toBe(true);
  });

  it('leaves no database behind when the process is killed outright', async () => {
    // The stopped instance's folder: already seeded, so this start is quick.
    const dataDir = started.dataDir;
    const killed = await start(process.execPath, ['--import', 'tsx', 'functions/local/main.ts'], dataDir);
    expect(emulatorsUsing(dataDir)).toBe(1);

    killed.child.kill('SIGKILL');

    expect(await until(() => emulatorsUsing(dataDir) === 0, 10_000)).toBe(true);
  }, 90_000);

  it('says in one sentence what to do when the port is taken', async () => {
    const port = String(await freePort());
    const holder = createServer().listen(Number(port), '127.0.0.1');
    await new Promise((r) => holder.once('listening', r));
    const dataDir = await mkdtemp(join(tmpdir(), 'doanthe-port-'));
    const child = spawn(process.execPath, ['--import', 'tsx', 'functions/local/main.ts'], {
      env: { ...process.env, DATA_DIR: dataDir, PORT: port },
    });
    let stderr = '';
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
    });

    const code = await new Promise((done) => child.once('exit', done));
    holder.close();

    expect(code).toBe(1);
    expect(stderr).toContain(`Port ${port} is in use`);
    expect(stderr).not.toMatch(/\n\s+at /);
    expect(await until(() => emulatorsUsing(dataDir) === 0, 10_000)).toBe(true);
  }, 90_000);
});

/** What a terminal does on Ctrl-C: SIGINT to the whole foreground process group. */
function ctrlC(child: ChildProcess): void {
  try {
    if (child.pid) process.kill(-child.pid, 'SIGINT');
  } catch {
    // The group is gone already: nothing left to stop.
  }
}

async function signIn(url: string, username: string): Promise<string> {
  const response = await fetch(`${url}/api/v1/auth/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: DEMO_PASSWORD }),
  });
  return ((await response.json()) as { access_token: string }).access_token;
}

/**
 * The Front's overview of the province once the stream has counted every demo member (in
 * whatever status): the figures settle a little after the members are written.
 */
// biome-ignore lint/suspicious/noExplicitAny: the test walks loosely typed JSON
async function settled(url: string, token: string, members: number): Promise<any> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const overview = await getJson(`${url}/api/v1/front/overview?unitId=82`, token);
    const counted = overview.organizations.reduce(
      (sum: number, o: { members: Record<string, number | null> }) =>
        sum + Object.entries(o.members).reduce((n, [k, v]) => (k === 'total' ? n : n + (v ?? 0)), 0),
      0,
    );
    if (counted === members || Date.now() > deadline) return overview;
    await new Promise((r) => setTimeout(r, 500));
  }
}

// biome-ignore lint/suspicious/noExplicitAny: the test walks loosely typed JSON
async function getJson(url: string, token: string): Promise<any> {
  const response = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
  expect(response.status).toBe(200);
  return response.json();
}
