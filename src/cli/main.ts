#!/usr/bin/env node
// first, for its effect: a big count's worker threads boot while the modules below load
import './early';
import { Command, CommanderError } from 'commander';
import { registerAnalysis } from './analysis';
import { registerChart } from './chart';
import { registerCompare } from './compare';
import { registerContext, registerSuggest } from './context';
import { registerCount } from './count';
import { registerReproduce } from './reproduce';
import { registerRhetoric } from './rhetoric';
import { registerStudy } from './study';
import { registerReliability, registerSample, registerValidate } from './validate';
import { registerPredict, registerTrain } from './models';
import { registerLss } from './lss';
import { reportError } from './run';
import { resolveAliases } from './options';
import { guardCsvFormulas } from '../util/csv-safe';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { version } = require('../../package.json') as { version: string };

/** Builds the `framelab` command line. */
export function buildProgram(): Command {
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
  registerCount(program);
  registerCompare(program);
  registerChart(program);
  registerAnalysis(program);
  registerRhetoric(program);
  registerReproduce(program);
  registerSample(program);
  registerValidate(program);
  registerReliability(program);
  registerStudy(program);
  registerContext(program);
  registerSuggest(program);
  registerTrain(program);
  registerPredict(program);
  registerLss(program);
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
    await buildProgram().parseAsync(argv);
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
