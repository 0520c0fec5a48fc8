// `npm run bench` runs every benchmark; `npm run bench -- NAME [NAME…]` runs
// the ones named. Each prints its table and rewrites its own section of
// docs/PERFORMANCE.md with the machine and the date.
import { type BenchResult, machine, markdownTable, writeSection } from './support.ts';

const benchmarks: Record<string, () => Promise<BenchResult>> = {
  'cold-start': async () => (await import('./cold-start.ts')).run(),
  api: async () => (await import('./api.ts')).run(),
  year: async () => (await import('./year.ts')).runYear(),
  cost: async () => (await import('./year.ts')).runCost(),
  sfn: async () => (await import('./sfn.ts')).run(),
};

const asked = process.argv.slice(2).filter((arg) => arg !== '--');
const unknown = asked.filter((name) => !(name in benchmarks));
if (unknown.length > 0) {
  console.error(`Unknown benchmark ${unknown.join(', ')}; known: ${Object.keys(benchmarks).join(', ')}`);
  process.exit(2);
}
console.log(`Machine: ${machine()}`);
for (const name of asked.length > 0 ? asked : Object.keys(benchmarks)) {
  const started = Date.now();
  const result = await (benchmarks[name] as () => Promise<BenchResult>)();
  console.log(`\n## ${result.name} (${((Date.now() - started) / 1000).toFixed(0)} s)\n`);
  console.log(markdownTable(result.rows));
  for (const note of result.notes ?? []) console.log(`- ${note}`);
  if (result.partial) console.log('(a partial run: docs/PERFORMANCE.md left as it was)');
  else writeSection(result, new Date());
}
// SDK keep-alive sockets and the runtimes' timers must not hold the process open.
process.exit(0);
