// Font files are imported as their bytes: esbuild's `binary` loader in the bundles
// (infra/aws/bundling.ts), a Vite plugin under Vitest (vitest.config.ts) and a Node.js
// module hook under tsx (infra/binary-files-hook.mjs).
declare module '*.ttf' {
  const bytes: Uint8Array;
  export default bytes;
}
