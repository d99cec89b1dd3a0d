#!/usr/bin/env bash
# Training time with 1 and 2 threads, on an idle machine and while `yes > /dev/null` holds a core
# (the speed issue's shared-machine check; docs/performance.md has the figures).
#
#   bench/contention.sh [SVM_TRAIN] [DATA_DIR]
#
# Defaults: build/release/bin/svm_train and ../shared/datasets/libsvm (letter.scale, ijcnn1).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
svm_train="${1:-$root/build/release/bin/svm_train}"
data="${2:-$root/../shared/datasets/libsvm}"
model="$(mktemp)"
trap 'rm -f "$model"' EXIT

seconds() { /usr/bin/time -f "%e" "$svm_train" -q --threads "$2" -c 16 -g 4 "$data/$1" "$model" 2>&1 | tail -n 1; }

for file in letter.scale ijcnn1; do
  if [ ! -f "$data/$file" ]; then echo "skipping $file: $data/$file not found"; continue; fi
  for load in idle busy; do
    pid=""
    if [ "$load" = busy ]; then yes > /dev/null & pid=$!; sleep 1; fi
    for threads in 1 2 1 2; do echo "$file $load threads=$threads $(seconds "$file" "$threads") s"; done
    if [ -n "$pid" ]; then kill "$pid"; wait "$pid" 2>/dev/null || true; fi
  done
done
