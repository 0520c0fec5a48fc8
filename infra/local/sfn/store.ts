// Where the engine keeps its state, under `<dataDir>/stepfunctions/`:
//
//   state-machines/<name>.json   one file per state machine, replaced atomically (write + rename)
//   executions.jsonl             the index: one line when an execution starts, one when it closes
//   executions/<hash>.jsonl      one journal per execution: a header line, then one line per commit
//
// A line is appended (appendFileSync) before the step it records counts, so a
// process killed at any moment leaves a journal that ends at the last whole
// step; a torn last line is ignored on replay. Writes are not fsync'd: they
// survive the process dying, not the machine losing power.
import { createHash } from 'node:crypto';
import {
  appendFileSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import type { Commit, ExecutionClose, ExecutionHeader, ExecutionStatus } from './execution-record.ts';

export interface StateMachineRecord {
  readonly name: string;
  readonly stateMachineArn: string;
  readonly definition: string;
  readonly roleArn: string;
  readonly type: 'STANDARD';
  readonly creationDate: number;
  readonly updateDate?: number;
  readonly revisionId: string;
}

export interface IndexEntry {
  readonly executionArn: string;
  readonly stateMachineArn: string;
  readonly name: string;
  readonly startDate: number;
  readonly status: ExecutionStatus;
  readonly stopDate?: number;
}

type IndexLine =
  | { readonly t: 'start'; readonly e: IndexEntry }
  | {
      readonly t: 'close';
      readonly arn: string;
      readonly status: ExecutionStatus;
      readonly stopDate: number;
    };

export interface Journal {
  readonly header: ExecutionHeader;
  readonly commits: Commit[];
}

/** File-backed persistence of state machines and executions. */
export class SfnStore {
  private readonly root: string;
  private readonly machinesDir: string;
  private readonly journalsDir: string;
  private readonly indexFile: string;

  constructor(dataDir: string) {
    this.root = join(dataDir, 'stepfunctions');
    this.machinesDir = join(this.root, 'state-machines');
    this.journalsDir = join(this.root, 'executions');
    this.indexFile = join(this.root, 'executions.jsonl');
  }

  /** Creates the folders if they are missing. */
  init(): void {
    mkdirSync(this.machinesDir, { recursive: true });
    mkdirSync(this.journalsDir, { recursive: true });
  }

  /** Every stored state machine. */
  loadStateMachines(): StateMachineRecord[] {
    return readdirSync(this.machinesDir)
      .filter((file) => file.endsWith('.json'))
      .map((file) => JSON.parse(readFileSync(join(this.machinesDir, file), 'utf8')) as StateMachineRecord);
  }

  /** Writes a state machine atomically: a reader sees the old file or the new one, never half. */
  saveStateMachine(record: StateMachineRecord): void {
    const file = join(this.machinesDir, `${fileSafe(record.name)}.json`);
    const temporary = `${file}.${process.pid}.tmp`;
    writeFileSync(temporary, JSON.stringify(record));
    renameSync(temporary, file);
  }

  /** Removes a state machine's file. */
  deleteStateMachine(name: string): void {
    rmSync(join(this.machinesDir, `${fileSafe(name)}.json`), { force: true });
  }

  /** The execution index folded to the latest status of each execution. */
  loadIndex(): Map<string, IndexEntry> {
    const entries = new Map<string, IndexEntry>();
    if (!existsSync(this.indexFile)) return entries;
    for (const line of readLines(this.indexFile)) {
      const record = line as IndexLine;
      if (record.t === 'start') entries.set(record.e.executionArn, record.e);
      else {
        const entry = entries.get(record.arn);
        if (entry) entries.set(record.arn, { ...entry, status: record.status, stopDate: record.stopDate });
      }
    }
    return entries;
  }

  /** Records that an execution started. */
  indexStart(entry: IndexEntry): void {
    appendFileSync(this.indexFile, `${JSON.stringify({ t: 'start', e: entry } satisfies IndexLine)}\n`);
  }

  /** Records that an execution closed. */
  indexClose(executionArn: string, close: ExecutionClose): void {
    const line: IndexLine = { t: 'close', arn: executionArn, status: close.status, stopDate: close.stopDate };
    appendFileSync(this.indexFile, `${JSON.stringify(line)}\n`);
  }

  /** Starts a journal with its header and first commit, replacing any leftover of an unacknowledged start. */
  createJournal(header: ExecutionHeader, first: Commit): void {
    writeFileSync(
      this.journalFile(header.executionArn),
      `${JSON.stringify(header)}\n${JSON.stringify(first)}\n`,
    );
  }

  /** Appends one commit to an execution's journal. */
  appendCommit(executionArn: string, commit: Commit): void {
    appendFileSync(this.journalFile(executionArn), `${JSON.stringify(commit)}\n`);
  }

  /** Reads a journal back; undefined when there is none. */
  readJournal(executionArn: string): Journal | undefined {
    const file = this.journalFile(executionArn);
    if (!existsSync(file)) return undefined;
    const [header, ...commits] = readLines(file);
    if (!header) return undefined;
    return { header: header as ExecutionHeader, commits: commits as Commit[] };
  }

  private journalFile(executionArn: string): string {
    return join(
      this.journalsDir,
      `${createHash('sha256').update(executionArn).digest('hex').slice(0, 32)}.jsonl`,
    );
  }
}

// Whole lines only: a line cut by a crash mid-write is the last one, and is dropped.
function readLines(file: string): unknown[] {
  const values: unknown[] = [];
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    if (line.trim() === '') continue;
    try {
      values.push(JSON.parse(line));
    } catch {
      break;
    }
  }
  return values;
}

function fileSafe(name: string): string {
  return encodeURIComponent(name).replace(/^\./, '%2E');
}
