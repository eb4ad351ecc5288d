#!/usr/bin/env bash
# Records every conformance case on the real kernel into OUT_DIR/<case>/kernel.json.
#
#   record-all.sh OUT_DIR [--shared] [CASE...]
#
# Cases: conformance/cases/*/ (or the CASE names given); with --shared also the shared ones
# (conformance/shared-cases, copied from ../shared/conformance; or $JPTABLES_SHARED_CONFORMANCE).
# Needs root, `ip netns`, iptables-legacy and python3; where they are missing it prints one line
# "skipped: network namespaces not available (...)" and exits 0.
set -uo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
cases_dir="$(dirname "$here")/cases"

if [ $# -lt 1 ]; then
  echo "usage: $0 OUT_DIR [--shared] [CASE...]" >&2
  exit 2
fi
out="$1"; shift
shared=""
names=()
for a in "$@"; do
  case "$a" in
    --shared) shared=1 ;;
    *) names+=("$a") ;;
  esac
done

skip() { echo "skipped: network namespaces not available ($1)"; exit 0; }

[ "$(id -u)" = 0 ] || skip "not root"
command -v python3 >/dev/null 2>&1 || skip "python3 missing"
command -v ip >/dev/null 2>&1 || skip "iproute2 missing"
if ! command -v iptables-legacy-restore >/dev/null 2>&1; then
  if command -v apt-get >/dev/null 2>&1; then
    (apt-get install -y iptables || { apt-get update && apt-get install -y iptables; }) >/dev/null 2>&1
  fi
  command -v iptables-legacy-restore >/dev/null 2>&1 || skip "iptables-legacy missing"
fi
if ! command -v nft >/dev/null 2>&1 && command -v apt-get >/dev/null 2>&1; then
  apt-get install -y nftables >/dev/null 2>&1   # only quiet-host cases need it
fi
if ! command -v ipset >/dev/null 2>&1 && command -v apt-get >/dev/null 2>&1; then
  apt-get install -y ipset >/dev/null 2>&1   # only cases with sets need it
fi
if ! command -v nfacct >/dev/null 2>&1 && command -v apt-get >/dev/null 2>&1; then
  apt-get install -y nfacct >/dev/null 2>&1   # only cases with accounting objects need it
fi
probe="jprec-$$-probe"
ip netns add "$probe" >/dev/null 2>&1 || skip "ip netns add failed"
trap 'ip netns del "$probe" >/dev/null 2>&1' EXIT
ip netns exec "$probe" iptables-legacy-save >/dev/null 2>&1 || skip "iptables-legacy does not work in a namespace"
ip netns del "$probe" >/dev/null 2>&1
trap - EXIT

mkdir -p "$out"
dirs=()
if [ ${#names[@]} -gt 0 ]; then
  for n in "${names[@]}"; do dirs+=("$cases_dir/$n"); done
else
  for d in "$cases_dir"/*/; do [ -f "$d/ruleset.rules" ] && dirs+=("${d%/}"); done
fi
if [ -n "$shared" ]; then
  sdir="${JPTABLES_SHARED_CONFORMANCE:-$(dirname "$here")/shared-cases}"
  for d in "$sdir"/*/; do [ -f "$d/ruleset.rules" ] && dirs+=("${d%/}"); done
fi

ok=0; failed=0; packets=0
for d in "${dirs[@]}"; do
  name="$(basename "$d")"
  if [ -f "$d/mode" ] && grep -q quiet-host "$d/mode" && ! command -v nft >/dev/null 2>&1; then
    echo "skipped $name: quiet-host mode needs nftables' nft, which could not be installed"
    continue
  fi
  if [ -f "$d/sets" ] && ! command -v ipset >/dev/null 2>&1; then
    echo "skipped $name: its sets need ipset, which could not be installed"
    continue
  fi
  if [ -f "$d/nfacct" ] && ! command -v nfacct >/dev/null 2>&1; then
    echo "skipped $name: its accounting objects need nfacct, which could not be installed"
    continue
  fi
  if [ -f "$d/osf" ] && ! command -v nfnl_osf >/dev/null 2>&1; then
    echo "skipped $name: its OS fingerprints need iptables' nfnl_osf, which is missing"
    continue
  fi
  mkdir -p "$out/$name"
  if python3 "$here/record.py" "$d" -o "$out/$name/kernel.json" 2>"$out/$name/record.err"; then
    n=$(grep -c . "$d/packets.jsonl")
    # the case's inputs beside the recording (every file but the committed recording), so that
    # the folder is a case of its own
    for f in "$d"/*; do
      [ -f "$f" ] && [ "$(basename "$f")" != kernel.json ] && cp "$f" "$out/$name/"
    done
    packets=$((packets + n)); ok=$((ok + 1)); rm -f "$out/$name/record.err"
    echo "recorded $name ($n packets)"
  else
    failed=$((failed + 1))
    echo "FAILED $name: $(tail -1 "$out/$name/record.err")"
  fi
done
echo "recorded $ok cases ($packets packets), $failed failed, into $out"
[ "$failed" = 0 ]
