import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { bundleFilesOf, createBundleCache } from '../../infra/aws/bundle-cache.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'dvk-bundle-cache-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the bundle cache', () => {
  it('rebuilds a bundle whose record is stale, keeps the chunks the previous build listed one build longer, and removes older ones', async () => {
    // Prepare: a bundle from other settings, whose record lists a chunk, and a chunk no record lists
    const folder = path.join(dir, 'get-report');
    mkdirSync(folder, { recursive: true });
    writeFileSync(path.join(folder, 'index.mjs'), 'export const handler = () => 1;');
    writeFileSync(path.join(folder, 'previous-AAAAAAAA.mjs'), 'export {};');
    writeFileSync(path.join(folder, 'older-BBBBBBBB.mjs'), 'export {};');
    writeFileSync(
      path.join(folder, 'manifest.json'),
      JSON.stringify({
        settings: 'other',
        inputs: {},
        files: ['index.mjs', 'previous-AAAAAAAA.mjs'],
        entryBytes: 31,
      }),
    );
    // Act
    const report = await createBundleCache(dir).prepare(['get-report']);
    // Assess
    expect(report.built).toEqual(['get-report']);
    const files = bundleFilesOf('get-report', dir) ?? [];
    expect(files[0]).toBe('index.mjs');
    expect(files.some((file) => file.startsWith('excel-'))).toBe(true);
    expect(existsSync(path.join(folder, 'previous-AAAAAAAA.mjs'))).toBe(true);
    expect(existsSync(path.join(folder, 'older-BBBBBBBB.mjs'))).toBe(false);
    expect(readdirSync(folder).sort()).toEqual([...files, 'manifest.json', 'previous-AAAAAAAA.mjs'].sort());
    expect((await createBundleCache(dir).prepare(['get-report'])).reused).toEqual(['get-report']);
  });
});
