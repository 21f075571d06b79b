import { availableParallelism } from 'node:os';
import { configDefaults, defineConfig } from 'vitest/config';

/**
 * The slow lane: files that exist to drive another program (the built CLI, Jupyter, Chromium,
 * the reproduce pipeline, a study end to end, every public @example compiled and run). Each
 * spends seconds per test spawning processes. Everything else is the unit lane, so a new test
 * file lands there unless it is added here.
 */
const SLOW = [
  'test/browser.test.ts', // Chromium through playwright-core
  'test/notebook.test.ts', // a Jupyter server and the tslab kernel
  'test/reproduce-e2e.test.ts', // `framelab reproduce` running notebooks
  'test/study.test.ts', // a study folder run end to end, with Jupyter
  'test/examples.test.ts', // every TSDoc @example compiled and run in a child process
  'test/cli.test.ts', // the CLI, command by command
  'test/cli-analysis.test.ts', // the CLI's analysis commands
  'test/corpus-studies.test.ts', // the CLI on the bundled corpora
  'test/safety.test.ts', // the CLI's guarantees: exit codes, no stack traces, no half-written files
  'test/stream.test.ts', // the CLI's streaming path on generated corpora
  'test/docs.test.ts', // every shell command of the READMEs, run from a clean copy
];

const shared = {
  setupFiles: ['test/setup.ts'],
  testTimeout: 60_000,
  hookTimeout: 120_000,
};

// npm test (CI) runs the unit project, then the slow one (never together: see below); npm run test:unit the first.
export default defineConfig({
  test: {
    // a worker per core, at least two: left to itself vitest 4 ran the unit files one at a time on
    // these 2-core machines (71 s against 50 s with two workers; most unit files wait on a child process)
    maxWorkers: Math.max(2, availableParallelism()),
    projects: [
      { test: { ...shared, name: 'unit', include: ['test/**/*.test.ts'], exclude: [...configDefaults.exclude, ...SLOW] } },
      // npm test runs it with --no-file-parallelism, one file at a time: these drive Jupyter, Chromium
      // and npm, and run together on 2 cores they starved vitest's own process. (vitest 3 also failed
      // a run whose every test passed when one test ran longer than 60 s, its fixed worker-report
      // timeout; vitest 4 does not, so no unhandled error is ignored any more.)
      { test: { ...shared, name: 'slow', include: SLOW } },
    ],
  },
});
