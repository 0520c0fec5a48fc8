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
