// The one Content Security Policy of the web's pages: the local server
// (infra/local/request-guard.ts) and CloudFront's response headers policy
// (infra/aws/constructs/web-hosting.ts) both send it.

/**
 * The Content Security Policy of the pages, locally and on CloudFront: as
 * strict as today's pages allow (test/e2e/content-security-policy.test.ts runs them under it). The
 * pages themselves would pass `style-src 'self'`; what keeps the policy from
 * that, and from Trusted Types, is: reports and emails are shown in `srcdoc`
 * frames, which inherit this policy, and carry `<style>` elements and `style`
 * attributes (shared/reports/html.ts, shared/mail/templates.ts); the outbox
 * page sets a `style` attribute on its frame (web/outbox.js); and every page
 * builds its markup with `innerHTML`, which `require-trusted-types-for
 * 'script'` refuses outright.
 */
export function contentSecurityPolicy(connectSources: readonly string[] = []): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self'",
    "font-src 'self'",
    ["connect-src 'self'", ...connectSources].join(' '),
    "frame-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}
