#!/usr/bin/env bash
# Seed the fuzz corpora from the fixtures and the rule files (run from anywhere).
set -euo pipefail
cd "$(dirname "$0")"
mkdir -p corpus/article corpus/rules
cp ../fixtures/articles/*.txt corpus/article/
for f in ../rules/*.toml ../rules/vocab/*.toml; do
  cp "$f" "corpus/rules/$(basename "$(dirname "$f")")_$(basename "$f")"
done
