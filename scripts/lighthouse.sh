#!/usr/bin/env bash
# Lighthouse 12.2.3 (mobile, the default) on the home page, a recipient page and the
# equipment register, served from 127.0.0.1; prints the four category scores per page.
#
#   scripts/lighthouse.sh [SITE_DIR] [PAGE ...]
#
# SITE_DIR defaults to site/ (run `osa-site build` first). Needs Node 20 with npx and
# Chromium at $CHROME_PATH (default /usr/bin/chromium). JSON reports go to
# $LIGHTHOUSE_OUT (default: a temporary folder). Exit 1 if a score is below its target:
# accessibility, best practices and SEO 100, performance $MIN_PERFORMANCE (default 98).
set -euo pipefail
cd "$(dirname "$0")/.."

SITE=${1:-site}
shift || true
PAGES=("$@")
[ ${#PAGES[@]} -gt 0 ] || PAGES=("" "recipients/mongolia/" "equipment/")
export CHROME_PATH=${CHROME_PATH:-/usr/bin/chromium}
OUT=${LIGHTHOUSE_OUT:-$(mktemp -d)}
MIN_PERFORMANCE=${MIN_PERFORMANCE:-98}
mkdir -p "$OUT"

[ -f "$SITE/index.html" ] || { echo "no site in $SITE: run 'osa-site build' first" >&2; exit 2; }
[ -x "$CHROME_PATH" ] || { echo "no Chromium at $CHROME_PATH" >&2; exit 2; }

PORT=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
# Served with gzip for text, as GitHub Pages does (python -m http.server does not compress).
python3 scripts/lighthouse_server.py "$SITE" "$PORT" &
SERVER=$!
trap 'kill "$SERVER" 2>/dev/null || true' EXIT
for _ in $(seq 50); do
  python3 -c "import urllib.request; urllib.request.urlopen('http://127.0.0.1:$PORT/')" 2>/dev/null && break
  sleep 0.1
done

FLAGS="--headless=new --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking"
FLAGS="$FLAGS --disable-component-update --disable-sync --host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1"

status=0
for page in "${PAGES[@]}"; do
  name=$(echo "${page:-home}" | tr '/' '_' | sed 's/_$//')
  npx --yes lighthouse@12.2.3 "http://127.0.0.1:$PORT/$page" --quiet \
    --only-categories=performance,accessibility,best-practices,seo \
    --chrome-flags="$FLAGS" --output=json --output-path="$OUT/$name.json" >/dev/null
  python3 - "$OUT/$name.json" "${page:-/}" "$MIN_PERFORMANCE" <<'PY' || status=1
import json, sys
report, page, minimum = json.load(open(sys.argv[1])), sys.argv[2], int(sys.argv[3])
scores = {k: round(v["score"] * 100) for k, v in report["categories"].items()}
print(f"{page:28} " + "  ".join(f"{k} {v}" for k, v in scores.items()))
targets = {"performance": minimum, "accessibility": 100, "best-practices": 100, "seo": 100}
low = [k for k, v in scores.items() if v < targets[k]]
for key in low:
    for audit in report["categories"][key]["auditRefs"]:
        result = report["audits"][audit["id"]]
        if audit["weight"] and result["score"] is not None and result["score"] < 1:
            print(f"    {key}: {audit['id']} ({result['score']}): {result['title']}")
sys.exit(1 if low else 0)
PY
done
echo "reports: $OUT"
exit $status
