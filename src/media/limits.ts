/** What a forwarded file may be before Saring refuses to read it (the resident is told which limit). */
export interface MediaLimits {
  /** Largest file kept and read, in bytes. */
  maxBytes: number;
  /** Largest picture read, in pixels (width × height); also sharp's `limitInputPixels`, so a bomb is refused unread. */
  maxPixels: number;
}

export const DEFAULT_MEDIA_LIMITS: MediaLimits = { maxBytes: 10 * 1024 * 1024, maxPixels: 20_000_000 };

/**
 * What became of a forwarded file. `ready`: read (hash and text); `stored`: kept for moderators without
 * matching (video, voice); the rest were refused for the reason named.
 */
export type MediaStatus = 'pending' | 'ready' | 'stored' | 'too_large' | 'too_many_pixels' | 'unreadable' | 'animated' | 'unsupported';

export const REFUSED_STATUSES: ReadonlySet<MediaStatus> = new Set(['too_large', 'too_many_pixels', 'unreadable', 'animated', 'unsupported']);
