// The SDK clients of shared/aws/ are handed, when built, to the capture a
// function's handler shell installs: there the X-Ray tracer, so every client a
// Lambda function builds is traced. A process that only reaches the data
// without a handler (the embedded runtime's own threads, the command-line
// tools) never loads the X-Ray SDK, whose async hook taxes every promise.

type Capture = <Client extends object>(client: Client) => Client;

let capture: Capture = (client) => client;

/** Installs how the clients built from now on are captured (the handler shell's tracer). */
export function captureClientsWith(next: Capture): void {
  capture = next;
}

/** A new SDK client, captured as installed. */
export function captured<Client extends object>(client: Client): Client {
  return capture(client);
}

/**
 * A client whose SDK module is loaded, and the client built and captured, on
 * first use: loading an SDK costs a cold start tens of milliseconds that a
 * function answering without reaching that service should not pay.
 */
export function capturedOnFirstUse<Sdk, Client extends object>(
  load: () => Promise<Sdk>,
  build: (sdk: Sdk) => Client,
): () => Promise<{ readonly sdk: Sdk; readonly client: Client }> {
  let loaded: Promise<{ readonly sdk: Sdk; readonly client: Client }> | undefined;
  return () => {
    loaded ??= load().then((sdk) => ({ sdk, client: captured(build(sdk)) }));
    return loaded;
  };
}
