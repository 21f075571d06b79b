#!/usr/bin/env bash
# framelab set-up for notebooks: builds the package, makes it importable by its name from
# notebooks/, and registers the tslab kernel in a project-local Jupyter folder (.jupyter/),
# leaving the user's home untouched. Installs Jupyter from Debian's packages when it is missing
# and this is a Debian/Ubuntu machine with root; otherwise prints the command to run.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
py=/usr/bin/python3   # Debian's python: the first python3 on PATH may lack Jupyter's modules
apt_packages="jupyter-notebook jupyter-nbconvert jupyter-client python3-nbclient"

have_jupyter() { [ -x "$py" ] && "$py" -c 'import notebook, nbclient, nbconvert, jupyter_client' 2>/dev/null; }

missing=""
have_jupyter || missing="$apt_packages"
# Chromium drives the browser test of the notebooks (playwright-core uses Debian's build, never a download)
[ -x /usr/bin/chromium ] || missing="$missing chromium"
if [ -n "$missing" ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "framelab setup: installing from Debian's packages:$missing" >&2
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $missing >/dev/null
  elif ! have_jupyter; then
    echo "framelab setup: Jupyter is missing. Install it, then run 'npm run setup' again:" >&2
    echo "  sudo apt-get install -y $apt_packages chromium" >&2
    exit 1
  else
    echo "framelab setup: note: without /usr/bin/chromium the browser test is skipped (sudo apt-get install -y chromium)" >&2
  fi
fi

npm run --silent build

# Notebooks import framelab by its package name, as an outside user would.
ln -sfn .. node_modules/framelab

# The tslab kernel goes to .jupyter/ (registered with this clone's path, on this machine; never
# committed): the same command a study folder runs. It trusts no notebook (reproduce signs what it writes).
node dist/cli/main.js setup --python "$py"
echo "framelab setup: done (tslab kernel in .jupyter/; 'npm run notebook' opens the project in Jupyter)" >&2
