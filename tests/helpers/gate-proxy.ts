import { createServer, request, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';

/**
 * A loopback proxy in front of the Bot API emulator that can hold back sends (`sendMessage`, and the
 * `sendPhoto` / `sendDocument` uploads that carry clarification cards):
 * lets a test stop the world between "report stored" and "reply sent".
 */
export async function startGateProxy(target: string) {
  let holding = false;
  const held: ServerResponse[] = [];
  const sockets = new Set<Socket>();
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    if (holding && /\/(sendMessage|sendPhoto|sendDocument)$/.test(req.url ?? '')) {
      held.push(res);
      return;
    }
    const upstream = request(new URL(req.url ?? '/', target), { method: req.method, headers: req.headers }, (up) => {
      res.writeHead(up.statusCode ?? 502, up.headers);
      up.pipe(res);
    });
    upstream.on('error', () => res.destroy());
    req.pipe(upstream);
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}`,
    hold(on: boolean) {
      holding = on;
    },
    heldCount: () => held.length,
    /** Drop held calls unanswered, as a crash would: the emulator never sees them. */
    dropHeld() {
      for (const res of held.splice(0)) res.socket?.destroy();
    },
    async stop() {
      for (const s of sockets) s.destroy();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}
