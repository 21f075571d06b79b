import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Command } from 'commander';
import { FramelabError } from '../errors';
import { BUNDLED_DICTIONARY } from '../frames/dictionary';
import { writeFileAtomic } from '../util/atomic';
import { makeDir } from '../util/output';
import { UsageError } from './run';

/** Debian's packages that give Jupyter with what framelab uses of it. */
const APT_PACKAGES = ['jupyter-notebook', 'jupyter-nbconvert', 'jupyter-client', 'python3-nbclient'];
/** Debian's python: the first python3 on PATH may lack Jupyter's modules. */
export const DEFAULT_PYTHON = '/usr/bin/python3';

/**
 * The environment that keeps every Jupyter file of a project (kernel spec, config, runtime, data)
 * in its own `.jupyter/` folder, leaving the user's home untouched; a JUPYTER_PATH the caller set
 * wins.
 */
export function jupyterEnv(root: string, base: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  const local = path.join(root, '.jupyter');
  const env: NodeJS.ProcessEnv = { ...base, PYDEVD_DISABLE_FILE_VALIDATION: '1' };
  if (!base.JUPYTER_PATH) {
    env.JUPYTER_PATH = path.join(local, 'share', 'jupyter');
    env.JUPYTER_DATA_DIR = path.join(local, 'data');
    env.JUPYTER_CONFIG_DIR = path.join(local, 'config');
    env.JUPYTER_RUNTIME_DIR = path.join(local, 'runtime');
    env.IPYTHONDIR = path.join(local, 'ipython');
  }
  return env;
}

function hasJupyter(python: string): boolean {
  return fs.existsSync(python) && spawnSync(python, ['-c', 'import notebook, nbclient, nbconvert, jupyter_client'], { stdio: 'ignore' }).status === 0;
}

