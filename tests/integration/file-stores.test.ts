/**
 * The file store port against its two implementations, each for real: the local store in a
 * folder, its links answered as `npm start` answers them, and the S3 store against s3rver, an
 * S3 emulator on this machine (the SDK's own requests: multipart upload, GetObject, SigV4
 * presigned GET and PUT). s3rver does not check presigned signatures, expiry or the signed
 * length, so those refusals are proved for the local store and, for S3, only as far as what the
 * URL signs.
 */
import { mkdtemp, readdir, rm, utimes } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import S3rver from 's3rver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FileStore } from '../../shared/files/file-store.ts';
import { fileStoreFrom } from '../../shared/files/file-store-from-env.ts';
import { LocalFileStore } from '../../shared/files/local-file-store.ts';

const BUCKET = 'doanthe-files';
/** More than one 8 MiB part of the S3 store's multipart upload. */
const LARGE = 9 * 1024 * 1024 + 17;

let dir: string;
let s3rver: S3rver;
let s3: FileStore;
let local: LocalFileStore;
let localNow = Date.now();

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'doanthe-files-'));
  s3rver = new S3rver({
    port: 0,
    address: '127.0.0.1',
    silent: true,
    directory: join(dir, 's3rver'),
    configureBuckets: [{ name: BUCKET, configs: [] }],
  });
  const { port } = (await s3rver.run()) as unknown as { port: number };
  s3 = fileStoreFrom({
    FILES_BUCKET: BUCKET,
    FILES_ENDPOINT: `http://127.0.0.1:${port}`,
    AWS_REGION: 'us-east-1',
    DATA_DIR: dir,
  });
  local = new LocalFileStore(join(dir, 'local'), () => localNow);
});

afterAll(async () => {
  await s3rver?.close();
  await rm(dir, { recursive: true, force: true });
});

function bytes(size: number): Uint8Array {
  const data = new Uint8Array(size);
  for (let i = 0; i < size; i += 1) data[i] = (i * 31 + (i >> 11)) & 0xff;
  return data;
}

/** A stream of `data` in uneven chunks, as a writer of unknown size hands them. */
function streamOf(data: Uint8Array): ReadableStream<Uint8Array> {
  let offset = 0;
  return new ReadableStream({
    pull(controller) {
      if (offset >= data.length) return controller.close();
      const next = Math.min(data.length, offset + 65_521);
      controller.enqueue(data.slice(offset, next));
      offset = next;
    },
  });
}

const read = async (stream: ReadableStream<Uint8Array> | undefined) =>
  new Uint8Array(await new Response(stream).arrayBuffer());

/** Follows a link as a client would: S3's over the network, the local store's through its handler. */
const follow = (store: 'local' | 's3', url: string, init?: RequestInit) =>
  store === 's3' ? fetch(url, init) : local.handle(new Request(new URL(url, 'http://localhost'), init));

const stores = () => ({ local, s3 }) as const;

describe.each(['local', 's3'] as const)('the %s file store', (name) => {
  it('keeps a streamed file of more than one part and gives it back whole, with its size', async () => {
    const store = stores()[name];
    const data = bytes(LARGE);
    const stored = await store.put('exports/t:farmers/large.csv', streamOf(data), 'text/csv; charset=utf-8');
    expect(stored).toEqual({ key: 'exports/t:farmers/large.csv', size: LARGE });
    // Compared as buffers: element by element, 9 MB would take the assertion a minute.
    expect(Buffer.from(await read(await store.read('exports/t:farmers/large.csv'))).equals(data)).toBe(true);
    expect(await store.size('exports/t:farmers/large.csv')).toBe(LARGE);
  });

  it('says there is no file for a key never written', async () => {
    expect(await stores()[name].read('exports/t:farmers/none.csv')).toBeUndefined();
    expect(await stores()[name].size('exports/t:farmers/none.csv')).toBeUndefined();
  });

  it('gives a download link that fetches the file under its Vietnamese name', async () => {
    const store = stores()[name];
    const data = bytes(1000);
    await store.put('exports/t:farmers/named.xlsx', streamOf(data), 'application/octet-stream');
    const link = await store.downloadLink('exports/t:farmers/named.xlsx', {
      fileName: 'hội-viên.xlsx',
      expiresInSeconds: 60,
    });
    const response = await follow(name, link);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-disposition')).toBe(
      `attachment; filename="hoi-vien.xlsx"; filename*=UTF-8''${encodeURIComponent('hội-viên.xlsx')}`,
    );
    expect(new Uint8Array(await response.arrayBuffer())).toEqual(data);
  });

  it('gives an upload link that a client PUTs the file to, with the headers it names', async () => {
    const store = stores()[name];
    const data = bytes(4096);
    const upload = await store.uploadLink('imports/t:farmers/up.csv', {
      contentType: 'text/csv',
      size: data.length,
      expiresInSeconds: 60,
    });
    expect(upload.method).toBe('PUT');
    const response = await follow(name, upload.url, { method: 'PUT', headers: upload.headers, body: data });
    expect(response.status).toBe(200);
    expect(await read(await store.read('imports/t:farmers/up.csv'))).toEqual(data);
    // Whether an upload arrived whole, as an import's start asks before the worker reads it.
    expect(await store.size('imports/t:farmers/up.csv')).toBe(data.length);
  });
});

