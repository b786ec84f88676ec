/**
 * The file store on AWS: one S3 bucket (infra/constructs/file-bucket.ts: encrypted, private, TLS
 * only, files expiring after a few days). Writes stream as a multipart upload, so an export of
 * unknown size never sits in the function's memory; links are SigV4 presigned URLs. An upload
 * link signs the content type and the exact length, so S3 refuses any other file.
 */
import {
  GetObjectCommand,
  HeadObjectCommand,
  NoSuchKey,
  NotFound,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import {
  attachmentDisposition,
  byteCounter,
  type DownloadLinkOptions,
  type FileStore,
  type PresignedUpload,
  type StoredFile,
  type UploadLinkOptions,
} from './file-store.ts';

export interface S3FileStoreOptions {
  readonly bucket: string;
  readonly region: string;
  /** An S3-compatible endpoint (tests); unset on AWS. */
  readonly endpoint?: string | undefined;
}

/** 8 MiB parts, two in flight: 16 MiB of memory whatever the file's size. */
const PART_SIZE = 8 * 1024 * 1024;

export class S3FileStore implements FileStore {
  private readonly client: S3Client;
  private readonly bucket: string;

  constructor({ bucket, region, endpoint }: S3FileStoreOptions) {
    this.bucket = bucket;
    this.client = new S3Client({
      region,
      // A compatible endpoint serves buckets as paths and takes any credentials but needs some.
      ...(endpoint && {
        endpoint,
        forcePathStyle: true,
        credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
      }),
      // A presigned upload from a browser cannot compute the SDK's default CRC32 checksum.
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
    });
  }

  async put(key: string, body: ReadableStream<Uint8Array>, contentType: string): Promise<StoredFile> {
    const counter = byteCounter();
    await new Upload({
      client: this.client,
      params: {
        Bucket: this.bucket,
        Key: key,
        Body: body.pipeThrough(counter.stream),
        ContentType: contentType,
      },
      partSize: PART_SIZE,
      queueSize: 2,
    }).done();
    return { key, size: counter.size() };
  }

  async read(key: string): Promise<ReadableStream<Uint8Array> | undefined> {
    try {
      const object = await this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: key }));
      return object.Body?.transformToWebStream() as ReadableStream<Uint8Array> | undefined;
    } catch (error) {
      if (error instanceof NoSuchKey) return undefined;
      throw error;
    }
  }

  async size(key: string): Promise<number | undefined> {
    try {
      const head = await this.client.send(new HeadObjectCommand({ Bucket: this.bucket, Key: key }));
      return head.ContentLength;
    } catch (error) {
      // A HEAD has no body to name NoSuchKey: S3 answers a bare 404.
      if (error instanceof NotFound || error instanceof NoSuchKey) return undefined;
      throw error;
    }
  }

  downloadLink(key: string, { fileName, expiresInSeconds }: DownloadLinkOptions): Promise<string> {
    const command = new GetObjectCommand({
      Bucket: this.bucket,
      Key: key,
      ResponseContentDisposition: attachmentDisposition(fileName),
    });
    return getSignedUrl(this.client, command, { expiresIn: expiresInSeconds });
  }

  async uploadLink(key: string, options: UploadLinkOptions): Promise<PresignedUpload> {
    const command = new PutObjectCommand({
      Bucket: this.bucket,
      Key: key,
      ContentType: options.contentType,
      ContentLength: options.size,
    });
    const url = await getSignedUrl(this.client, command, {
      expiresIn: options.expiresInSeconds,
      signableHeaders: new Set(['content-type', 'content-length']),
    });
    return {
      url,
      method: 'PUT',
      headers: { 'content-type': options.contentType },
      expiresAt: new Date(Date.now() + options.expiresInSeconds * 1000).toISOString(),
    };
  }
}
