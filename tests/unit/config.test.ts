import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config/config.js';

describe('loadConfig', () => {
  it('applies the documented defaults to an empty environment', () => {
    const c = loadConfig({});
    expect(c.databaseUrl).toBeUndefined();
    expect(c.redisUrl).toBe('redis://127.0.0.1:6379');
    expect(c.http.port).toBe(3000);
    expect(c.telegram.token).toBeUndefined();
    expect(c.telegram.apiRoot).toBe('https://api.telegram.org');
    expect(c.whatsapp.enabled).toBe(false);
    expect(c.whatsapp.chromiumPath).toBe('/usr/bin/chromium');
    expect(c.match).toEqual({ auto: 0.9, suggest: 0.7 });
    expect(c.reviewSlaHours).toBe(24);
    expect(c.telegram.rate).toEqual({ globalPerSec: 30, chatPerSec: 1, groupPerMin: 20 });
  });

  it('treats empty strings as unset, as a copied .env.example leaves them', () => {
    const c = loadConfig({ DATABASE_URL: '', TELEGRAM_BOT_TOKEN: '', PSEUDONYM_SECRET: '' });
    expect(c.databaseUrl).toBeUndefined();
    expect(c.telegram.token).toBeUndefined();
  });

  it.each([
    ['PORT', 'abc'],
    ['PORT', '70000'],
    ['DATABASE_URL', 'mysql://localhost/x'],
    ['REDIS_URL', 'not a url'],
    ['MATCH_AUTO', '1.5'],
    ['TELEGRAM_BOT_TOKEN', 'no-colon'],
    ['CONTACT_KEY', 'c2hvcnQ='],
    ['PSEUDONYM_SECRET', 'short'],
    ['WHATSAPP_ENABLED', 'maybe'],
  ])('refuses a bad %s and names it', (name, value) => {
    expect(() => loadConfig({ [name]: value })).toThrow(ConfigError);
    try {
      loadConfig({ [name]: value });
    } catch (err) {
      expect((err as Error).message).toContain(name);
    }
  });

  it('refuses MATCH_SUGGEST above MATCH_AUTO', () => {
    expect(() => loadConfig({ MATCH_AUTO: '0.8', MATCH_SUGGEST: '0.85' })).toThrow(/MATCH_SUGGEST/);
  });

  it('parses booleans and numbers from strings', () => {
    const c = loadConfig({ WHATSAPP_ENABLED: 'true', PORT: '8080', REVIEW_SLA_HOURS: '6' });
    expect(c.whatsapp.enabled).toBe(true);
    expect(c.http.port).toBe(8080);
    expect(c.reviewSlaHours).toBe(6);
  });

  it('takes HOME_REGION as a provinsi or kabupaten code, and requires it in production', () => {
    expect(loadConfig({ HOME_REGION: '15.02' }).homeRegion).toBe('15.02');
    expect(loadConfig({ HOME_REGION: '15' }).homeRegion).toBe('15');
    expect(loadConfig({}).homeRegion).toBeUndefined();
    expect(() => loadConfig({ HOME_REGION: '15.02.13' })).toThrow(/HOME_REGION/);
    expect(() => loadConfig({ HOME_REGION: 'Merangin' })).toThrow(/HOME_REGION/);
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/HOME_REGION: is required in production/);
  });

  describe('webhook, proxy and public URL rules', () => {
    const prod = { NODE_ENV: 'production', PUBLIC_URL: 'https://saring.example.go.id', HOME_REGION: '15.02' };
    const messageOf = (env: Record<string, string>) => {
      try {
        loadConfig(env);
        return '';
      } catch (err) {
        expect(err).toBeInstanceOf(ConfigError);
        return (err as Error).message;
      }
    };

    it("checks TELEGRAM_WEBHOOK_SECRET against Telegram's [A-Za-z0-9_-]{1,256}", () => {
      expect(loadConfig({ TELEGRAM_WEBHOOK_SECRET: 'a'.repeat(256) }).telegram.webhookSecret).toBe('a'.repeat(256));
      expect(loadConfig({ TELEGRAM_WEBHOOK_SECRET: 'Ab_-09' }).telegram.webhookSecret).toBe('Ab_-09');
      for (const bad of ['a'.repeat(257), 'with space', 'semi;colon', 'slash/', 'ünï']) {
        expect(messageOf({ TELEGRAM_WEBHOOK_SECRET: bad })).toContain('TELEGRAM_WEBHOOK_SECRET');
      }
    });

    it('refuses an http:// webhook URL in production, allows https and allows http outside production', () => {
      expect(messageOf({ ...prod, TELEGRAM_WEBHOOK_URL: 'http://saring.example.go.id/tg' })).toContain('TELEGRAM_WEBHOOK_URL');
      expect(loadConfig({ ...prod, TELEGRAM_WEBHOOK_URL: 'https://saring.example.go.id/tg' }).telegram.webhookUrl).toBe('https://saring.example.go.id/tg');
      expect(loadConfig({ TELEGRAM_WEBHOOK_URL: 'http://127.0.0.1:3000/tg' }).telegram.webhookUrl).toBe('http://127.0.0.1:3000/tg');
    });

    it('requires PUBLIC_URL in production', () => {
      expect(messageOf({ NODE_ENV: 'production' })).toContain('PUBLIC_URL');
      expect(loadConfig(prod).http.publicUrl).toBe('https://saring.example.go.id');
    });

    it('trusts no proxy unless TRUST_PROXY lists them', () => {
      expect(loadConfig({}).http.trustProxy).toEqual([]);
      expect(loadConfig({ TRUST_PROXY: '10.0.0.1, 172.16.0.0/12,::1' }).http.trustProxy).toEqual(['10.0.0.1', '172.16.0.0/12', '::1']);
      expect(messageOf({ TRUST_PROXY: 'true; rm' })).toContain('TRUST_PROXY');
    });

    it('limits each address to 600 requests a minute unless HTTP_RATE_PER_MINUTE says otherwise', () => {
      expect(loadConfig({}).http.ratePerMinute).toBe(600);
      expect(loadConfig({ HTTP_RATE_PER_MINUTE: '2400' }).http.ratePerMinute).toBe(2400);
      expect(messageOf({ HTTP_RATE_PER_MINUTE: '0' })).toContain('HTTP_RATE_PER_MINUTE');
    });

    describe('MEDIA_STORE=s3', () => {
      const s3 = {
        MEDIA_STORE: 's3',
        MEDIA_S3_ENDPOINT: 'http://minio:9000',
        MEDIA_S3_BUCKET: 'saring-media',
        MEDIA_S3_ACCESS_KEY_ID: 'saring',
        MEDIA_S3_SECRET_ACCESS_KEY: 'a-long-secret-key-for-minio',
      };

      it('reads the bucket settings, with us-east-1, virtual-hosted addressing and no prefix by default', () => {
        const c = loadConfig(s3);
        expect(c.media.store).toBe('s3');
        expect(c.media.s3).toEqual({
          endpoint: 'http://minio:9000',
          region: 'us-east-1',
          bucket: 'saring-media',
          accessKeyId: 'saring',
          secretAccessKey: 'a-long-secret-key-for-minio',
          forcePathStyle: false,
          keyPrefix: '',
        });
        const full = loadConfig({ ...s3, MEDIA_S3_REGION: 'auto', MEDIA_S3_FORCE_PATH_STYLE: 'true', MEDIA_S3_KEY_PREFIX: 'kab/merangin' }).media.s3;
        expect(full).toMatchObject({ region: 'auto', forcePathStyle: true, keyPrefix: 'kab/merangin/' });
        expect(loadConfig({ ...s3, MEDIA_S3_KEY_PREFIX: 'saring/' }).media.s3?.keyPrefix).toBe('saring/');
      });

      it('names every missing setting instead of starting without a store', () => {
        const message = messageOf({ MEDIA_STORE: 's3' });
        for (const name of ['MEDIA_S3_ENDPOINT', 'MEDIA_S3_BUCKET', 'MEDIA_S3_ACCESS_KEY_ID', 'MEDIA_S3_SECRET_ACCESS_KEY']) {
          expect(message).toContain(`${name}: is required when MEDIA_STORE=s3`);
        }
        const { MEDIA_S3_SECRET_ACCESS_KEY: _omitted, ...noSecret } = s3;
        expect(messageOf({ ...noSecret, MEDIA_S3_SECRET_ACCESS_KEY: '' })).toContain('MEDIA_S3_SECRET_ACCESS_KEY');
      });

      it('refuses a bad endpoint, bucket, region or prefix', () => {
        expect(messageOf({ ...s3, MEDIA_S3_ENDPOINT: 'ftp://minio' })).toContain('MEDIA_S3_ENDPOINT');
        expect(messageOf({ ...s3, MEDIA_S3_BUCKET: 'Saring_Media' })).toContain('MEDIA_S3_BUCKET');
        expect(messageOf({ ...s3, MEDIA_S3_REGION: 'Jakarta 1' })).toContain('MEDIA_S3_REGION');
        expect(messageOf({ ...s3, MEDIA_S3_KEY_PREFIX: '../other' })).toContain('MEDIA_S3_KEY_PREFIX');
        expect(messageOf({ ...s3, MEDIA_S3_KEY_PREFIX: '/abs' })).toContain('MEDIA_S3_KEY_PREFIX');
      });

      it('needs none of them for the disk store', () => {
        const c = loadConfig({ DATA_DIR: '/srv/saring' });
        expect(c.media).toMatchObject({ store: 'disk', dir: '/srv/saring/media', s3: undefined });
      });
    });
  });
});