describe('the S3 store’s presigned requests', () => {
  it('sign the upload’s content type and exact length, and expire', async () => {
    const upload = await s3.uploadLink('imports/t:farmers/signed.csv', {
      contentType: 'text/csv',
      size: 1234,
      expiresInSeconds: 900,
    });
    const url = new URL(upload.url);
    expect(url.searchParams.get('X-Amz-SignedHeaders')).toBe('content-length;content-type;host');
    expect(url.searchParams.get('X-Amz-Expires')).toBe('900');
    expect(upload.headers).toEqual({ 'content-type': 'text/csv' });
  });
});

describe('the local store’s links', () => {
  it('refuse a changed signature, another key, a later expiry, and an expired link', async () => {
    await local.put('exports/t:farmers/guarded.csv', streamOf(bytes(10)), 'text/csv');
    const link = new URL(
      await local.downloadLink('exports/t:farmers/guarded.csv', { fileName: 'a.csv', expiresInSeconds: 60 }),
      'http://localhost',
    );
    const changed = (edit: (url: URL) => void) => {
      const url = new URL(link);
      edit(url);
      return local.handle(new Request(url));
    };
    expect((await changed((url) => url.searchParams.set('signature', 'x'.repeat(43)))).status).toBe(403);
    expect((await changed((url) => (url.pathname = url.pathname.replace('guarded', 'large')))).status).toBe(
      403,
    );
    expect(
      (await changed((url) => url.searchParams.set('expires', String(Date.now() / 1000 + 9999)))).status,
    ).toBe(403);
    expect((await changed(() => {})).status).toBe(200);
    localNow += 61_000;
    expect((await changed(() => {})).status).toBe(403);
    localNow = Date.now();
  });

  it('refuse an upload larger or smaller than signed, or of another type, and keep nothing of it', async () => {
    const upload = await local.uploadLink('imports/t:farmers/sized.csv', {
      contentType: 'text/csv',
      size: 100,
      expiresInSeconds: 60,
    });
    const put = (body: Uint8Array, type = 'text/csv') =>
      follow('local', upload.url, { method: 'PUT', headers: { 'content-type': type }, body });
    expect((await put(bytes(101))).status).toBe(400);
    expect((await put(bytes(99))).status).toBe(400);
    expect((await put(bytes(100), 'application/octet-stream')).status).toBe(403);
    expect(await local.read('imports/t:farmers/sized.csv')).toBeUndefined();
    expect(
      (await readdir(join(dir, 'local', 'files', 'imports', 't:farmers'))).filter((f) =>
        f.startsWith('sized'),
      ),
    ).toEqual([]);
  });

  it('are kept 3 days, as S3’s lifecycle keeps them: then neither read nor left on disk once the folder is written to', async () => {
    await local.put('exports/t:old/first.csv', streamOf(bytes(10)), 'text/csv');
    expect(await local.read('exports/t:old/first.csv')).toBeDefined();
    const fourDaysAgo = new Date(Date.now() - 4 * 24 * 3600 * 1000);
    await utimes(join(dir, 'local', 'files', 'exports', 't:old', 'first.csv'), fourDaysAgo, fourDaysAgo);
    expect(await local.read('exports/t:old/first.csv')).toBeUndefined();
    await local.put('exports/t:old/second.csv', streamOf(bytes(10)), 'text/csv');
    expect(await readdir(join(dir, 'local', 'files', 'exports', 't:old'))).toEqual(['second.csv']);
  });

  it('refuse keys that would leave the store’s folder', async () => {
    await expect(local.read('exports/../../keys/file-links.key')).rejects.toThrow('invalid file key');
    expect(
      (await local.handle(new Request('http://localhost/files/..%2Fkeys%2Ffile-links.key'))).status,
    ).toBe(404);
  });
});
