#!/usr/bin/env bash
# The pure crates (domain, engine, simulator) must not depend, even indirectly, on an IO,
# async or UI stack. Fails listing the offending paths.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
forbidden='^(tokio|sqlx|tauri|egui|eframe|reqwest|hyper|wry|mio)$'
status=0
for crate in fw-domain fw-engine fw-sim fw-ami fw-charts fw-alerts fw-routing fw-survey; do
  deps=$(cargo tree --quiet --edges normal,build --prefix none --format '{p}' -p "$crate" | awk '{print $1}' | sort -u)
  bad=$(grep -E "$forbidden" <<<"$deps" || true)
  if [ -n "$bad" ]; then
    echo "check-pure: $crate depends on: $(tr '\n' ' ' <<<"$bad")" >&2
    status=1
  else
    echo "check-pure: $crate ok ($(wc -l <<<"$deps") crates, none of tokio/sqlx/tauri/egui/reqwest)"
  fi
done
exit $status
