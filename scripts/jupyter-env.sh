# Sourced by the scripts: keeps every Jupyter file (kernel spec, config, runtime, data) inside the project.
root=${root:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)}
export JUPYTER_PATH="$root/.jupyter/share/jupyter"
export JUPYTER_DATA_DIR="$root/.jupyter/data"
export JUPYTER_CONFIG_DIR="$root/.jupyter/config"
export JUPYTER_RUNTIME_DIR="$root/.jupyter/runtime"
export IPYTHONDIR="$root/.jupyter/ipython"
mkdir -p "$JUPYTER_DATA_DIR" "$JUPYTER_CONFIG_DIR" "$JUPYTER_RUNTIME_DIR"
export PYDEVD_DISABLE_FILE_VALIDATION=1
