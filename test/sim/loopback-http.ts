import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** Every simulator binds here: tests never send traffic anywhere else. */
export const LOOPBACK = '127.0.0.1';

/** Listens on 127.0.0.1 (port 0 = a free one) and resolves with the port; idle keep-alive sockets die after a second. */
export async function listenOnLoopback(server: Server, port = 0): Promise<number> {
  // close() closes idle keep-alive sockets; this only shortens their life when a test forgets.
  server.keepAliveTimeout = 1_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, LOOPBACK, () => {
      server.off('error', reject);
      resolve();
    });
  });
  return (server.address() as AddressInfo).port;
}

/** Stops listening and drops pooled keep-alive sockets (an SDK's or fetch's agent), which would hold close() open. */
export function closeLoopbackServer(server: Server): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    server.close((error) => (error ? reject(error) : resolve()));
    server.closeAllConnections();
  });
}
