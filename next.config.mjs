import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('.', import.meta.url));

// Headers that never vary per request; the CSP carries a per-request nonce, so proxy.ts sets it.
const securityHeaders = [
  { key: 'X-Content-Type-Options', value: 'nosniff' },
  { key: 'Referrer-Policy', value: 'no-referrer' },
  { key: 'X-Frame-Options', value: 'DENY' },
  { key: 'Cross-Origin-Opener-Policy', value: 'same-origin' },
  { key: 'Permissions-Policy', value: 'camera=(), microphone=(), geolocation=(), payment=()' },
];

/** @type {import('next').NextConfig} */
const nextConfig = {
  poweredByHeader: false,
  reactStrictMode: true,
  // Pin the workspace root so a lockfile in a parent folder is never picked up.
  turbopack: { root },
  outputFileTracingRoot: root,
  // kysely too: instrumentation.ts (the background worker) and the route handlers are bundled apart,
  // and share one database handle; with a copy of kysely each, its `instanceof` checks (the dialect
  // of a handle) fail across them.
  serverExternalPackages: ['better-sqlite3', 'pg', 'kysely'],
  async headers() {
    return [{ source: '/:path*', headers: securityHeaders }];
  },
};

export default nextConfig;
