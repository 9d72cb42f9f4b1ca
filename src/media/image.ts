import sharp, { type Metadata } from 'sharp';
import type { MediaLimits, MediaStatus } from './limits.js';
import { PHASH_SIDE, phashFromPixels } from './phash.js';

export type ImageCheck =
  | { ok: true; width: number; height: number; mime: string }
  | { ok: false; status: Extract<MediaStatus, 'too_large' | 'too_many_pixels' | 'unreadable' | 'animated' | 'unsupported'> };

const READABLE: Record<string, string> = { jpeg: 'image/jpeg', png: 'image/png', webp: 'image/webp', gif: 'image/gif', heif: 'image/heif', tiff: 'image/tiff' };
/** Pictures larger than this on their long side are shrunk before reading: text stays legible, OCR stays fast. */
const READ_SIDE = 2000;

const open = (bytes: Buffer, limits: MediaLimits) => sharp(bytes, { limitInputPixels: limits.maxPixels, failOn: 'error' });

/**
 * Whether a file is a picture Saring can read, from its header only (a 60,000 × 60,000 "PNG bomb" is
 * refused before a single pixel is decoded), then one full decode so a corrupt file is found here and
 * not half-way through reading it.
 */
export async function checkImage(bytes: Buffer, limits: MediaLimits): Promise<ImageCheck> {
  if (bytes.length > limits.maxBytes) return { ok: false, status: 'too_large' };
  let meta: Metadata;
  try {
    meta = await sharp(bytes, { limitInputPixels: false }).metadata();
  } catch {
    return { ok: false, status: 'unreadable' };
  }
  const mime = meta.format ? READABLE[meta.format] : undefined;
  if (!mime) return { ok: false, status: 'unsupported' };
  if (!meta.width || !meta.height) return { ok: false, status: 'unreadable' };
  if (meta.width * meta.height > limits.maxPixels) return { ok: false, status: 'too_many_pixels' };
  if ((meta.pages ?? 1) > 1) return { ok: false, status: 'animated' };
  try {
    await open(bytes, limits).resize(64, 64, { fit: 'inside' }).raw().toBuffer();
  } catch {
    return { ok: false, status: 'unreadable' };
  }
  return { ok: true, width: meta.width, height: meta.height, mime };
}

/** The picture's perceptual hash (see phash.ts); EXIF orientation applied first, so a rotated copy hashes alike. */
export async function perceptualHash(bytes: Buffer, limits: MediaLimits): Promise<bigint> {
  const pixels = await open(bytes, limits).rotate().greyscale().resize(PHASH_SIDE, PHASH_SIDE, { fit: 'fill' }).raw().toBuffer();
  return phashFromPixels(pixels);
}

/** The two versions OCR reads: the picture as it is, and grey + threshold (light text on coloured posters). */
export async function ocrInputs(bytes: Buffer, limits: MediaLimits): Promise<{ plain: Buffer; threshold: Buffer }> {
  const base = open(bytes, limits).rotate().resize(READ_SIDE, READ_SIDE, { fit: 'inside', withoutEnlargement: true }).greyscale();
  const [plain, threshold] = await Promise.all([base.clone().png({ compressionLevel: 1 }).toBuffer(), base.clone().threshold(200).png({ compressionLevel: 1 }).toBuffer()]);
  return { plain, threshold };
}

/**
 * What moderators are shown: re-encoded as JPEG, so nothing of the original file travels on — no EXIF
 * (place, phone model, time), no thumbnails, no trailing data. Orientation is applied, then dropped.
 */
export async function displayImage(bytes: Buffer, limits: MediaLimits, maxSide = 1600): Promise<Buffer> {
  return open(bytes, limits).rotate().resize(maxSide, maxSide, { fit: 'inside', withoutEnlargement: true }).jpeg({ quality: 85 }).toBuffer();
}
