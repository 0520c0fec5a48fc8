// A Step Functions engine in a process of its own, for the restart test: the
// test kills it with SIGKILL and starts it again on the same data folder.
// Control over IPC: {advance: ms} moves the virtual clock; the process reports
// {ready: url}, {invoked: name} and {token}.
import { appendFileSync } from 'node:fs';
import { join } from 'node:path';
import { createSfnEngine } from '../../../infra/local/sfn/engine.ts';
import { advanceTo, ManualClock } from './helpers.ts';

const dataDir = process.env.SFN_DATA_DIR ?? '';
const clock = new ManualClock(Number(process.env.SFN_NOW));
const hang = process.env.SFN_HANG === '1';

function tell(message: object): void {
  process.send?.(message);
}

const engine = createSfnEngine({
  dataDir,
  clock,
  log: (message, error) => console.error(message, error),
  invokeLambda: async (name, payload) => {
    appendFileSync(join(dataDir, 'invocations.log'), `${name}\n`);
    tell({ invoked: name });
    if (name === 'slow-work') {
      // Cut off mid-flight in the first life of the process: never answers.
      if (hang) await new Promise(() => undefined);
      return { worked: payload };
    }
    if (name === 'notify') {
      tell({ token: (payload as { token: string }).token });
      return { notified: true };
    }
    throw new Error(`unknown function ${name}`);
  },
});

await engine.start();
const url = await engine.listen(0);
process.on('message', (message: { advance?: number }) => {
  if (message.advance === undefined) return;
  void advanceTo(clock, [engine], clock.now() + message.advance).then(() => tell({ advanced: clock.now() }));
});
tell({ ready: url });
