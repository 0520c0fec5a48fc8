// Builds the web once before any test: the browser tests serve dist/web, as `npm start` does.
import { buildWeb } from '../infra/web-build.ts';

/** Vitest's global setup. */
export default function setup(): void {
  buildWeb();
}
