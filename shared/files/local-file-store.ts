/**
 * The file store of one machine (`npm start`): files under DATA_DIR/files, and links that work
 * like S3's presigned URLs — an HMAC over the method, key, expiry and what the request may carry,
 * under a key kept in DATA_DIR/keys — answered by `handle`, which the app serves at /files/.
 * A link cannot be stretched to another file, a later time or a larger upload.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { Readable, type Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import {
  attachmentDisposition,
  byteCounter,
  type DownloadLinkOptions,
  FILE_RETENTION_DAYS,
  type FileStore,
  type PresignedUpload,
  type StoredFile,
  type UploadLinkOptions,
} from './file-store.ts';

/** Where the app serves the links this store gives. */
export const LOCAL_FILES_PATH = '/files/';

/** Keys are ours (`exports/<tenant>/<id>.xlsx`), never a caller's: anything else is a bug or a probe. */
const KEY_PATTERN = /^[a-z0-9][a-z0-9._:-]*(\/[a-z0-9][a-z0-9._:-]*)*$/i;

export class LocalFileStore implements FileStore {
  private secret: Promise<Buffer> | undefined;

  constructor(
    private readonly dataDir: string,
    private readonly now: () => number = Date.now,
  ) {}

  async put(key: string, body: ReadableStream<Uint8Array>, _contentType: string): Promise<StoredFile> {
    const counter = byteCounter();
    await this.write(key, body.pipeThrough(counter.stream));
    await this.sweep(dirname(this.pathOf(key)));
    return { key, size: counter.size() };
  }

  async read(key: string): Promise<ReadableStream<Uint8Array> | undefined> {
    if ((await this.size(key)) === undefined) return undefined;
    return Readable.toWeb(createReadStream(this.pathOf(key))) as ReadableStream<Uint8Array>;
  }

  async size(key: string): Promise<number | undefined> {
    const found = await stat(this.pathOf(key)).catch(() => undefined);
    return found?.isFile() && !this.expired(found.mtimeMs) ? found.size : undefined;
  }

  async downloadLink(key: string, { fileName, expiresInSeconds }: DownloadLinkOptions): Promise<string> {
    const expires = this.expiry(expiresInSeconds);
    const params = { expires: String(expires), name: fileName };
    return this.link(key, { ...params, signature: await this.sign('GET', key, params) });
  }

  async uploadLink(key: string, options: UploadLinkOptions): Promise<PresignedUpload> {
    const expires = this.expiry(options.expiresInSeconds);
    const params = { expires: String(expires), size: String(options.size), type: options.contentType };
    return {
      url: this.link(key, { ...params, signature: await this.sign('PUT', key, params) }),
      method: 'PUT',
      headers: { 'content-type': options.contentType },
      expiresAt: new Date(expires * 1000).toISOString(),
    };
  }

  /** Answers a request for one of this store's links: the file, or the upload written. */
  async handle(request: Request): Promise<Response> {
    const url = new URL(request.url);
    const key = decodeURIComponent(url.pathname.slice(LOCAL_FILES_PATH.length));
    const method = request.method === 'HEAD' ? 'GET' : request.method;
    if ((method !== 'GET' && method !== 'PUT') || !KEY_PATTERN.test(key)) return refusal(404);
    const params =
      method === 'GET'
        ? { expires: param(url, 'expires'), name: param(url, 'name') }
        : { expires: param(url, 'expires'), size: param(url, 'size'), type: param(url, 'type') };
    const expected = Buffer.from(await this.sign(method, key, params));
    const given = Buffer.from(param(url, 'signature'));
    // As S3 does: a bad or expired signature is a 403 that says nothing of whether the file exists.
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return refusal(403);
    if (Number(params.expires) * 1000 < this.now()) return refusal(403);
    return method === 'GET'
      ? this.download(key, params.name ?? '')
      : this.upload(key, request, { size: Number(params.size), type: params.type ?? '' });
  }

