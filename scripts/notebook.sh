#!/usr/bin/env bash
# Starts Jupyter Notebook at the project root with the project's tslab kernel (run 'npm run setup' first);
# Jupyter options pass through: npm run notebook -- --no-browser --port 8899
set -euo pipefail
cd "$(dirname "$0")/.."
exec node dist/cli/main.js notebook "$@"
