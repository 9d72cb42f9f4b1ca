import { createS3MediaStore, type S3StoreOptions } from './s3-store.js';
import { createDiskMediaStore, type MediaStore } from './store.js';

/** The store MEDIA_STORE names (config.media): the service, its erasure hooks and the CLI all build it here. */
export function createMediaStore(media: { store: 'disk' | 's3'; dir: string; s3?: S3StoreOptions | undefined }): MediaStore {
  if (media.store === 'disk') return createDiskMediaStore(media.dir);
  // The config refuses MEDIA_STORE=s3 without its settings; this guards callers that build the object by hand.
  if (!media.s3) throw new Error('MEDIA_STORE=s3 needs the MEDIA_S3_* settings');
  return createS3MediaStore(media.s3);
}
