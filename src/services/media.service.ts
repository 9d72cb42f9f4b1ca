import type { InboundMedia, Platform } from '../domain/inbound.js';
import { id } from '../domain/messages/id.js';
import type { Messages } from '../domain/messages/index.js';
import type { DbOrTx } from '../db/client.js';
import type { MediaObjectRow } from '../db/schema/index.js';
import {
  displayImage,
  matchPicture,
  readPicture,
  REFUSED_STATUSES,
  type MediaLimits,
  type MediaStatus,
  type MediaStore,
  type OcrEngine,
  type PictureMatch,
  type PictureThresholds,
  DEFAULT_PICTURE_THRESHOLDS,
} from '../media/index.js';
import type { ServiceDeps } from './deps.js';
import type { AdapterRegistry } from './outbound.service.js';

/** Kinds kept for moderators but not read (no matching yet): the resident is told so. */
const KEPT_UNREAD = new Set(['video', 'voice', 'audio']);
const IMAGE_MIME = /^image\//;

export interface ReadPicture {
  phash: bigint;
  ocrText: string;
}

export interface ReportMediaSummary {
  pictures: ReadPicture[];
  /** What the resident should be told about their file, if anything (too large, unreadable, video…). */
  note: string | null;
}

export interface MediaParts {
  store: MediaStore;
  ocr: OcrEngine;
  adapters: AdapterRegistry;
  limits: MediaLimits;
  pictureThresholds?: PictureThresholds;
}

const isPicture = (kind: string, mime: string | null | undefined) => kind === 'photo' || (kind === 'document' && IMAGE_MIME.test(mime ?? ''));

/**
 * Files residents forward: kept at intake (bytes that came with the message) or by reference (fetched
 * later), then read in the analyze worker — never in the webhook — and matched against pictures with a
 * verdict. Everything here is idempotent: a retried job redoes nothing already done.
 */
