import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Command } from 'commander';
import { FramelabError } from '../errors';
import { BUNDLED_DICTIONARY } from '../frames/dictionary';
import { writeFileAtomic } from '../util/atomic';
import { makeDir } from '../util/output';
import { UsageError } from './run';
import { withOptions } from './options';
import { DEFAULT_PYTHON } from '../defaults';
import { LOCAL_FRAMELAB, npmInstall, upgradeStudy, VENDOR_DIR, vendorFramelab } from './vendor';

/** Debian's packages that give Jupyter with what framelab uses of it. */
const APT_PACKAGES = ['jupyter-notebook', 'jupyter-nbconvert', 'jupyter-client', 'python3-nbclient'];
/** Debian's python: the first python3 on PATH may lack Jupyter's modules. */
export { DEFAULT_PYTHON };

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
 * Sets up a project for notebooks: Jupyter (from Debian's packages when missing and allowed) and the
 * tslab kernel registered in the project's own `.jupyter/` (its path is this project's, written on
 * this machine and never committed). It trusts no notebook: only `framelab reproduce` signs, and
 * only the notebooks it has just written (see {@link signNotebooks}).
 */
export function setupProject(root: string, python = DEFAULT_PYTHON): void {
  ensureJupyter(python);
  installKernel(root, python, ['--prefix', path.join(root, '.jupyter')]);
  const list = spawnSync(python, ['-m', 'jupyter', 'kernelspec', 'list'], { env: jupyterEnv(root), encoding: 'utf8' });
  if (!/^\s*tslab\s/m.test(list.stdout ?? '')) throw new FramelabError('the tslab kernel did not register');
}

/** Registers the project's tslab kernel with `tslab install` and the given place (`--prefix DIR` or `--user`). */
function installKernel(root: string, python: string, where: string[]): void {
  const tslab = tslabBinary(root);
  const r = spawnSync(tslab, ['install', '--python', python, '--binary', tslab, ...where], { encoding: 'utf8' });
  if (r.status !== 0) throw new FramelabError(`registering the tslab kernel failed: ${(r.stderr || r.error?.message || '').trim().split('\n').pop()}`);
}

/** A notebook file and the SHA-256 of the bytes that were written to it. */
export interface WrittenNotebook {
  file: string;
  sha256: string;
}

/**
 * Python that signs notebooks in the Jupyter data folder of its environment (the trust store the
 * notebook server of that environment reads: `nbsignatures.db` and `notebook_secret` in
 * JUPYTER_DATA_DIR), each only if its bytes still have the SHA-256 given for it.
 */
const SIGN_BY_CONTENT = `
import hashlib, json, sys
import nbformat
from nbformat.sign import NotebookNotary
notary = NotebookNotary()
for item in json.load(sys.stdin):
    data = open(item["file"], "rb").read()
    if hashlib.sha256(data).hexdigest() != item["sha256"]:
        sys.exit("changed since it was written: " + item["file"])
    notary.sign(nbformat.reads(data.decode("utf-8"), as_version=4))
`;

/**
 * Signs notebooks as trusted in the project's Jupyter data folder, so that their charts show live:
 * by content, exactly the bytes that were written (a notebook changed since is refused, and a
 * notebook that arrives from elsewhere is never signed by a set-up).
 */
export function signNotebooks(python: string, notebooks: WrittenNotebook[], env: NodeJS.ProcessEnv): void {
  if (notebooks.length === 0) return;
  const r = spawnSync(python, ['-c', SIGN_BY_CONTENT], { env, encoding: 'utf8', input: JSON.stringify(notebooks) });
  if (r.status !== 0) throw new FramelabError(`could not sign the notebooks: ${(r.stderr || r.error?.message || '').trim().split('\n').pop()}`);
}

