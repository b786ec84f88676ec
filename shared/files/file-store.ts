/**
 * Where files too large for a request or a response live for a few days: a province's export
 * waiting to be downloaded, an import's file uploaded before it is read. S3 on AWS, a folder of
 * DATA_DIR on one machine (file-store-from-env.ts); use cases see only this port, so both
 * runtimes run the same export and import code.
 */

/** How long a file is kept: S3's lifecycle rule on AWS (infra/constructs/member-files.ts), the local store's sweep. */
export const FILE_RETENTION_DAYS = 3;

export interface StoredFile {
  readonly key: string;
  readonly size: number;
}

/** What a client does to send a file straight to the store, past the API's 6–10 MB limits. */
export interface PresignedUpload {
  readonly url: string;
  readonly method: 'PUT';
  /** Headers the request must carry as they are: they are part of what was signed. */
  readonly headers: Readonly<Record<string, string>>;
  readonly expiresAt: string;
}

export interface DownloadLinkOptions {
  /** The name a browser saves the file as. */
  readonly fileName: string;
  readonly expiresInSeconds: number;
}

export interface UploadLinkOptions {
  readonly contentType: string;
  /** The exact size the client announced: signed, so a larger file is refused by the store. */
  readonly size: number;
  readonly expiresInSeconds: number;
}

export interface FileStore {
  /** Writes the stream under `key` as it is read, never holding the whole file. */
  put(key: string, body: ReadableStream<Uint8Array>, contentType: string): Promise<StoredFile>;
  /** The file as a stream, or undefined when there is none (expired, never uploaded). */
  read(key: string): Promise<ReadableStream<Uint8Array> | undefined>;
  /** The file's size in bytes, or undefined when there is none: whether an upload has arrived whole. */
  size(key: string): Promise<number | undefined>;
  /** A link anyone holding it may download the file by until it expires: absolute, or relative to the app. */
  downloadLink(key: string, options: DownloadLinkOptions): Promise<string>;
  uploadLink(key: string, options: UploadLinkOptions): Promise<PresignedUpload>;
}

/** Counts a stream's bytes as they pass, for stores whose write does not say the size. */
export function byteCounter(): { readonly stream: TransformStream<Uint8Array, Uint8Array>; size(): number } {
  let size = 0;
  return {
    stream: new TransformStream({
      transform(chunk, controller) {
        size += chunk.byteLength;
        controller.enqueue(chunk);
      },
    }),
    size: () => size,
  };
}

/** `attachment; filename=…` with the name also in RFC 5987 form, so Vietnamese names survive. */
export function attachmentDisposition(fileName: string): string {
  const ascii = fileName
    .normalize('NFD')
    .replace(/[^\x20-\x7e]/g, '')
    .replaceAll('"', '');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}
