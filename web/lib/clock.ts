// The system's clock as the pages need it: locally the embedded runtime's virtual clock (which may
// stand still or run from 2016), on AWS the browser's. Read once per page, then kept running.
import { isLocalRuntime } from './config.ts';

let reading: Promise<{ readonly at: number; readonly read: number }> | undefined;

async function firstReading(): Promise<{ at: number; read: number }> {
  if (await isLocalRuntime()) {
    try {
      const response = await fetch('/local/clock');
      if (response.ok) {
        const { now } = (await response.json()) as { now: string };
        return { at: Date.parse(now), read: Date.now() };
      }
    } catch {
      // no answer: the browser's clock is the next best thing
    }
  }
  return { at: Date.now(), read: Date.now() };
}

/** Now, on the system's clock. */
export async function systemNow(): Promise<Date> {
  reading ??= firstReading();
  const { at, read } = await reading;
  return new Date(at + (Date.now() - read));
}
