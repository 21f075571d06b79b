#!/usr/bin/env bash
# npm run bench: framelab against two lower bounds (a byte-level scan and a regex tokenizer in
# plain Node) and the three peer pipelines of ../shared/bench (pandas + Snowball, tidytext +
# SnowballC, Node + natural) on the same JSONL files, in one run, with the targets as ratios.
#
#   scripts/bench.sh [--sizes 10,100] [--with-1gb] [--runs 1] [--no-before]
#
# Builds (or reuses) the shared corpus with ../shared/bench/make_corpus.sh in $PEERS_WORK
# (default: peers-work in the temp folder), installs the peers, times every command with
# /usr/bin/time -v, checks that framelab's counts equal those of the code before the engine
# rewrite (a git worktree of BEFORE_COMMIT; --no-before skips it), a --full-lemmas run, and
# --jobs 1 against --jobs 2, and prints Markdown tables: every run, then each target.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
BENCH="$ROOT/../shared/bench"
# the last commit before the single engine: its counts are the reference for exactness
BEFORE_COMMIT=a725cdf
SIZES=10,100; RUNS=1; GB=0; BEFORE=1
while [ $# -gt 0 ]; do
  case "$1" in
    --sizes) SIZES="$2"; shift 2 ;;
    --runs) RUNS="$2"; shift 2 ;;
    --with-1gb) GB=1; shift ;;
    --no-before) BEFORE=0; shift ;;
    -h|--help) sed -n '2,13p' "$0"; exit 0 ;;
    *) echo "bench: unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
done
[ -d "$BENCH" ] || { echo "bench: $BENCH not found (the shared benchmark folder)" >&2; exit 1; }
export PEERS_WORK=${PEERS_WORK:-$(dirname "$(mktemp -u)")/peers-work}
CORPUS="$PEERS_WORK/corpus"; OUT="$PEERS_WORK/framelab-bench"; mkdir -p "$OUT"
SCALES=$SIZES; [ "$GB" = 1 ] && SCALES="$SIZES,1000"