  private async download(key: string, fileName: string): Promise<Response> {
    const body = await this.read(key);
    if (!body) return refusal(404);
    return new Response(body, {
      headers: {
        'content-type': 'application/octet-stream',
        'content-disposition': attachmentDisposition(fileName),
      },
    });
  }

  private async upload(
    key: string,
    request: Request,
    signed: { size: number; type: string },
  ): Promise<Response> {
    if (request.headers.get('content-type') !== signed.type || !request.body) return refusal(403);
    let size = 0;
    const limited = request.body.pipeThrough(
      new TransformStream<Uint8Array, Uint8Array>({
        transform(chunk, controller) {
          size += chunk.byteLength;
          if (size > signed.size) controller.error(new RangeError('larger than signed'));
          else controller.enqueue(chunk);
        },
      }),
    );
    try {
      await this.write(key, limited);
    } catch (error) {
      if (error instanceof RangeError) return refusal(400);
      throw error;
    }
    if (size !== signed.size) {
      await rm(this.pathOf(key), { force: true });
      return refusal(400);
    }
    return new Response(null, { status: 200 });
  }

  /** Written beside and renamed into place, so a reader never sees half a file. */
  private async write(key: string, body: ReadableStream<Uint8Array>): Promise<void> {
    const path = this.pathOf(key);
    await mkdir(dirname(path), { recursive: true });
    const partial = `${path}.${randomBytes(6).toString('hex')}.part`;
    try {
      await pipeline(Readable.fromWeb(body as never), createWriteStream(partial) as Writable);
      await rename(partial, path);
    } finally {
      await rm(partial, { force: true });
    }
  }

  /** What S3's lifecycle rule does on AWS: files past their days go, a folder at a time as it is written to. */
  private async sweep(folder: string): Promise<void> {
    for (const name of await readdir(folder)) {
      const path = join(folder, name);
      const found = await stat(path).catch(() => undefined);
      if (found?.isFile() && this.expired(found.mtimeMs)) await rm(path, { force: true });
    }
  }

  private expired(writtenAtMs: number): boolean {
    return this.now() - writtenAtMs > FILE_RETENTION_DAYS * 24 * 60 * 60 * 1000;
  }

  private pathOf(key: string): string {
    if (!KEY_PATTERN.test(key) || key.split('/').some((part) => part === '..' || part === '.'))
      throw new Error(`invalid file key ${key}`);
    return join(this.dataDir, 'files', ...key.split('/'));
  }

  private expiry(seconds: number): number {
    return Math.floor(this.now() / 1000) + seconds;
  }

  private link(key: string, params: Record<string, string>): string {
    const path = key.split('/').map(encodeURIComponent).join('/');
    return `${LOCAL_FILES_PATH}${path}?${new URLSearchParams(params)}`;
  }

  private async sign(
    method: string,
    key: string,
    params: Record<string, string | undefined>,
  ): Promise<string> {
    const payload = [method, key, ...Object.entries(params).map(([name, value]) => `${name}=${value ?? ''}`)];
    return createHmac('sha256', await this.signingSecret())
      .update(payload.join('\n'))
      .digest('base64url');
  }

  private signingSecret(): Promise<Buffer> {
    this.secret ??= secretIn(join(this.dataDir, 'keys', 'file-links.key'));
    return this.secret;
  }
}

const param = (url: URL, name: string) => url.searchParams.get(name) ?? '';

const refusal = (status: 400 | 403 | 404) => new Response(null, { status });

/** The links' key, made on first use and kept, so links survive a restart of `npm start`. */
async function secretIn(path: string): Promise<Buffer> {
  await mkdir(dirname(path), { recursive: true, mode: 0o700 });
  try {
    await writeFile(path, randomBytes(32).toString('base64'), { flag: 'wx', mode: 0o600 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  return Buffer.from(await readFile(path, 'utf8'), 'base64');
}
