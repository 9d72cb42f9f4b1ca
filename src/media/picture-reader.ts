import { checkImage, ocrInputs, perceptualHash } from './image.js';
import type { MediaLimits, MediaStatus } from './limits.js';
import { betterReading, type OcrEngine } from './ocr.js';

const MIN_OCR_SIDE = 48;

export type PictureReading =
  | { status: 'ready'; width: number; height: number; mime: string; phash: bigint; ocrText: string; ocrConfidence: number; ocrWords: number }
  | { status: Exclude<MediaStatus, 'ready' | 'pending' | 'stored'> };

/**
 * One picture → what Saring matches on: its perceptual hash and the text in it. OCR reads the picture
 * as it is and a grey + threshold version (far better on posters), on two pool workers at once, and
 * keeps the better reading.
 */
export async function readPicture(bytes: Buffer, limits: MediaLimits, ocr: OcrEngine): Promise<PictureReading> {
  const checked = await checkImage(bytes, limits);
  if (!checked.ok) return { status: checked.status };
  const phash = await perceptualHash(bytes, limits);
  // An icon-sized picture holds no readable text: the OCR workers are not even started for it.
  if (checked.width < MIN_OCR_SIDE || checked.height < MIN_OCR_SIDE) {
    return { status: 'ready', width: checked.width, height: checked.height, mime: checked.mime, phash, ocrText: '', ocrConfidence: 0, ocrWords: 0 };
  }
  const inputs = await ocrInputs(bytes, limits);
  const [plain, threshold] = await Promise.all([ocr.read(inputs.plain), ocr.read(inputs.threshold)]);
  const best = betterReading(plain, threshold);
  return {
    status: 'ready',
    width: checked.width,
    height: checked.height,
    mime: checked.mime,
    phash,
    ocrText: best.words > 0 ? best.text : '',
    ocrConfidence: Math.round(best.confidence),
    ocrWords: best.words,
  };
}