export function createMediaService(deps: Pick<ServiceDeps, 'repos' | 'logger'>, parts: MediaParts) {
  const log = deps.logger.child({ svc: 'media' });
  const { limits } = parts;
  const thresholds = parts.pictureThresholds ?? DEFAULT_PICTURE_THRESHOLDS;

  async function keep(data: Buffer, kind: string, mime: string | null, tx?: DbOrTx): Promise<MediaObjectRow> {
    const { sha256, size } = await parts.store.put(data, { contentType: mime });
    return deps.repos.media.upsertObject({ sha256, kind, mime, sizeBytes: size }, tx);
  }

  async function readInto(object: MediaObjectRow, data: Buffer): Promise<MediaStatus> {
    const reading = await readPicture(data, limits, parts.ocr);
    if (reading.status !== 'ready') return reading.status;
    await deps.repos.media.saveReading(object.id, reading);
    return 'ready';
  }

  function noteFor(status: string, t: Messages): string | null {
    switch (status) {
      case 'too_large':
        return t.media.tooLarge(Math.round(limits.maxBytes / (1024 * 1024)));
      case 'too_many_pixels':
        return t.media.tooManyPixels;
      case 'unreadable':
        return t.media.unreadable;
      case 'animated':
        return t.media.animated;
      case 'unsupported':
        return t.media.unsupported;
      case 'stored':
        return t.media.notChecked;
      default:
        return null;
    }
  }

  return {
    /**
     * Intake (store first): the bytes that came with a message are written to the store before the
     * platform is acknowledged; a reference is only recorded. A file over the limit is refused unkept.
     */
    async attach(reportId: number, media: InboundMedia, tx?: DbOrTx): Promise<void> {
      if (media.kind === 'sticker' || media.kind === 'other') return;
      const base = { reportId, kind: media.kind, mime: media.content?.mime ?? media.mime ?? null };
      const size = media.content?.data.length ?? media.declaredBytes;
      if (size !== undefined && size > limits.maxBytes) {
        await deps.repos.media.attach({ ...base, declaredBytes: size, status: 'too_large' }, tx);
        return;
      }
      if (media.content) {
        const object = await keep(media.content.data, media.kind, media.content.mime, tx);
        await deps.repos.media.attach({ ...base, mediaId: object.id, declaredBytes: size ?? null, status: 'pending' }, tx);
      } else if (media.ref) {
        await deps.repos.media.attach({ ...base, sourceRef: media.ref, declaredBytes: size ?? null, status: 'pending' }, tx);
      }
    },

    /** Analyze worker, before its transaction: fetch what is only referenced, then hash and read pictures. */
    async process(reportId: number, platform: Platform | 'web'): Promise<void> {
      for (const link of await deps.repos.media.ofReport(reportId)) {
        if (link.status !== 'pending') continue;
        try {
          let object = link.object;
          let data: Buffer | undefined;
          if (object) data = await parts.store.get(object.sha256);
          if (!data && link.sourceRef) {
            const adapter = platform === 'web' ? undefined : parts.adapters[platform];
            if (!adapter?.download) throw new Error(`no ${platform} adapter to fetch the file`);
            // A file the platform will not hand over (expired, unknown, an outage) must not hold the report back:
            // it goes on with its caption, and the resident is asked to send the picture again.
            const got = await adapter.download(link.sourceRef, limits.maxBytes).catch((err: unknown) => {
              log.warn({ reportId, err: err instanceof Error ? err.message : String(err) }, 'file download failed');
              return 'failed' as const;
            });
            if (got === 'failed') {
              await deps.repos.media.setStatus(link.id, 'unreadable');
              continue;
            }
            if (got === 'too_large') {
              await deps.repos.media.setStatus(link.id, 'too_large');
              continue;
            }
            data = got.data;
            object = await keep(data, link.kind, link.mime ?? got.mime ?? null);
          }
          if (!data || !object) {
            await deps.repos.media.setStatus(link.id, 'unreadable', object?.id);
            continue;
          }
          if (data.length > limits.maxBytes) {
            await deps.repos.media.setStatus(link.id, 'too_large', object.id);
            continue;
          }
          let status: MediaStatus;
          if (isPicture(link.kind, link.mime ?? object.mime)) status = object.readAt ? 'ready' : await readInto(object, data);
          else status = KEPT_UNREAD.has(link.kind) ? 'stored' : 'unsupported';
          await deps.repos.media.setStatus(link.id, status, object.id);
          log.info({ reportId, status, kind: link.kind }, 'report media processed');
        } catch (err) {
          // Transient (a download that failed): the job is retried by the queue.
          log.warn({ reportId, err: err instanceof Error ? err.message : String(err) }, 'report media not processed yet');
          throw err;
        }
      }
    },

    /** The pictures read for a report (and its merged fragments), and what to tell the resident. */
    /** `t`: the resident's catalogue, for the note. */
    async summary(reportId: number, tx?: DbOrTx, t: Messages = id): Promise<ReportMediaSummary> {
      const links = await deps.repos.media.ofReport(reportId, tx);
      const pictures: ReadPicture[] = [];
      let note: string | null = null;
      for (const l of links) {
        if (l.status === 'ready' && l.object?.phash !== null && l.object?.phash !== undefined) pictures.push({ phash: l.object.phash, ocrText: l.object.ocrText ?? '' });
        if (REFUSED_STATUSES.has(l.status as MediaStatus) || l.status === 'stored') note ??= noteFor(l.status, t);
      }
      return { pictures, note };
    },

    /** The closest picture with a verdict that this one is a copy of (see src/media/picture-match.ts). */
    async matchKnown(pictures: ReadPicture[], tx?: DbOrTx): Promise<PictureMatch | null> {
      let best: PictureMatch | null = null;
      for (const p of pictures) {
        const known = await deps.repos.media.knownPictures(p.phash, thresholds.maxDistance, tx);
        const m = matchPicture(p, known, thresholds);
        if (m && (!best || m.distance < best.distance)) best = m;
      }
      return best;
    },

    /** A picture as moderators see it: re-encoded JPEG without EXIF. Other files as they were kept. */
    async forDisplay(object: MediaObjectRow): Promise<{ data: Buffer; mime: string } | undefined> {
      const data = await parts.store.get(object.sha256);
      if (!data) return undefined;
      if (object.phash !== null) return { data: await displayImage(data, limits), mime: 'image/jpeg' };
      return { data, mime: object.mime ?? 'application/octet-stream' };
    },

    /** Read a picture from a file (import-claims, check): store it, hash and OCR it; undefined when refused. */
    async readFile(data: Buffer, opts: { keep: boolean }): Promise<{ object: MediaObjectRow | null; picture: ReadPicture | null; status: MediaStatus }> {
      if (!opts.keep) {
        const reading = await readPicture(data, limits, parts.ocr);
        return reading.status === 'ready' ? { object: null, picture: { phash: reading.phash, ocrText: reading.ocrText }, status: 'ready' } : { object: null, picture: null, status: reading.status };
      }
      const object = await keep(data, 'photo', null);
      const status = object.readAt ? 'ready' : await readInto(object, data);
      const fresh = await deps.repos.media.findObject(object.id);
      return { object: fresh ?? object, picture: fresh?.phash != null ? { phash: fresh.phash, ocrText: fresh.ocrText ?? '' } : null, status };
    },

    limits,
  };
}

export type MediaService = ReturnType<typeof createMediaService>;