echo "== corpus ($CORPUS)" >&2
need=0; for n in ${SCALES//,/ }; do [ -f "$CORPUS/ru_debian_${n}mb.jsonl" ] || need=1; done
if [ "$need" = 1 ]; then "$BENCH/make_corpus.sh" --scale "$SCALES" >&2; fi
echo "== peers" >&2
"$BENCH/install_peers.sh" >/dev/null
[ -x /usr/bin/time ] || apt-get install -y -qq time >/dev/null
npm run --silent build
PEER_NODE="$PEERS_WORK/peer_node/peer_node.js"

# a private lemma cache: one run fills it, the others (like a user's second run) read it
export FRAMELAB_CACHE_DIR="$OUT/cache"
rm -rf "$FRAMELAB_CACHE_DIR"
CLI="node $ROOT/dist/cli/main.js"
TAB="$OUT/timings.tsv"; : > "$TAB"
timed() {  # name size file cmd... → appends name, size, MiB, wall s, cpu s, peak RSS MiB
  local name="$1" n="$2" c="$3"; shift 3
  local log="$OUT/$name-$n.time"
  /usr/bin/time -v -o "$log" "$@" > "$OUT/$name-$n.out" 2> "$OUT/$name-$n.err" || { echo "bench: $name on $n failed, see $OUT/$name-$n.err" >&2; exit 1; }
  local wall cpu rss mib
  wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {n=split($2,t,":"); s=0; for(i=1;i<=n;i++) s=s*60+t[i]; print s}' "$log")
  cpu=$(awk -F': ' '/User time/ {u=$2} /System time/ {s=$2} END {printf "%.2f", u+s}' "$log")
  rss=$(awk -F': ' '/Maximum resident set size/ {printf "%.0f", $2/1024}' "$log")
  mib=$(awk -v b="$(stat -c %s "$c")" 'BEGIN {printf "%.2f", b/1048576}')
  printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$name" "$n" "$mib" "$wall" "$cpu" "$rss" >> "$TAB"
  printf 'bench: %-24s %6s  %7.2f s wall  %7.2f s cpu  %6s MiB RSS\n' "$name" "$n" "$wall" "$cpu" "$rss" >&2
}

ARTICLE="$ROOT/data/ngo-grants-dialogue-2025.ru.txt"
FRAMES="$BENCH/frames.json"
for n in ${SIZES//,/ }; do
  C="$CORPUS/ru_debian_${n}mb.jsonl"; cat "$C" > /dev/null
  # the first run of all starts without a lemma cache
  timed framelab-cold "$n" "$C" env FRAMELAB_CACHE_DIR="$OUT/cold-$n" $CLI count "$C" -q --out "$OUT/cold-$n.csv"
  rm -rf "$OUT/cold-$n"
  # fill the bench's lemma cache (as a user's first run does), untimed
  $CLI count "$C" -q --out /dev/null
  $CLI count "$C" --dict "$FRAMES" -q --out /dev/null
  for r in $(seq "$RUNS"); do
    timed bytescan "$n" "$C" node "$ROOT/scripts/bench-bytescan.js" "$C"
    timed node-tokenize "$n" "$C" node "$ROOT/scripts/bench-tokenize.js" "$C"
    timed framelab-jobs1 "$n" "$C" $CLI count "$C" --jobs 1 -q --out "$OUT/framelab1-$n.csv"
    timed framelab "$n" "$C" $CLI count "$C" -q --out "$OUT/framelab-$n.csv"
    timed framelab-frames3 "$n" "$C" $CLI count "$C" --dict "$FRAMES" -q --out "$OUT/framelab3-$n.csv"
    timed peer_python "$n" "$C" /usr/bin/python3 "$BENCH/peer_python.py" "$C" "$FRAMES" "$OUT/py-$n.csv"
    timed peer_node "$n" "$C" node "$PEER_NODE" "$C" "$FRAMES" "$OUT/node-$n.csv"
    timed peer_r "$n" "$C" Rscript "$BENCH/peer_r.R" "$C" "$FRAMES" "$OUT/r-$n.csv"
  done
  # exactness: the lemma shortcut and the threads change nothing
  $CLI count "$C" --jobs 2 --full-lemmas -q --out "$OUT/framelab-full-$n.csv"
  cmp -s "$OUT/framelab-$n.csv" "$OUT/framelab-full-$n.csv" || { echo "bench: counts differ from full lemmatization on $n MB" >&2; exit 1; }
  cmp -s "$OUT/framelab-$n.csv" "$OUT/framelab1-$n.csv" || { echo "bench: --jobs 2 differs from --jobs 1 on $n MB" >&2; exit 1; }
  cmp -s "$OUT/framelab-$n.csv" "$OUT/cold-$n.csv" || { echo "bench: a run with the lemma cache differs from one without on $n MB" >&2; exit 1; }
  echo "bench: $n MB: counts equal a --full-lemmas run, --jobs 1 and a run without lemma cache" >&2
done
if [ "$GB" = 1 ]; then
  C="$CORPUS/ru_debian_1000mb.jsonl"
  timed framelab 1000 "$C" $CLI count "$C" -q --out "$OUT/framelab-1000.csv"
fi

# before and after: the code before the engine rewrite, on the article and every corpus, both dictionaries
if [ "$BEFORE" = 1 ]; then
  B="$OUT/before"
  if [ ! -f "$B/dist/cli/main.js" ]; then
    rm -rf "$B"; git worktree prune
    git worktree add -f --detach "$B" "$BEFORE_COMMIT" >/dev/null 2>&1 || git -C "$ROOT" worktree add -f --detach "$B" "$BEFORE_COMMIT"
    ln -sfn "$ROOT/node_modules" "$B/node_modules"
    (cd "$B" && "$ROOT/node_modules/.bin/tsc" -p tsconfig.json)
  fi
  for input in "$ARTICLE" $(for n in ${SIZES//,/ }; do echo "$CORPUS/ru_debian_${n}mb.jsonl"; done); do
    # the same dictionary file for both: the bundled one as it was at $BEFORE_COMMIT, and frames-3
    for dict in "$B/data/dictionaries/framing-ru.yaml" "$FRAMES"; do
      args=(count "$input" -q --dict "$dict")
      node "$B/dist/cli/main.js" "${args[@]}" --out "$OUT/before.csv"
      $CLI "${args[@]}" --out "$OUT/after.csv"
      # since the matching rules of issue 12, a hyphenated word also matches by its parts: counts may
      # only grow, in rows holding such words; anything else is a regression
      node "$ROOT/scripts/bench-compare.js" "$OUT/before.csv" "$OUT/after.csv" "$BEFORE_COMMIT $(basename "$input")${dict:+ with $(basename "$dict")}" >&2 || exit 1
    done
  done
  echo "BEFORE	same" >> "$TAB"
fi

# start-up: the whole command on the bundled article (best of 5, lemma cache filled above)
best=""
for i in 1 2 3 4 5; do
  s=$( { /usr/bin/time -f '%e' $CLI count "$ARTICLE" -q > /dev/null; } 2>&1 | tail -1 )
  best=$(awk -v a="$s" -v b="${best:-999}" 'BEGIN {print (a < b) ? a : b}')
done
echo "STARTUP	$best" >> "$TAB"
# a notebook cell: counting the 10 MB copy in a process that has framelab loaded (second call)
C10="$CORPUS/ru_debian_10mb.jsonl"
if [ -f "$C10" ]; then
  cell=$(node -e "
    const fl = require('$ROOT/dist');
    const dict = fl.loadDictionary();
    (async () => {
      const run = async () => { const t = performance.now(); await fl.countFiles(['$C10'], dict, { dedupe: true }); return (performance.now() - t) / 1000; };
      const first = await run(); const second = await run();
      console.log(first.toFixed(2) + '\t' + second.toFixed(2));
    })();")
  echo "CELL	$cell" >> "$TAB"
fi

node "$ROOT/scripts/bench-report.js" "$TAB" "$(nproc)"
