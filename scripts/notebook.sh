#!/usr/bin/env bash
# Starts Jupyter Notebook on notebooks/ with the project's tslab kernel (run 'npm run setup' first).
set -euo pipefail
cd "$(dirname "$0")/.."
exec node dist/cli/main.js notebook "$@"
