#!/usr/bin/env bash
# npm run bench: framelab against the bare Node tokenizer and the two peer pipelines of
# ../shared/bench (pandas + Snowball, tidytext + SnowballC) on the same JSONL files, in one run.
#
#   scripts/bench.sh [--sizes 10,100] [--with-1gb] [--runs 1]
#
# Builds (or reuses) the shared corpus with ../shared/bench/make_corpus.sh in $PEERS_WORK
# (default: peers-work in the temp folder), installs the peers' Debian packages, checks that
# framelab's counts equal a full-lemmatization run, and prints a Markdown table of wall time,
# MiB/s and peak memory (/usr/bin/time -v), then the ratios the targets are stated in.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
BENCH="$ROOT/../shared/bench"
SIZES=10,100; RUNS=1; GB=0
while [ $# -gt 0 ]; do
  case "$1" in
    --sizes) SIZES="$2"; shift 2 ;;
    --runs) RUNS="$2"; shift 2 ;;
    --with-1gb) GB=1; shift ;;
    -h|--help) sed -n '2,11p' "$0"; exit 0 ;;
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
echo "== peers' packages" >&2
"$BENCH/install_peers.sh" >/dev/null
[ -x /usr/bin/time ] || apt-get install -y -qq time >/dev/null
npm run --silent build

CLI="node $ROOT/dist/cli/main.js"
TAB="$OUT/timings.tsv"; : > "$TAB"
timed() {  # name size cmd... → appends name, size, MiB, wall s, peak RSS MiB
  local name="$1" n="$2"; shift 2
  local c="$CORPUS/ru_debian_${n}mb.jsonl" log="$OUT/$name-$n.time"
  /usr/bin/time -v -o "$log" "$@" > "$OUT/$name-$n.out" 2> "$OUT/$name-$n.err" || { echo "bench: $name on ${n} MB failed, see $OUT/$name-$n.err" >&2; exit 1; }
  local wall rss mib
  wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {n=split($2,t,":"); s=0; for(i=1;i<=n;i++) s=s*60+t[i]; print s}' "$log")
  rss=$(awk -F': ' '/Maximum resident set size/ {printf "%.0f", $2/1024}' "$log")
  mib=$(awk -v b="$(stat -c %s "$c")" 'BEGIN {printf "%.2f", b/1048576}')
  printf '%s\t%s\t%s\t%s\t%s\n' "$name" "$n" "$mib" "$wall" "$rss" >> "$TAB"
  printf 'bench: %-28s %5s MB  %7.2f s  %6s MiB RSS\n' "$name" "$n" "$wall" "$rss" >&2
}

for n in ${SIZES//,/ }; do
  C="$CORPUS/ru_debian_${n}mb.jsonl"; cat "$C" > /dev/null
  for r in $(seq "$RUNS"); do
    timed node-tokenize "$n" node "$ROOT/scripts/bench-tokenize.js" "$C"
    timed framelab-jobs1 "$n" $CLI count "$C" --jobs 1 -q --out "$OUT/framelab-$n.csv"
    timed framelab-jobs2 "$n" $CLI count "$C" --jobs 2 -q --out "$OUT/framelab2-$n.csv"
    timed framelab-frames3 "$n" $CLI count "$C" --dict "$BENCH/frames.json" -q --out "$OUT/framelab3-$n.csv"
    timed peer_python "$n" /usr/bin/python3 "$BENCH/peer_python.py" "$C" "$BENCH/frames.json" "$OUT/py-$n.csv"
    timed peer_r "$n" Rscript "$BENCH/peer_r.R" "$C" "$BENCH/frames.json" "$OUT/r-$n.csv"
  done
  # exactness: the lemma filter and the worker threads change nothing
  timed framelab-full-lemmas "$n" $CLI count "$C" --jobs 2 --full-lemmas -q --out "$OUT/framelab-full-$n.csv"
  cmp -s "$OUT/framelab-$n.csv" "$OUT/framelab-full-$n.csv" || { echo "bench: counts differ from full lemmatization on $n MB" >&2; exit 1; }
  cmp -s "$OUT/framelab-$n.csv" "$OUT/framelab2-$n.csv" || { echo "bench: --jobs 2 differs from --jobs 1 on $n MB" >&2; exit 1; }
  echo "bench: $n MB: counts equal a full-lemmatization run, and --jobs 2 equals --jobs 1" >&2
done
if [ "$GB" = 1 ]; then
  C="$CORPUS/ru_debian_1000mb.jsonl"; timed framelab-jobs2 1000 $CLI count "$C" --jobs 2 -q --out "$OUT/framelab2-1000.csv"
fi
# start-up: the whole command on the bundled article (best of 5)
best=""
for i in 1 2 3 4 5; do
  s=$( { /usr/bin/time -f '%e' $CLI count "$ROOT/data/ngo-grants-dialogue-2025.ru.txt" -q > /dev/null; } 2>&1 | tail -1 )
  best=$(awk -v a="$s" -v b="${best:-999}" 'BEGIN {print (a < b) ? a : b}')
done
echo "STARTUP	$best" >> "$TAB"
echo "bench: framelab count on the bundled article: $best s (best of 5)" >&2

node - "$TAB" "$(nproc)" <<'JS'
const fs = require('fs');
const lines = fs.readFileSync(process.argv[2], 'utf8').trim().split('\n');
const startup = lines.find((l) => l.startsWith('STARTUP'));
const rows = lines.filter((l) => !l.startsWith('STARTUP')).map((l) => {
  const [name, n, mib, wall, rss] = l.split('\t');
  return { name, n: +n, mib: +mib, wall: +wall, rss: +rss, rate: +mib / +wall };
});
const best = new Map();
for (const r of rows) { const k = r.name + '@' + r.n; if (!best.has(k) || best.get(k).wall > r.wall) best.set(k, r); }
const get = (name, n) => best.get(name + '@' + n);
console.log(`| pipeline | corpus MiB | wall s | MiB/s | peak RSS MiB |\n|---|---|---|---|---|`);
for (const r of [...best.values()]) console.log(`| ${r.name} | ${r.mib.toFixed(1)} | ${r.wall.toFixed(2)} | ${r.rate.toFixed(2)} | ${r.rss} |`);
console.log(`\nMachine: ${process.argv[3]} cores. Ratios (MiB/s of framelab with --jobs 2 and the bundled dictionary):\n`);
console.log('| corpus | × peer_python (target ≥ 5) | × peer_r (target ≥ 10) | node tokenizer ÷ framelab (target ≤ 2) | jobs 2 ÷ jobs 1 | peak RSS MiB (target < 300) |\n|---|---|---|---|---|---|');
for (const n of [...new Set(rows.map((r) => r.n))]) {
  const f = get('framelab-jobs2', n), f1 = get('framelab-jobs1', n), py = get('peer_python', n), r = get('peer_r', n), t = get('node-tokenize', n);
  const x = (a, b) => (a && b ? (a.rate / b.rate).toFixed(2) : '–');
  console.log(`| ${n} MB | ${x(f, py)} | ${x(f, r)} | ${x(t, f)} | ${x(f, f1)} | ${f ? f.rss : '–'} |`);
}
if (startup) console.log(`\nStart-up: \`framelab count\` on the bundled article takes ${startup.split('\t')[1]} s (whole process, best of 5).`);
JS
