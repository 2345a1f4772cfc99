import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** How many ports after the asked one are tried before giving up. */
const PORT_TRIES = 20;

/**
 * Listens on `port`, or on the next free one when it is taken (as `vite` and `hugo server` do);
 * port 0 lets the system pick. Returns the port listened on.
 */
export async function listenOnFreePort(server: Server, host: string, port: number): Promise<number> {
  const last = port === 0 ? 0 : Math.min(port + PORT_TRIES - 1, 65535);
  for (let candidate = port; candidate <= last; candidate++) {
    try {
      await listen(server, host, candidate);
      return (server.address() as AddressInfo).port;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE' || candidate === last) throw error;
    }
  }
  throw new Error(`internal error: no port tried from ${port}`);
}

function listen(server: Server, host: string, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const onError = (error: Error) => {
      server.off('listening', onListening);
      reject(error);
    };
    const onListening = () => {
      server.off('error', onError);
      resolve();
    };
    server.once('error', onError);
    server.once('listening', onListening);
    server.listen(port, host);
  });
}