/** The lines a shell evaluates to point plain `jupyter` commands at a project's `.jupyter/` (see {@link jupyterEnv}). */
export function envExports(root: string): string {
  const env = jupyterEnv(root, {});
  const quote = (v: string) => `'${v.replace(/'/g, `'\\''`)}'`;
  return ['JUPYTER_PATH', 'JUPYTER_DATA_DIR', 'JUPYTER_CONFIG_DIR', 'JUPYTER_RUNTIME_DIR', 'IPYTHONDIR', 'PYDEVD_DISABLE_FILE_VALIDATION']
    .map((k) => `export ${k}=${quote(env[k]!)}`)
    .join('\n');
}

/**
 * A notebook as nbformat (and so Jupyter, on save) writes it: keys sorted, one space of indent,
 * multi-line text as a list of lines, a final line break. Opening and saving it changes nothing.
 */
export function nbformatJson(nb: object): string {
  const lines = (text: string) => text.split(/(?<=\n)/);
  const norm = (v: unknown, key?: string): unknown => {
    if (typeof v === 'string' && (key === 'source' || key === 'text')) return lines(v);
    if (Array.isArray(v)) return v.map((x) => norm(x));
    if (v && typeof v === 'object') {
      return Object.fromEntries(Object.keys(v).sort().map((k) => [k, norm((v as Record<string, unknown>)[k], k)]));
    }
    return v;
  };
  return JSON.stringify(norm(nb), null, 1) + '\n';
}

/** The starter notebook of a study: a question, the code that answers it, a chart and a reading. */
function starterNotebook(name: string): object {
  // cell ids as nbformat 4.5 wants them, so that Jupyter does not add its own on the first save
  let cells = 0;
  const md = (text: string) => ({ cell_type: 'markdown', id: `start-${++cells}`, metadata: {}, source: text });
  const code = (text: string) => ({ cell_type: 'code', execution_count: null, id: `start-${++cells}`, metadata: {}, outputs: [], source: text });
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
      // what the tslab kernel reports and Jupyter writes on save
      language_info: { file_extension: '.ts', mimetype: 'text/typescript', name: 'typescript' },
    },
    nbformat: 4,
    nbformat_minor: 5,
  };
}

/**
 * Makes a study folder: `vendor/framelab-<version>.tgz` (a packed copy of the running framelab, see
 * ./vendor.ts) and `package.json` depending on it (and on tslab), `data/` with the bundled article
 * as a first text, `dictionary.yaml` (the bundled dictionary, to edit), a starter notebook, a README
 * and a .gitignore. Refuses a folder that exists and is not empty. Returns the files made.
 */
export function initStudy(folder: string, frameworkRoot: string): string[] {
  const dir = path.resolve(folder);
  if (fs.existsSync(dir) && (!fs.statSync(dir).isDirectory() || fs.readdirSync(dir).length > 0)) {
    throw new UsageError(`${folder} exists and is not an empty folder: give a new folder name (nothing was written)`);
  }
  const name = path.basename(dir).toLowerCase().replace(/[^a-z0-9._-]+/g, '-').replace(/^[._-]+/, '') || 'study';
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const own = require(path.join(frameworkRoot, 'package.json')) as { version: string; devDependencies?: Record<string, string>; overrides?: Record<string, string> };
  const existed = fs.existsSync(dir);
  fs.mkdirSync(dir, { recursive: true });
  // the study's own copy of framelab: installed from inside the folder, its integrity in the lock file
  let packed: ReturnType<typeof vendorFramelab>;
  try {
    packed = vendorFramelab(frameworkRoot, dir);
  } catch (err) {
    fs.rmSync(existed ? path.join(dir, VENDOR_DIR) : dir, { recursive: true, force: true });
    throw err;
  }
  const fl = LOCAL_FRAMELAB;
  const pkg = {
    name,
    version: '0.1.0',
    private: true,
    description: `A framelab study: ${path.basename(dir)}`,
    // framelab from node_modules (installed from vendor/), never looked up in a registry
    scripts: {
      setup: `${fl} setup`,
      notebook: `${fl} setup && ${fl} notebook`,
      reproduce: `${fl} setup && ${fl} reproduce`,
      verify: `${fl} verify`,
      framelab: fl,
    },
    dependencies: { framelab: `file:${VENDOR_DIR}/${packed.file}` },
    devDependencies: { tslab: own.devDependencies?.tslab ?? '^1.0.22' },
    // as in framelab itself: danfojs-node declares tfjs-node (a binary download) where tfjs does
    overrides: own.overrides ?? {},
  };
  const files: Array<[string, string | Buffer]> = [
    ['package.json', JSON.stringify(pkg, null, 2) + '\n'],
    ['dictionary.yaml', fs.readFileSync(BUNDLED_DICTIONARY)],
    ['data/ngo-grants-dialogue-2025.ru.txt', fs.readFileSync(path.join(frameworkRoot, 'data', 'ngo-grants-dialogue-2025.ru.txt'))],
    ['notebooks/01-start.ipynb', nbformatJson(starterNotebook(path.basename(dir)))],
    ['.gitignore', 'node_modules/\nout/\n.jupyter/\n'],
    [
      'README.md',
      `# ${path.basename(dir)}\n\n` +
        'A framing study made with `framelab init`.\n\n' +
        '```sh\nnpm ci               # install framelab from vendor/ (the lock file holds its integrity) and tslab\n' +
        'npm run reproduce    # set up Jupyter and the TypeScript kernel here, run every notebook, check its tables\n' +
        'npm run verify       # check the files against out/manifest.json: inputs, notebooks, the framelab code that ran  # docs-test: skip (needs out/ from npm run reproduce)\n' +
        'npm run notebook     # open the study in Jupyter (add Jupyter options after --: npm run notebook -- --no-browser)\n```\n\n' +
        'The folder carries its own framelab (`vendor/framelab-*.tgz`): move it, zip it or commit it to a\n' +
        'repository of its own, and `npm ci && npm run reproduce` runs it anywhere with Node 20. framelab is never\n' +
        'looked up in a registry; `npm run framelab -- <command>` (or `npx --no framelab <command>`) runs the\n' +
        "study's copy. To move to a newer framelab on purpose, run `framelab upgrade <this folder>` from that\n" +
        'framelab: it replaces the tarball and updates the lock file.\n\n' +
        '- `data/`: the texts (.txt, .md, .jsonl, .csv, also .gz); the bundled column is a first example: replace it.\n' +
        '- `dictionary.yaml`: the framing categories (quanteda-style YAML); a comment above a category describes it.\n' +
        '- `notebooks/`: the analysis; paths in a notebook are relative to its folder (`../data`).\n' +
        '- `results/`: the tables the notebooks produced when they were last accepted; `npm run reproduce` compares\n' +
        '  a new run with them (the first run records them; `npm run reproduce -- --update` accepts a change).\n' +
        '- `out/`: executed notebooks (signed as trusted: their charts are live), charts (SVG, PNG, HTML, JSON), tables\n' +
        '  and `manifest.json`: the SHA-256 of every file the run read, the framelab code, and versions (not committed).\n\n' +
        'Jupyter keeps its files (the kernel, trust signatures) in `.jupyter/` here, written on each machine by\n' +
        '`npm run setup`; nothing goes to your home folder. A notebook from elsewhere opens "Not Trusted" (its\n' +
        'charts show as images) until you run it, or trust it: `npx --no framelab trust notebooks/its.ipynb`.\n' +
        'For plain `jupyter` commands, `eval "$(npx --no framelab env)"` points them at this kernel.\n',
    ],
  ];
  for (const [rel, content] of files) {
    const file = path.join(dir, rel);
    makeDir(path.dirname(file));
    writeFileAtomic(file, content);
  }
  makeDir(path.join(dir, 'results'));
  return [`${VENDOR_DIR}/${packed.file}`, ...files.map(([rel]) => rel)];
}

