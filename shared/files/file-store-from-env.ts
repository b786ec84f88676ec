/**
 * The file store a deployment uses: the S3 bucket on AWS (FILES_BUCKET), DATA_DIR/files on one
 * machine. The S3 client loads on the first file, not at every cold start of the API.
 */
import type { Env } from '../config/env.ts';
import type { FileStore } from './file-store.ts';
import { LocalFileStore } from './local-file-store.ts';
import type { S3FileStoreOptions } from './s3-file-store.ts';

export function fileStoreFrom(env: Pick<Env, 'FILES_BUCKET' | 'FILES_ENDPOINT' | 'AWS_REGION' | 'DATA_DIR'>) {
  return env.FILES_BUCKET
    ? s3FileStore({ bucket: env.FILES_BUCKET, region: env.AWS_REGION, endpoint: env.FILES_ENDPOINT })
    : new LocalFileStore(env.DATA_DIR);
}

/** The origin of the links the bucket's store gives (virtual-hosted S3, or the endpoint tests name). */
export function fileStoreOriginFrom(env: Pick<Env, 'FILES_BUCKET' | 'FILES_ENDPOINT' | 'AWS_REGION'>) {
  if (!env.FILES_BUCKET) return undefined;
  return env.FILES_ENDPOINT
    ? new URL(env.FILES_ENDPOINT).origin
    : `https://${env.FILES_BUCKET}.s3.${env.AWS_REGION}.amazonaws.com`;
}

function s3FileStore(options: S3FileStoreOptions): FileStore {
  let loaded: Promise<FileStore> | undefined;
  const store = () => {
    loaded ??= import('./s3-file-store.ts').then(({ S3FileStore }) => new S3FileStore(options));
    return loaded;
  };
  return {
    put: async (...args) => (await store()).put(...args),
    read: async (...args) => (await store()).read(...args),
    size: async (...args) => (await store()).size(...args),
    downloadLink: async (...args) => (await store()).downloadLink(...args),
    uploadLink: async (...args) => (await store()).uploadLink(...args),
  };
}
