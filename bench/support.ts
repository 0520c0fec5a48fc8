// Shared pieces of the benchmarks: the result shape, the machine's
// description, markdown tables, docs/PERFORMANCE.md sections and child
// processes (each runtime gets a process of its own: the functions run
// in-process and build their SDK clients once per process).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join, resolve } from 'node:path';

export type Row = Record<string, string | number>;

export interface BenchResult {
  readonly name: string;
  readonly rows: Row[];
  /** Sentences printed under the table: targets met or not, and why. */
  readonly notes?: string[];
  /** A run narrowed by a knob (some functions only): printed, never written to docs/PERFORMANCE.md. */
  readonly partial?: boolean;
}

/** The repository root. */
export const ROOT = resolve(import.meta.dirname, '..');

/** CPU model, cores, memory and Node version, as the report states them. */
export function machine(): string {
  const cores = cpus();
  const model = cores[0]?.model.trim() ?? 'unknown CPU';
  const memory = (totalmem() / 1024 ** 3).toFixed(1);
  return `${model}, ${cores.length} cores, ${memory} GiB memory, Node ${process.version}, ${process.platform}/${process.arch}`;
}

/** A GitHub markdown table of the rows, columns in the first row's order. */
export function markdownTable(rows: readonly Row[]): string {
  const first = rows[0];
  if (!first) return '(no rows)';
  const columns = Object.keys(first);
  const line = (cells: readonly (string | number | undefined)[]) =>
    `| ${cells.map((cell) => String(cell ?? '').replace(/\|/g, '\\|')).join(' | ')} |`;
  return [
    line(columns),
    line(columns.map((column) => (typeof first[column] === 'number' ? '---:' : '---'))),
    ...rows.map((row) => line(columns.map((column) => row[column]))),
  ].join('\n');
}

/** Replaces (or appends) the benchmark's section of docs/PERFORMANCE.md, between its markers. */
export function writeSection(result: BenchResult, when: Date): void {
  const file = join(ROOT, 'docs', 'PERFORMANCE.md');
  const text = existsSync(file) ? readFileSync(file, 'utf8') : '# Performance\n';
  const start = `<!-- bench:${result.name}:start -->`;
  const end = `<!-- bench:${result.name}:end -->`;
  const body = [
    start,
    `_Measured ${when.toISOString().slice(0, 16).replace('T', ' ')} UTC on ${machine()}._`,
    '',
    markdownTable(result.rows),
    ...(result.notes?.length ? ['', ...result.notes.map((note) => `- ${note}`)] : []),
    end,
  ].join('\n');
  const from = text.indexOf(start);
  const to = text.indexOf(end);
  const next =
    from >= 0 && to > from
      ? `${text.slice(0, from)}${body}${text.slice(to + end.length)}`
      : `${text.trimEnd()}\n\n## ${result.name}\n\n${body}\n`;
  writeFileSync(file, next);
  // Formatted as the linter checks it (aligned table columns), so a bench run never breaks `npm run lint`.
  const formatted = spawnSync(join(ROOT, 'node_modules', '.bin', 'biome'), ['format', '--write', file], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  if (formatted.status !== 0) throw new Error(`biome could not format ${file}: ${formatted.stderr}`);
}

/** Runs a bench script under tsx in a child process; its last stdout line is the JSON answer. */
export function runChild<T>(script: string, args: readonly string[] = []): Promise<T> {
  return new Promise((done, fail) => {
    const child = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        '--import',
        join(ROOT, 'infra/binary-files-hook.mjs'),
        join(ROOT, 'bench', script),
        ...args,
      ],
      {
        cwd: ROOT,
        stdio: ['ignore', 'pipe', 'inherit'],
        env: process.env,
      },
    );
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString('utf8');
    });
    child.on('error', fail);
    child.on('close', (code) => {
      const last = out.trim().split('\n').at(-1) ?? '';
      if (code !== 0) return fail(new Error(`${script} ${args.join(' ')} exited with ${code}`));
      try {
        done(JSON.parse(last) as T);
      } catch {
        fail(new Error(`${script} answered no JSON: ${last.slice(0, 200)}`));
      }
    });
  });
}

/** Runs `task` over the items with at most `limit` at a time, keeping order. */
export async function pool<T, R>(
  items: readonly T[],
  limit: number,
  task: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await task(items[index] as T, index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

/** The value at quantile q (0..1) of the numbers. */
export function quantile(values: readonly number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return Number.NaN;
  const position = (sorted.length - 1) * q;
  const below = Math.floor(position);
  const above = Math.ceil(position);
  const low = sorted[below] as number;
  const high = sorted[above] as number;
  return low + (high - low) * (position - below);
}

/** Rounds to `digits` decimals, as a number for the table. */
export function round(value: number, digits = 1): number {
  return Number(value.toFixed(digits));
}
