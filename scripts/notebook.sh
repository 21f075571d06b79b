#!/usr/bin/env bash
# Starts Jupyter Notebook on notebooks/ with the project's tslab kernel (run 'npm run setup' first).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
. scripts/jupyter-env.sh
[ -f "$JUPYTER_PATH/kernels/tslab/kernel.json" ] || { echo "framelab: run 'npm run setup' first" >&2; exit 1; }
root_flag=(); [ "$(id -u)" = 0 ] && root_flag=(--allow-root)
exec /usr/bin/python3 -m notebook --notebook-dir="$root/notebooks" "${root_flag[@]}" "$@"
