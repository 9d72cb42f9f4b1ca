import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';

const cookiesOf = (res: LightMyRequestResponse) => res.cookies.map((c) => `${c.name}=${c.value}`);
export const csrfOf = (body: string) => /name="_csrf" value="([^"]+)"/.exec(body)?.[1] ?? '';

/** Log in through the form, as a browser would: GET the form (CSRF cookie + token), POST it. */
export async function dashboardLogin(app: FastifyInstance, token: string): Promise<{ cookie: string; csrf: string }> {
  const form = await app.inject({ method: 'GET', url: '/dashboard/login' });
  const csrfCookie = cookiesOf(form);
  const res = await app.inject({
    method: 'POST',
    url: '/dashboard/login',
    headers: { cookie: csrfCookie.join('; ') },
    payload: { token, _csrf: csrfOf(form.body) },
  });
  expect(res.statusCode).toBe(303);
  const cookie = [...csrfCookie, ...cookiesOf(res)].join('; ');
  const page = await app.inject({ method: 'GET', url: '/dashboard', headers: { cookie } });
  return { cookie, csrf: csrfOf(page.body) };
}
