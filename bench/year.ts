// The year benchmark (a synthetic committee plays one campaign year on the
// clock, then ten times as many cells) and the cost benchmark (what that year
// bills on AWS, counted during the 60-cell run, priced per model-year and per
// province-year). Each run is a child process: bench/year-worker.ts.
import { type BenchResult, type Row, round, runChild } from './support.ts';
import type { YearCounts } from './year-worker.ts';

const SMALL = Number(process.env.YEAR_CELLS ?? 60);
const BIG = Number(process.env.YEAR_CELLS_BIG ?? SMALL * 10);

let small: Promise<YearCounts> | undefined;
/** The 60-cell year, played once per bench run and shared by `year` and `cost`. */
function smallYear(): Promise<YearCounts> {
  small ??= runChild<YearCounts>('year-worker.ts', [String(SMALL), '10']);
  return small;
}

/**
 * On-demand prices, US East (N. Virginia), read 2026-11-27 from the pages
 * cited in docs/PERFORMANCE.md. Free tiers excluded.
 */
export const PRICES = {
  /** Step Functions Standard: $0.025 per 1,000 state transitions. */
  stateTransition: 0.025 / 1000,
  /** Lambda arm64: $0.0000133334 per GB-second. */
  lambdaGbSecond: 0.0000133334,
  /** Lambda: $0.20 per 1M requests. */
  lambdaRequest: 0.2 / 1_000_000,
  /** DynamoDB on-demand: $0.625 per million write request units. */
  writeUnit: 0.625 / 1_000_000,
  /** DynamoDB on-demand: $0.125 per million read request units. */
  readUnit: 0.125 / 1_000_000,
  /** SES: $0.10 per 1,000 emails. */
  email: 0.1 / 1000,
  /** EventBridge Scheduler: $1.00 per million invocations. */
  scheduleInvocation: 1 / 1_000_000,
} as const;

function yearRow(label: string, counts: YearCounts): Row {
  return {
    run: label,
    cells: counts.cells,
    people: counts.people,
    'model-years': counts.models,
    'wall s': round(counts.wallSeconds, 1),
    'peak RSS MB': round(counts.peakRssMb, 0),
    executions: counts.executions,
    'state transitions': counts.stateTransitions,
    'Lambda invocations': counts.lambdaInvocations,
    emails: counts.emails,
    'failed API calls': counts.failedApiCalls,
  };
}

/** Plays the year at SMALL cells and at BIG cells and compares their wall times. */
export async function runYear(): Promise<BenchResult> {
  const one = await smallYear();
  const ten = await runChild<YearCounts>('year-worker.ts', [String(BIG), '10']);
  const timeRatio = ten.wallSeconds / one.wallSeconds;
  const scale = ten.cells / one.cells;
  return {
    name: 'year',
    rows: [yearRow(`${one.cells} cells`, one), yearRow(`${ten.cells} cells`, ten)],
    notes: [
      `Each cell has 10 people; its secretary registers one collective model and two members one individual model each (3 model-years per cell), all through the HTTP API (16 at a time): registration 03/10/2016, self-assessment 15/06/2017, review and recognition 15/09/2017; the clock then runs to 31/12/2017 past the annual report of 30/12. Wall time covers 30/09/2016 → 31/12/2017 on the clock, every daily periodic review included.`,
      `Time ratio ${ten.cells} / ${one.cells} cells: ${round(timeRatio, 2)} for ${scale}× the cells (target: near ${scale}).`,
      'Peak RSS is the whole process: dynalite, the Step Functions engine, SES, the API stand-in and every function run in it.',
    ],
  };
}

/** Prices the counted 60-cell year: per model-year and for a province of 50 committees × 20 cells. */
export async function runCost(): Promise<BenchResult> {
  const year = await smallYear();
  const lines: [string, number, number][] = [
    ['Step Functions state transitions', year.stateTransitions, PRICES.stateTransition],
    ['Lambda requests', year.lambdaInvocations, PRICES.lambdaRequest],
    ['Lambda GB-seconds (arm64, billed per ms)', year.lambdaGbSeconds, PRICES.lambdaGbSecond],
    ['DynamoDB write request units', year.writeUnits, PRICES.writeUnit],
    ['DynamoDB read request units', year.readUnits, PRICES.readUnit],
    ['SES emails', year.emails, PRICES.email],
    ['EventBridge Scheduler invocations', year.scheduleInvocations, PRICES.scheduleInvocation],
  ];
  const total = lines.reduce((sum, [, quantity, price]) => sum + quantity * price, 0);
  const perModel = total / year.models;
  // A province: 50 committees of 20 cells, each cell 3 model-years, each committee its own deployment.
  const committeeCells = 20;
  const committeeTotal = (total / year.cells) * committeeCells;
  const provinceTotal = committeeTotal * 50;
  const rows: Row[] = lines.map(([item, quantity, price]) => ({
    item,
    'counted (year)': round(quantity, 1),
    'per model-year': round(quantity / year.models, 2),
    'unit price $': price,
    '$ per model-year': round((quantity * price) / year.models, 7),
  }));
  rows.push({
    item: 'total',
    'counted (year)': '',
    'per model-year': '',
    'unit price $': '',
    '$ per model-year': round(perModel, 7),
  });
  return {
    name: 'cost',
    rows,
    notes: [
      `Counted over the ${year.cells}-cell year (${year.models} model-years, ${year.people} people, ${year.dynamoRequests} DynamoDB requests, ${year.lambdaBilledMs} billed Lambda ms). Total $${round(total, 5)} for the year, $${round(perModel, 7)} per model-year (target: under $0.001): ${perModel < 0.001 ? 'met' : `not met, ${round(perModel / 0.001, 2)}× the target`}.`,
      `Province of 50 committees × 20 cells (3 model-years per cell, 3,000 model-years): $${round(provinceTotal, 2)} per year, of which the fixed daily schedule and periodic reviews are paid once per committee deployment.`,
      "Lambda duration is the in-process handler time on this machine against the local services; on AWS the network adds latency but the CPU is comparable at 512 MB+. DynamoDB units are from dynalite's ConsumedCapacity (table only; GSI writes are not counted by dynalite, so writes to indexed items are under-counted by the number of GSIs the item is in).",
    ],
  };
}
