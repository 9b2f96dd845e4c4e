// `accesspolicy` command line: validate policy files in CI, and deploy them to a tenant. The process
// entry: runs the command line (commandLine.ts) on this process's arguments and pipes, or serves
// validation batches when it is its own worker thread.
import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import { main } from './commandLine';
import { EXIT, afterFlush, closablePipeWriter, type CliIo } from './io';
import { serveBatches, WORKER_MARK } from './checkFiles';
import { serveVerdicts, VERDICT_WORKER_MARK } from './verdictPool';
import { errorMessage } from '../../core/src';

const io: CliIo = {
  stdout: closablePipeWriter(process.stdout),
  stderr: closablePipeWriter(process.stderr),
  env: process.env,
  startedAt: Math.round(performance.timeOrigin),
};

if (!isMainThread && parentPort && workerData?.mark === WORKER_MARK) {
  // This script is also its own worker when `validate` spreads many files over the cores.
  serveBatches(parentPort, workerData.apiVersion);
} else if (!isMainThread && parentPort && workerData?.mark === VERDICT_WORKER_MARK) {
  // And the verdicts of `plan` and `apply` over many files (verdictPool.ts).
  serveVerdicts(parentPort);
} else {
  main(process.argv.slice(2), io).then(
    (code) => {
      process.exitCode = code;
      // The command is done: whatever is still pending (a request abandoned at the --timeout limit,
      // a socket a hung server keeps open) must not keep the process alive. Normally nothing is,
      // and the process ends before this unref'd timer fires. It starts once stdout and stderr are
      // flushed: exiting earlier would cut a long report short (a pipe takes it in 64 KB steps).
      afterFlush([process.stdout, process.stderr], () => setTimeout(() => process.exit(code), 100).unref());
    },
    (err) => {
      io.stderr(`accesspolicy: ${errorMessage(err)}\n`);
      process.exitCode = EXIT.failed;
    },
  );
}
