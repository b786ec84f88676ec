/**
 * The app over real HTTP on a free loopback port, so a browser can load it. It serves the very
 * app object a test already holds (createTestApp's `app`), so set-up through `t.request` and
 * browser steps meet the same table.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';

export interface ServedApp {
  /** `http://127.0.0.1:<port>`: give it to openPage and watchPage. */
  readonly origin: string;
  close(): Promise<void>;
}

export function serveApp(app: {
  fetch: (request: Request) => Response | Promise<Response>;
}): Promise<ServedApp> {
  return new Promise((resolve, reject) => {
    const server = serve({
      fetch: (request) => app.fetch(request),
      hostname: '127.0.0.1',
      port: 0,
    }) as Server;
    server.once('error', reject);
    server.once('listening', () => {
      const { port } = server.address() as AddressInfo;
      resolve({
        origin: `http://127.0.0.1:${port}`,
        close: () =>
          new Promise<void>((done) => {
            // Chromium keeps connections alive; without this, close waits for them to time out.
            server.closeAllConnections();
            server.close(() => done());
          }),
      });
    });
  });
}
