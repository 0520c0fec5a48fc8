// The deployment's runtime configuration: on AWS the stack writes /config.json
// (apiUrl, region, userPoolId, userPoolClientId, authUrl); locally there is none
// and the API answers on the page's own origin.
let loaded;

/** The runtime configuration, fetched once per page; `{}` when there is none. */
export function runtimeConfig() {
  loaded ??= fetch('/config.json')
    .then((response) => (response.ok ? response.json() : {}))
    .catch(() => ({}));
  return loaded;
}

/** The API's base URL without a trailing slash ('' for the page's own origin). */
export async function apiBase() {
  const { apiUrl } = await runtimeConfig();
  return typeof apiUrl === 'string' ? apiUrl.replace(/\/+$/, '') : '';
}
