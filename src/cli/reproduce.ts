import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Command } from 'commander';
import { FramelabError } from '../errors';
import { executeNotebook, slimNotebook, type NotebookRun } from '../reproduce/execute';
import { buildManifest, jupyterVersions } from '../reproduce/manifest';
import { readsOf } from '../util/reads';
import { readManifest, verifyManifest } from '../reproduce/verify';
import { compareTables, updateSnapshot } from '../reproduce/snapshot';
import { writeFileAtomic } from '../util/atomic';
import { makeDir } from '../util/output';
import { DEFAULT_PYTHON, jupyterEnv, signNotebooks } from './study';
import { withOptions } from './options';

interface ReproduceFlags {
  notebooks: string;
  results: string;
  outDir: string;
  data: string;
  update?: boolean;
  python: string;
}

/** `framelab reproduce`: run every notebook, export charts and tables, check the tables against the snapshot. */
export function registerReproduce(program: Command): void {
  const reproduce = program
    .command('reproduce')
    .summary('run every notebook headlessly and check its tables against the snapshot')
    .description(
      'Execute every notebook of --notebooks in its Jupyter kernel (nbconvert), in name order. Notebooks\n' +
        'write their charts and tables under --out (FRAMELAB_OUT); the tables are compared cell by cell with\n' +
        'the snapshot in --results, and out/manifest.json records versions and SHA-256 of inputs and outputs.',
    );
  withOptions(reproduce, ['notebooks', 'results', 'outDir', 'data', 'update', 'python'], {
    outDir: { description: 'where executed notebooks, charts, tables and the manifest go', defaultValue: 'out' },
  }).action(async (flags: ReproduceFlags) => {
      const root = process.cwd();
      const out = path.resolve(flags.outDir);
      const nbDir = path.resolve(flags.notebooks);
      if (!fs.existsSync(nbDir)) throw new FramelabError('no such notebooks folder', { file: flags.notebooks });
      const notebooks = fs.readdirSync(nbDir).filter((f) => f.endsWith('.ipynb')).sort().map((f) => path.join(nbDir, f));
      if (notebooks.length === 0) throw new FramelabError('no .ipynb notebooks in this folder', { file: flags.notebooks });
      if (!fs.existsSync(flags.python)) throw new FramelabError(`${flags.python} not found: install Jupyter (npm run setup does) or pass --python`);
      for (const sub of ['charts', 'tables', 'notebooks']) fs.rmSync(path.join(out, sub), { recursive: true, force: true });
      makeDir(path.join(out, 'notebooks'));
      // the notebooks' kernels record every file framelab reads there (see src/util/reads.ts)
      const readsLog = path.join(out, 'reads.jsonl');
      fs.rmSync(readsLog, { force: true });
      const env = { ...jupyterEnv(root), FRAMELAB_OUT: out, FRAMELAB_READS: readsLog };
      const runs: NotebookRun[] = [];
      for (const [i, nb] of notebooks.entries()) {
        process.stderr.write(`framelab: [${i + 1}/${notebooks.length}] ${path.relative(root, nb)} … `);
        const run = await executeNotebook(nb, path.join(out, 'notebooks'), { python: flags.python, env });
        runs.push(run);
        process.stderr.write(run.error ? `failed after ${run.seconds.toFixed(1)} s\n` : `${run.seconds.toFixed(1)} s\n`);
      }
      const failed = runs.filter((r) => r.error);
      for (const r of failed) {
        const e = r.error!;
        const where = e.cell > 0 ? `cell ${e.cell} (${e.source.trim()})` : 'kernel';
        process.stderr.write(`framelab: error: ${path.relative(root, r.notebook)}: ${where}: ${e.message}\n`);
      }
      const manifest = buildManifest({
        root,
        dataDir: path.resolve(flags.data),
        outDir: out,
        notebooks: runs.map((r) => ({ file: r.notebook, seconds: r.seconds })),
        reads: readsOf(readsLog),
        jupyter: jupyterVersions(flags.python),
      });
      writeFileAtomic(path.join(out, 'manifest.json'), JSON.stringify(manifest, null, 2) + '\n');
      if (failed.length) {
        process.exitCode = 1;
        return;
      }
      // the executed copies open trusted (their charts are live): exactly the bytes this run wrote, and nothing else
      const written = runs.map((r) => ({ file: r.output, sha256: r.sha256! }));
      signNotebooks(flags.python, written, env);
      const results = path.resolve(flags.results);
      const tables = path.join(out, 'tables');
      const firstRun = !fs.existsSync(results) || fs.readdirSync(results).length === 0;
      if (firstRun && !flags.update) {
        const { written } = updateSnapshot(results, tables);
        process.stderr.write(
          `framelab: no snapshot yet: recorded this run's ${written.length} table(s) in ${path.relative(root, results) || '.'}; the next run is compared with them\n`,
        );
        return;
      }
      if (flags.update) {
        const { written, removed } = updateSnapshot(results, tables);
        process.stderr.write(`framelab: snapshot updated: ${written.length} table(s) written to ${path.relative(root, results)}${removed.length ? `, ${removed.length} removed` : ''}\n`);
        // the notebooks are committed with their outputs, so that they read well on a code host
        // (each chart once: its HTML, see slimNotebook), and signed as exactly the bytes written here
        const committed = runs.map((r) => ({ file: r.notebook, sha256: slimNotebook(r.output, r.notebook, { python: flags.python, env }) }));
        signNotebooks(flags.python, committed, env);
        process.stderr.write(`framelab: ${runs.length} notebook(s) saved with their outputs and signed as trusted\n`);
        return;
      }
      const diffs = compareTables(results, tables);
      if (diffs.length) {
        for (const d of diffs) process.stderr.write(`framelab: differs: ${path.relative(root, results)}/${d.file}: ${d.message}\n`);
        process.stderr.write('framelab: the tables do not match the snapshot; if the change is intended, run with --update\n');
        process.exitCode = 1;
        return;
      }
      const charts = manifest.outputs.filter((o) => o.file.includes('/charts/') && o.file.endsWith('.json')).length;
      process.stderr.write(
        `framelab: reproduced: ${runs.length} notebook(s), ${manifest.outputs.filter((o) => o.file.includes('/tables/')).length} table(s) equal to the snapshot, ` +
          `${charts} chart(s) in ${path.relative(root, out)}/charts, manifest ${path.relative(root, out)}/manifest.json\n`,
      );
    });
  const verify = program
    .command('verify')
    .summary('check a folder against the manifest of its last reproduce run, and name what differs')
    .description(
      'Compare the folder with out/manifest.json (or --manifest): every input the run read (texts, the\n' +
        'dictionary, lexicons, tables, coding sheets), every notebook and every output table and chart must\n' +
        'be there with the SHA-256 it had, and the installed framelab must be the code that ran. Each\n' +
        'difference is one line; the exit status is 1 when a file or the code differs. Other Node, package or\n' +
        'Jupyter versions are warnings only.',
    )
    .argument('[folder]', 'the study or project folder', '.');
  withOptions(verify, ['manifest', 'python'], { python: { description: 'python whose Jupyter versions to compare' } })
    .addHelpText('after', '\nExample:\n  npm run verify   (in a study: node node_modules/framelab/dist/cli/main.js verify)')
    .action((folder: string, flags: { manifest: string; python: string }) => {
      const root = path.resolve(folder);
      const manifest = readManifest(path.resolve(root, flags.manifest));
      const found = verifyManifest(root, manifest, { python: fs.existsSync(flags.python) ? flags.python : undefined });
      for (const f of found) process.stderr.write(`framelab: ${f.level === 'error' ? 'differs' : 'warning'}: ${f.message}\n`);
      const errors = found.filter((f) => f.level === 'error').length;
      if (errors) {
        process.stderr.write(`framelab: ${folder} does not match ${flags.manifest}: ${errors} difference(s)\n`);
        process.exitCode = 1;
        return;
      }
      process.stderr.write(
        `framelab: verified: ${manifest.inputs.length} input(s), ${manifest.notebooks.length} notebook(s), ${manifest.outputs.length} output(s) and framelab ${manifest.framelab.version} ` +
          `(code ${manifest.framelab.sha256.slice(0, 12)}…) match ${flags.manifest}\n`,
      );
    });
}
