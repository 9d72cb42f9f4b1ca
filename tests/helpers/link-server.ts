import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type LinkRoute = (req: IncomingMessage, res: ServerResponse) => void;

export interface LinkServer {
  /** `http://127.0.0.1:<port>` */
  origin: string;
  port: number;
  /** Paths requested, in order (with the Host header the client sent). */
  requests: Array<{ path: string; host: string | undefined }>;
  route(path: string, handler: LinkRoute): void;
  stop(): Promise<void>;
}

/** A loopback web server for link previews: shorteners, redirect chains and pages, written per test. */
export async function startLinkServer(): Promise<LinkServer> {
  const routes = new Map<string, LinkRoute>();
  const requests: LinkServer['requests'] = [];
  const server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    requests.push({ path, host: req.headers.host });
    const handler = routes.get(path);
    if (handler) handler(req, res);
    else res.writeHead(404, { 'content-type': 'text/html' }).end('<title>Tidak ditemukan</title>');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    port,
    requests,
    route: (path, handler) => routes.set(path, handler),
    async stop() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

export const redirect = (location: string, status = 302): LinkRoute => (_req, res) => res.writeHead(status, { location }).end();

export const page = (html: string, contentType = 'text/html; charset=utf-8'): LinkRoute => (_req, res) =>
  res.writeHead(200, { 'content-type': contentType }).end(html);

export const titled = (title: string, description?: string): LinkRoute =>
  page(`<!doctype html><html><head><meta charset="utf-8"><title>${title}</title>${description ? `<meta property="og:description" content="${description}">` : ''}</head><body>isi</body></html>`);
