import { Server as HttpServer } from 'node:http';
import type { Server } from 'node:net';

/** Raised when a configured port is already in use, with a message saying what to do. */
export class PortInUseError extends Error {
  constructor(what: string, port: number) {
    super(
      `Cổng ${port} (${what}) đang được một chương trình khác dùng. Port ${port} for ${what} is already in use: stop the other program or choose another port (README, "Settings": PORT, DYNAMODB_PORT, STEPFUNCTIONS_PORT, SES_PORT).`,
    );
    this.name = 'PortInUseError';
  }
}

/**
 * Keeps idle keep-alive connections 65 s: Node closes them after 5 s, which races the SDK's agent
 * reusing one (ECONNRESET on a loaded machine); AWS endpoints keep idle connections far longer.
 */
export function keepIdleConnections(server: Server): void {
  if (!(server instanceof HttpServer)) return;
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
}

/** Listens on 127.0.0.1:port (0 picks a free port), turning EADDRINUSE into a clear error. */
export function listen(server: Server, port: number, what: string): Promise<void> {
  keepIdleConnections(server);
  return new Promise((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException) => {
      reject(error.code === 'EADDRINUSE' ? new PortInUseError(what, port) : error);
    };
    server.once('error', onError);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', onError);
      resolve();
    });
  });
}

/** Checks that fixed ports are free before anything starts, so a clash stops start-up at once. */
export async function assertPortsFree(
  ports: readonly { readonly port: number; readonly what: string }[],
): Promise<void> {
  const { createServer } = await import('node:net');
  for (const { port, what } of ports) {
    if (port === 0) continue;
    const probe = createServer();
    await listen(probe, port, what);
    await new Promise<void>((resolve) => probe.close(() => resolve()));
  }
}