/** Installs Jupyter from Debian's packages when it is missing and this is a Debian machine with root; else says what to run. */
function ensureJupyter(python: string): void {
  if (hasJupyter(python)) return;
  const root = process.getuid?.() === 0;
  const apt = spawnSync('sh', ['-c', 'command -v apt-get'], { stdio: 'ignore' }).status === 0;
  if (!root || !apt) throw new FramelabError(`Jupyter is missing: install it (sudo apt-get install -y ${APT_PACKAGES.join(' ')}), then run this again`);
  process.stderr.write(`framelab: installing Jupyter from Debian's packages: ${APT_PACKAGES.join(' ')}\n`);
  for (const args of [['update', '-qq'], ['install', '-y', '-qq', ...APT_PACKAGES]]) {
    const r = spawnSync('apt-get', args, { stdio: ['ignore', 'ignore', 'inherit'], env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
    if (r.status !== 0) throw new FramelabError(`apt-get ${args[0]} failed (exit ${r.status})`);
  }
  if (!hasJupyter(python)) throw new FramelabError(`${python} still cannot import Jupyter's modules after apt-get install`);
}

/** The tslab executable of a project: its own `node_modules/.bin/tslab`, else the one installed beside framelab. */
function tslabBinary(root: string): string {
  const own = path.join(root, 'node_modules', '.bin', 'tslab');
  if (fs.existsSync(own)) return own;
  try {
    const pkg = require.resolve('tslab/package.json', { paths: [root, __dirname] });
    const bin = path.join(path.dirname(pkg), 'bin', 'tslab');
    if (fs.existsSync(bin)) return bin;
  } catch {
    // not installed
  }
  throw new FramelabError('tslab is not installed here: add it (npm install --save-dev tslab), then run "framelab setup" again');
}

/**
 * Sets up a project for notebooks: Jupyter (from Debian's packages when missing and allowed), the
 * tslab kernel registered in the project's own `.jupyter/` (its path is this project's, written on
 * this machine and never committed), and the project's notebooks signed as trusted.
 */
export function setupProject(root: string, python = DEFAULT_PYTHON): void {
  ensureJupyter(python);
  const tslab = tslabBinary(root);
  const r = spawnSync(tslab, ['install', '--python', python, '--binary', tslab, '--prefix', path.join(root, '.jupyter')], { encoding: 'utf8' });
  if (r.status !== 0) throw new FramelabError(`registering the tslab kernel failed: ${(r.stderr || r.error?.message || '').trim().split('\n').pop()}`);
  const env = jupyterEnv(root);
  const list = spawnSync(python, ['-m', 'jupyter', 'kernelspec', 'list'], { env, encoding: 'utf8' });
  if (!/^\s*tslab\s/m.test(list.stdout ?? '')) throw new FramelabError('the tslab kernel did not register');
  const notebooks = path.join(root, 'notebooks');
  const files = fs.existsSync(notebooks) ? fs.readdirSync(notebooks).filter((f) => f.endsWith('.ipynb')).map((f) => path.join(notebooks, f)) : [];
  if (files.length) signNotebooks(python, files, env);
}

/** Signs notebooks as trusted in the project's Jupyter data folder, so that their saved charts show live. */
export function signNotebooks(python: string, notebooks: string[], env: NodeJS.ProcessEnv): void {
  const r = spawnSync(python, ['-m', 'nbformat.sign', ...notebooks], { env, encoding: 'utf8' });
  if (r.status !== 0) throw new FramelabError(`could not sign the notebooks: ${(r.stderr || r.error?.message || '').trim().split('\n').pop()}`);
}

/** The relative path from a folder to another, as a `file:` dependency writes it. */
function relativeSpec(from: string, to: string): string {
  const rel = path.relative(from, to).split(path.sep).join('/');
  return `file:${rel.startsWith('.') ? rel : `./${rel}`}`;
}

/** The starter notebook of a study: a question, the code that answers it, a chart and a reading. */
function starterNotebook(name: string): object {
  const md = (text: string) => ({ cell_type: 'markdown', metadata: {}, source: text });
  const code = (text: string) => ({ cell_type: 'code', execution_count: null, metadata: {}, outputs: [], source: text });
  return {
    cells: [
      md(
        `# ${name}: как тексты обрамляют тему\n\n` +
          '**Вопрос.** Какие фреймы словаря `dictionary.yaml` встречаются в текстах из `data/`, где и как часто?\n\n' +
          'Замените файлы в `data/` своими (.txt, .md, .jsonl, .csv, также сжатые .gz) и правьте `dictionary.yaml`; ' +
          'блокнот прочитает всё заново. Воспроизвести: `npm run reproduce`.',
      ),
      code(
        "import { loadCorpus, loadDictionary, countFrameRows, notebookOutputs, showTable, showMarkdown,\n" +
          "  paragraphChart, totalsChart, describeFrames } from 'framelab';\n\n" +
          "// paths are relative to this notebook's folder: data/ and dictionary.yaml are one level up\n" +
          "const out = notebookOutputs('01-start', { dir: '../out' });\n" +
          "const corpus = loadCorpus('../data', { dedupe: true });\n" +
          "const dictionary = loadDictionary('../dictionary.yaml');\n" +
          'const table = countFrameRows(corpus, dictionary, { rate: true });\n' +
          "out.table('counts', table);\n" +
          'showTable(table, { limit: 10 });',
      ),
      md('## Фреймы по абзацам\n\nСтолбик — абзац, цвет — категория; подсказка показывает начало абзаца и счёт, щелчок по легенде выделяет категорию.'),
      code("await out.chart('paragraphs', paragraphChart(table));"),
      md('## Итог по текстам'),
      code("await out.chart('totals', totalsChart(table));"),
      md('## Чтение результата\n\nТекст ниже собран из чисел таблицы: при другом словаре или корпусе он изменится вместе с ними.'),
      code('showMarkdown(describeFrames(table));'),
    ],
    metadata: {
      kernelspec: { display_name: 'TypeScript', language: 'typescript', name: 'tslab' },
      language_info: { codemirror_mode: { mode: 'typescript', name: 'javascript', typescript: true }, file_extension: '.ts', mimetype: 'text/typescript', name: 'typescript', version: '3.7.2' },
    },
    nbformat: 4,
    nbformat_minor: 5,
  };
}

/**
 * Makes a study folder: `package.json` depending on framelab (and tslab), `data/` with the bundled
 * article as a first text, `dictionary.yaml` (the bundled dictionary, to edit), a starter notebook,
 * a README and a .gitignore. Refuses a folder that exists and is not empty. Returns the files made.
 */
export function initStudy(folder: string, frameworkRoot: string): string[] {
  const dir = path.resolve(folder);
  if (fs.existsSync(dir) && (!fs.statSync(dir).isDirectory() || fs.readdirSync(dir).length > 0)) {
    throw new UsageError(`${folder} exists and is not an empty folder: give a new folder name (nothing was written)`);
  }
  const name = path.basename(dir).toLowerCase().replace(/[^a-z0-9._-]+/g, '-').replace(/^[._-]+/, '') || 'study';
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const own = require(path.join(frameworkRoot, 'package.json')) as { version: string; devDependencies?: Record<string, string>; overrides?: Record<string, string> };
  const pkg = {
    name,
    version: '0.1.0',
    private: true,
    description: `A framelab study: ${path.basename(dir)}`,
    scripts: {
      setup: 'framelab setup',
      notebook: 'framelab setup && framelab notebook',
      reproduce: 'framelab setup && framelab reproduce',
    },
    dependencies: { framelab: relativeSpec(dir, frameworkRoot) },
    devDependencies: { tslab: own.devDependencies?.tslab ?? '^1.0.22' },
    // as in framelab itself: danfojs-node declares tfjs-node (a binary download) where tfjs does
    overrides: own.overrides ?? {},
  };
  const files: Array<[string, string | Buffer]> = [
    ['package.json', JSON.stringify(pkg, null, 2) + '\n'],
    ['dictionary.yaml', fs.readFileSync(BUNDLED_DICTIONARY)],
    ['data/ngo-grants-dialogue-2025.ru.txt', fs.readFileSync(path.join(frameworkRoot, 'data', 'ngo-grants-dialogue-2025.ru.txt'))],
    ['notebooks/01-start.ipynb', JSON.stringify(starterNotebook(path.basename(dir)), null, 1) + '\n'],
    ['.gitignore', 'node_modules/\nout/\n.jupyter/\n'],
    [
      'README.md',
      `# ${path.basename(dir)}\n\n` +
        'A framing study made with `framelab init`.\n\n' +
        '```sh\nnpm run reproduce   # set up Jupyter and the TypeScript kernel here, run every notebook, check its tables\n' +
        'npm run notebook    # open the notebooks in Jupyter\n```\n\n' +
        '- `data/`: the texts (.txt, .md, .jsonl, .csv, also .gz); the bundled column is a first example: replace it.\n' +
        '- `dictionary.yaml`: the framing categories (quanteda-style YAML); a comment above a category describes it.\n' +
        '- `notebooks/`: the analysis; paths in a notebook are relative to its folder (`../data`).\n' +
        '- `results/`: the tables the notebooks produced when they were last accepted; `npm run reproduce` compares\n' +
        '  a new run with them (the first run records them; `npx framelab reproduce --update` accepts a change).\n' +
        '- `out/`: executed notebooks, charts (SVG, PNG, HTML, JSON), tables and `manifest.json` (not committed).\n\n' +
        'Jupyter keeps its files (the kernel, trust signatures) in `.jupyter/` here, written on each machine by\n' +
        '`npm run setup`; nothing goes to your home folder.\n',
    ],
  ];
  for (const [rel, content] of files) {
    const file = path.join(dir, rel);
    makeDir(path.dirname(file));
    writeFileAtomic(file, content);
  }
  makeDir(path.join(dir, 'results'));
  return files.map(([rel]) => rel);
}

/** `framelab init`, `framelab setup` and `framelab notebook`: work in a folder of one's own. */
export function registerStudy(program: Command): void {
  const frameworkRoot = path.resolve(__dirname, '..', '..');
  program
    .command('init')
    .summary('make a study folder: data, dictionary, a starter notebook, and npm scripts to run it')
    .argument('<folder>', 'a new (or empty) folder')
    .option('--no-install', 'do not run npm install in it')
    .addHelpText('after', '\nExample:\n  npx framelab init ../my-study && cd ../my-study && npm run reproduce')
    .action((folder: string, flags: { install: boolean }) => {
      const made = initStudy(folder, frameworkRoot);
      process.stderr.write(`framelab: made ${folder}: ${made.join(', ')}\n`);
      if (flags.install) {
        process.stderr.write('framelab: npm install …\n');
        const r = spawnSync('npm', ['install', '--no-audit', '--no-fund'], { cwd: path.resolve(folder), stdio: ['ignore', 'inherit', 'inherit'] });
        if (r.status !== 0) throw new FramelabError(`npm install failed in ${folder} (exit ${r.status}); run it there again`);
      }
      process.stderr.write(`framelab: next: cd ${folder} && npm run reproduce   (or npm run notebook)\n`);
    });
  program
    .command('setup')
    .summary('set up Jupyter and the tslab kernel for the notebooks of this folder (in .jupyter/)')
    .option('--python <path>', 'python with Jupyter', DEFAULT_PYTHON)
    .action((flags: { python: string }) => {
      setupProject(process.cwd(), flags.python);
      process.stderr.write('framelab: set up: the tslab kernel is in .jupyter/ (nothing in your home folder)\n');
    });
  program
    .command('notebook')
    .summary('open the notebooks of this folder in Jupyter Notebook, with the kernel of this folder')
    .option('--python <path>', 'python with Jupyter', DEFAULT_PYTHON)
    .allowUnknownOption()
    .action((flags: { python: string }, cmd: Command) => {
      const root = process.cwd();
      const env = jupyterEnv(root);
      if (!fs.existsSync(path.join(env.JUPYTER_PATH!, 'kernels', 'tslab', 'kernel.json'))) throw new FramelabError('the tslab kernel is not set up here: run "framelab setup" (npm run setup) first');
      const dir = fs.existsSync(path.join(root, 'notebooks')) ? path.join(root, 'notebooks') : root;
      const args = ['-m', 'notebook', `--notebook-dir=${dir}`, ...(process.getuid?.() === 0 ? ['--allow-root'] : []), ...cmd.args];
      const r = spawnSync(flags.python, args, { env, stdio: 'inherit' });
      process.exitCode = r.status ?? 1;
    });
}
