/**
 * Pictures: reading (OCR), perceptual hashes, limits and storage. Pure where it can be; the I/O (sharp
 * decoding, the OCR worker pool, the disk or S3 store) sits behind small interfaces the services receive.
 */
export { DEFAULT_MEDIA_LIMITS, REFUSED_STATUSES, type MediaLimits, type MediaStatus } from './limits.js';
export { phashFromPixels, hammingDistance, phashToHex, phashFromHex, phashToSigned } from './phash.js';
export { checkImage, perceptualHash, displayImage, ocrInputs, type ImageCheck } from './image.js';
export { createOcrPool, betterReading, countWords, indonesianModelPath, type OcrEngine, type OcrReading } from './ocr.js';
export { createDiskMediaStore, sha256Of, type MediaStore } from './store.js';
export { createS3MediaStore, MediaStoreError, type S3StoreOptions } from './s3-store.js';
export { createMediaStore } from './media-store.js';
export { readPicture, type PictureReading } from './picture-reader.js';
export { matchPicture, wordAgreement, ocrWordSet, DEFAULT_PICTURE_THRESHOLDS, type KnownPicture, type PictureMatch, type PictureThresholds } from './picture-match.js';
