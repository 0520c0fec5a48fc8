// The deployment's runtime configuration, /config.json: on AWS the stack writes it (apiUrl, region,
// userPoolId, userPoolClientId, authUrl); the embedded runtime answers `{"local": true}`. A missing
// or unreadable file means "no configuration": the API on the page's own origin, no hosted sign-in.

/** What /config.json may hold. */
export interface RuntimeConfig {
  readonly apiUrl?: string;
  readonly authUrl?: string;
  readonly userPoolClientId?: string;
  readonly region?: string;
  readonly userPoolId?: string;
  /** Served by the embedded runtime: /local/* (clock, users, outbox) exists. */
  readonly local?: boolean;
}

let loaded: Promise<RuntimeConfig> | undefined;

/** The runtime configuration, fetched once per page; `{}` when there is none. */
export function runtimeConfig(): Promise<RuntimeConfig> {
  loaded ??= fetch('/config.json', { cache: 'no-cache' })
    .then(async (response) => {
      if (!response.ok) return {};
      const parsed: unknown = await response.json();
      return typeof parsed === 'object' && parsed !== null ? (parsed as RuntimeConfig) : {};
    })
    .catch(() => ({}));
  return loaded;
}

/** The API's base URL without a trailing slash ('' for the page's own origin). */
export async function apiBase(): Promise<string> {
  const { apiUrl } = await runtimeConfig();
  return typeof apiUrl === 'string' ? apiUrl.replace(/\/+$/, '') : '';
}

/** Whether the page is served by the embedded runtime. */
export async function isLocalRuntime(): Promise<boolean> {
  return (await runtimeConfig()).local === true;
}
