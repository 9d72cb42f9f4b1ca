import { describe, expect, it } from 'vitest';
import { EMPTY_SHA256, verifySigV4, type SignedRequest } from '../fixtures/s3/sigv4-verify.js';

/**
 * The S3 test server's signature check against the signed examples in AWS's own documentation
 * ("Signature Calculations for the Authorization Header: Transferring Payload in a Single Chunk"): if it
 * accepts these and refuses them altered, it checks what S3 checks — so the store's tests prove something.
 */
const users = [{ accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' }];
const now = new Date('2013-05-24T00:05:00Z');
const host = 'examplebucket.s3.amazonaws.com';
const auth = (signedHeaders: string, signature: string) =>
  `AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request,SignedHeaders=${signedHeaders},Signature=${signature}`;

const examples: Array<{ name: string; req: SignedRequest }> = [
  {
    name: 'GET object with a Range',
    req: {
      method: 'GET',
      target: '/test.txt',
      headers: {
        host,
        range: 'bytes=0-9',
        'x-amz-content-sha256': EMPTY_SHA256,
        'x-amz-date': '20130524T000000Z',
        authorization: auth('host;range;x-amz-content-sha256;x-amz-date', 'f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41'),
      },
    },
  },
  {
    name: 'PUT object with a key needing encoding',
    req: {
      method: 'PUT',
      target: '/test$file.text',
      headers: {
        host,
        date: 'Fri, 24 May 2013 00:00:00 GMT',
        'x-amz-date': '20130524T000000Z',
        'x-amz-storage-class': 'REDUCED_REDUNDANCY',
        'x-amz-content-sha256': '44ce7dd67c959e0d3524ffac1771dfbba87d2b6b4b4e99e42034a8b803f8b072',
        authorization: auth('date;host;x-amz-content-sha256;x-amz-date;x-amz-storage-class', '98ad721746da40c64f1a55b78f14c238d841ea1380cd77a1b5971af0ece108bd'),
      },
    },
  },
  {
    name: 'GET bucket lifecycle (a subresource without a value)',
    req: {
      method: 'GET',
      target: '/?lifecycle',
      headers: {
        host,
        'x-amz-date': '20130524T000000Z',
        'x-amz-content-sha256': EMPTY_SHA256,
        authorization: auth('host;x-amz-content-sha256;x-amz-date', 'fea454ca298b7da1c68078a5d1bdbfbbe0d65c699e0f91ac7a200a0136783543'),
      },
    },
  },
  {
    name: 'GET bucket listing (query parameters sorted)',
    req: {
      method: 'GET',
      target: '/?max-keys=2&prefix=J',
      headers: {
        host,
        'x-amz-date': '20130524T000000Z',
        'x-amz-content-sha256': EMPTY_SHA256,
        authorization: auth('host;x-amz-content-sha256;x-amz-date', '34b48302e7b5fa45bde8084f4b7868a86f0a534bc59db6670ed5711ef69dc6f7'),
      },
    },
  },
];

describe('SigV4 check of the S3 test server, on AWS published examples', () => {
  for (const { name, req } of examples) {
    it(`accepts AWS's example: ${name}`, () => {
      expect(verifySigV4(req, users, 'us-east-1', now)).toMatchObject({ ok: true, accessKeyId: 'AKIAIOSFODNN7EXAMPLE' });
    });
  }

  const get = examples[0]!.req;
  const altered = (patch: Partial<SignedRequest> & { headers?: SignedRequest['headers'] }): SignedRequest => ({ ...get, ...patch, headers: { ...get.headers, ...patch.headers } });

  it('refuses a signed header changed in transit (SignatureDoesNotMatch)', () => {
    expect(verifySigV4(altered({ headers: { range: 'bytes=0-10' } }), users, 'us-east-1', now)).toMatchObject({ ok: false, status: 403, code: 'SignatureDoesNotMatch' });
  });

  it('refuses another path, method or payload hash than the one signed', () => {
    expect(verifySigV4(altered({ target: '/test2.txt' }), users, 'us-east-1', now)).toMatchObject({ code: 'SignatureDoesNotMatch' });
    expect(verifySigV4(altered({ method: 'DELETE' }), users, 'us-east-1', now)).toMatchObject({ code: 'SignatureDoesNotMatch' });
    expect(verifySigV4(altered({ headers: { 'x-amz-content-sha256': 'UNSIGNED-PAYLOAD' } }), users, 'us-east-1', now)).toMatchObject({ code: 'SignatureDoesNotMatch' });
  });

  it('refuses the wrong secret, an unknown key, another region, no signature and an old request', () => {
    expect(verifySigV4(get, [{ ...users[0]!, secretAccessKey: 'not-the-secret' }], 'us-east-1', now)).toMatchObject({ code: 'SignatureDoesNotMatch' });
    expect(verifySigV4(get, [{ accessKeyId: 'SOMEONE-ELSE', secretAccessKey: 'x' }], 'us-east-1', now)).toMatchObject({ status: 403, code: 'InvalidAccessKeyId' });
    expect(verifySigV4(get, users, 'ap-southeast-3', now)).toMatchObject({ status: 400, code: 'AuthorizationHeaderMalformed' });
    expect(verifySigV4(altered({ headers: { authorization: undefined } }), users, 'us-east-1', now)).toMatchObject({ status: 403, code: 'AccessDenied' });
    expect(verifySigV4(get, users, 'us-east-1', new Date('2013-05-24T01:00:00Z'))).toMatchObject({ status: 403, code: 'RequestTimeTooSkewed' });
  });
});
