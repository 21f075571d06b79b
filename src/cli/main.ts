#!/usr/bin/env node
// first, for its effect: a big count's worker threads boot while the modules below load
import './early';
import { Command, CommanderError } from 'commander';
import { reportError } from './run';
import { resolveAliases } from './options';
import { guardCsvFormulas } from '../util/csv-safe';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { version } = require('../../package.json') as { version: string };

/**
 * The commands, in the order help lists them, each with the module that declares it: loaded only
 * when one of its commands runs (or for the whole help), so that `count` does not load the charts,
 * models and notebooks (about 45 modules, 25 ms of every start).
 */
const COMMANDS: ReadonlyArray<{ names: readonly string[]; register: () => Promise<(program: Command) => void> }> = [
  { names: ['count'], register: () => import('./count').then((m) => m.registerCount) },
  { names: ['compare'], register: () => import('./compare').then((m) => m.registerCompare) },
  { names: ['chart'], register: () => import('./chart').then((m) => m.registerChart) },
  { names: ['kwic', 'collocates', 'keyness', 'freq', 'stats'], register: () => import('./analysis').then((m) => m.registerAnalysis) },
  { names: ['rhetoric'], register: () => import('./rhetoric').then((m) => m.registerRhetoric) },
  { names: ['reproduce', 'verify'], register: () => import('./reproduce').then((m) => m.registerReproduce) },
  { names: ['sample'], register: () => import('./validate').then((m) => m.registerSample) },
  { names: ['validate'], register: () => import('./validate').then((m) => m.registerValidate) },
  { names: ['reliability'], register: () => import('./validate').then((m) => m.registerReliability) },
  { names: ['init', 'setup', 'notebook', 'trust', 'env', 'kernel', 'upgrade'], register: () => import('./study').then((m) => m.registerStudy) },
  { names: ['context'], register: () => import('./context').then((m) => m.registerContext) },
  { names: ['suggest'], register: () => import('./context').then((m) => m.registerSuggest) },
  { names: ['train'], register: () => import('./models').then((m) => m.registerTrain) },
  { names: ['predict'], register: () => import('./models').then((m) => m.registerPredict) },
  { names: ['lss'], register: () => import('./lss').then((m) => m.registerLss) },
];

/**
 * Builds the `framelab` command line: every command, or, given the name of one, only the commands
 * of its module (the rest are not loaded).
 */
export async function buildProgram(only?: string): Promise<Command> {
  const program = new Command('framelab')
    .description('Framing and rhetoric analysis of Russian-language texts: count framing terms per paragraph in every inflected form, chart them, read them in context and test them, and reproduce the notebooks.')
    .version(version)
    .showHelpAfterError('(add --help for usage)')
    .exitOverride();
  // --safe-csv (and sample --excel) neutralise spreadsheet formulas in every CSV the command writes
  program.hook('preAction', (_program, action) => {
    // an option's old spelling (`freq --by`, `chart --out`) is carried over to the new one, with a note
    resolveAliases(action);
    const opts = action.opts() as { safeCsv?: boolean; excel?: boolean };
    if (opts.safeCsv || (action.name() === 'sample' && opts.excel)) guardCsvFormulas(true);
  });
  const known = only !== undefined && COMMANDS.some((c) => c.names.includes(only));
  for (const c of COMMANDS) if (!known || c.names.includes(only)) (await c.register())(program);
  for (const command of program.commands) tidyDescription(command);
  return program;
}

/**
 * A command's help starts with what it does: its description, or its one-line summary when it has
 * none. Line breaks inside a paragraph are joined, so that commander wraps the text to the
 * terminal's width instead of breaking it twice; blank lines keep paragraphs apart.
 */
function tidyDescription(command: Command): void {
  const text = command.description() || command.summary();
  command.description(
    text
      .split(/\n\s*\n/)
      .map((paragraph) => paragraph.replace(/\s*\n\s*/g, ' ').trim())
      .join('\n\n'),
  );
}

export async function main(argv: string[] = process.argv): Promise<void> {
  // help and version text go through the stdout stream: a reader that closed the pipe (`| head`) ends the run quietly
  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') process.exit(0);
    process.stderr.write(`framelab: cannot write to stdout: ${err.code ?? err.message}\n`);
    process.exit(1);
  });
  try {
    // a command named first loads its own module alone (anything else, help or a typo among them, loads every one)
    await (await buildProgram(argv[2])).parseAsync(argv);
  } catch (err) {
    if (err instanceof CommanderError) {
      // commander has already printed its message (or the help / version text)
      process.exitCode = err.exitCode === 0 ? 0 : 2;
      return;
    }
    reportError(err);
  }
}

if (require.main === module) void main();