/** `framelab init`, `framelab setup` and `framelab notebook`: work in a folder of one's own. */
export function registerStudy(program: Command): void {
  const frameworkRoot = path.resolve(__dirname, '..', '..');
  withOptions(
    program
      .command('init')
      .summary('make a study folder: data, dictionary, a starter notebook, and npm scripts to run it')
      .argument('<folder>', 'a new (or empty) folder'),
    ['noInstall'],
  )
    .addHelpText('after', '\nExample:\n  npx framelab init ../my-study && cd ../my-study && npm run reproduce')
    .action((folder: string, flags: { install: boolean }) => {
      const made = initStudy(folder, frameworkRoot);
      process.stderr.write(`framelab: made ${folder}: ${made.join(', ')}\n`);
      if (flags.install) {
        process.stderr.write('framelab: npm install …\n');
        npmInstall(path.resolve(folder));
      }
      process.stderr.write(`framelab: next: cd ${folder} && npm run reproduce   (or npm run notebook)\n`);
    });
  const setup = program
    .command('setup')
    .summary('set up Jupyter and the tslab kernel for the notebooks of this folder (in .jupyter/)')
    .description(
      'Install Jupyter from Debian\'s packages when it is missing (as root), and register the tslab kernel of\n' +
        'this folder in its own .jupyter/ (nothing goes to your home folder).\n\n' +
        'It trusts no notebook: a notebook opens "Not Trusted" (its charts as images) until "framelab reproduce"\n' +
        'writes it anew, or you trust it yourself with "framelab trust".',
    );
  withOptions(setup, ['python'])
    .addHelpText('after', '\nExample:\n  npm run setup   (in a study: node node_modules/framelab/dist/cli/main.js setup)')
    .action((flags: { python: string }) => {
      setupProject(process.cwd(), flags.python);
      process.stderr.write('framelab: set up: the tslab kernel is in .jupyter/ (nothing in your home folder)\n');
    });
  const notebook = program
    .command('notebook')
    .summary('open this folder in Jupyter Notebook, with the kernel of this folder; Jupyter options pass through')
    .description(
      'Start Jupyter Notebook at the root of this folder (so that notebooks/, data/ and dictionary.yaml are all\n' +
        'in reach of the browser), with the tslab kernel and the trust store of .jupyter/. Every option this\n' +
        'command does not know goes to Jupyter as given (--no-browser, --port 8899, --ip 127.0.0.1, ...).',
    )
    .argument('[jupyter-options...]', 'options for Jupyter Notebook');
  withOptions(notebook, ['python'])
    .allowUnknownOption()
    .allowExcessArguments()
    .addHelpText('after', '\nExample:\n  npm run notebook -- --no-browser --port 8899')
    .action((jupyterArgs: string[], flags: { python: string }) => {
      const root = process.cwd();
      const env = jupyterEnv(root);
      if (!fs.existsSync(path.join(env.JUPYTER_PATH!, 'kernels', 'tslab', 'kernel.json'))) throw new FramelabError('the tslab kernel is not set up here: run "framelab setup" (npm run setup) first');
      const args = ['-m', 'notebook', `--notebook-dir=${root}`, ...(process.getuid?.() === 0 ? ['--allow-root'] : []), ...jupyterArgs];
      const r = spawnSync(flags.python, args, { env, stdio: 'inherit' });
      process.exitCode = r.status ?? 1;
    });
  const trust = program
    .command('trust')
    .summary('trust notebooks as they are now, in this folder\'s Jupyter trust store (.jupyter/data)')
    .description(
      'Sign the notebooks as trusted in the trust store that "framelab notebook" reads (.jupyter/data of this\n' +
        'folder), so that their charts show live and their scripts run. Trust only a notebook whose outputs you\n' +
        'have reason to believe: its scripts run in your browser. A change to the notebook drops its trust.',
    )
    .argument('<notebooks...>', '.ipynb files');
  withOptions(trust, ['python'])
    .addHelpText('after', '\nExample:\n  npx --no framelab trust notebooks/01-start.ipynb')
    .action((notebooks: string[], flags: { python: string }) => {
      const items = notebooks.map((f) => {
        if (!fs.existsSync(f) || !fs.statSync(f).isFile()) throw new FramelabError('no such notebook', { file: f });
        return { file: path.resolve(f), sha256: createHash('sha256').update(fs.readFileSync(f)).digest('hex') };
      });
      signNotebooks(flags.python, items, jupyterEnv(process.cwd()));
      process.stderr.write(`framelab: trusted ${items.length} notebook(s) in .jupyter/data\n`);
    });
  program
    .command('env')
    .summary('print the shell lines that point plain jupyter commands at this folder\'s kernel (.jupyter/)')
    .description(
      'Print export lines for JUPYTER_PATH, JUPYTER_DATA_DIR, JUPYTER_CONFIG_DIR, JUPYTER_RUNTIME_DIR and\n' +
        'IPYTHONDIR. Evaluated in a shell, they let "jupyter notebook", "jupyter nbconvert --execute" and\n' +
        '"python3 -m nbformat.sign" find the tslab kernel and the trust store of this folder, with nothing\n' +
        'written to your home folder. (VS Code and JupyterLab started from that shell see the kernel too.)',
    )
    .argument('[folder]', 'the study or project folder', '.')
    .addHelpText('after', '\nExample:\n  eval "$(npx --no framelab env)" && jupyter nbconvert --to html --execute notebooks/01-start.ipynb')
    .action((folder: string) => {
      process.stdout.write(envExports(path.resolve(folder)) + '\n');
    });
  const kernel = program
    .command('kernel')
    .summary('register this folder\'s tslab kernel: in .jupyter/ (as setup does), or with --user in your home')
    .description(
      'Register the tslab kernel of this folder for Jupyter. By default it goes to .jupyter/ here, as\n' +
        '"framelab setup" does. With --user it goes to your home folder (~/.local/share/jupyter/kernels/tslab),\n' +
        'where every Jupyter of yours finds it: then it runs this folder\'s tslab, so register it again from\n' +
        'another folder to change that.',
    );
  withOptions(kernel, ['user', 'python'])
    .addHelpText('after', '\nExample:\n  npx --no framelab kernel --user')
    .action((flags: { user?: boolean; python: string }) => {
      const root = process.cwd();
      installKernel(root, flags.python, flags.user ? ['--user'] : ['--prefix', path.join(root, '.jupyter')]);
      process.stderr.write(`framelab: the tslab kernel is registered ${flags.user ? 'in your home folder (--user)' : 'in .jupyter/'}\n`);
    });
  const upgrade = program
    .command('upgrade')
    .summary('replace the framelab copy of a study (vendor/) with this framelab, and update its lock file')
    .description(
      'Pack the framelab that runs this command (npm pack) into the study\'s vendor/, remove the tarball that\n' +
        'was there, point package.json at the new one and run npm install, which records its integrity in\n' +
        'package-lock.json. Run it from the framelab you want the study to use.',
    )
    .argument('[folder]', 'the study folder', '.');
  withOptions(upgrade, ['noInstall'], { noInstall: { description: 'do not run npm install (the lock file is updated at the next npm install)' } })
    .addHelpText('after', '\nExample:\n  node ~/framelab/dist/cli/main.js upgrade ~/studies/my-study')
    .action((folder: string, flags: { install: boolean }) => {
      const { before, after, changed } = upgradeStudy(frameworkRoot, path.resolve(folder), { install: flags.install });
      process.stderr.write(
        changed
          ? `framelab: ${folder}: vendor/${after.file} (${after.integrity.slice(0, 20)}…) replaces ${before.length ? before.map((f) => `vendor/${f}`).join(', ') : 'no vendored copy'}\n`
          : `framelab: ${folder} already has this framelab (vendor/${after.file}): nothing changed\n`,
      );
    });
}
