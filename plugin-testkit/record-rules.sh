#!/bin/bash
# usage (root, iptables-legacy 1.8.9), from a plugin's folder:
#   ../../plugin-testkit/record-rules.sh < src/test/record/rules.txt > src/test/resources/recorded.tsv
# records each rule of rules.txt (table, chain, rule; tab-separated) with iptables-legacy 1.8.9 in a
# namespace of its own, deleted at the end: table, chain, rule, result, saved, exit, error, -L line,
# -L -n line; the testkit's RecordedRules compares a plugin with those lines.
# RECORD_SETUP, when set, is a shell command run in the namespace first: the objects the rules name
# that only another tool makes (RECORD_SETUP='nfacct add test' for -m nfacct)
ns=jprec$$
ip netns add $ns || exit 1
trap 'ip netns del $ns' EXIT
if [ -n "$RECORD_SETUP" ]; then ip netns exec $ns sh -c "$RECORD_SETUP" || exit 1; fi
while IFS=$'\t' read -r table chain rule; do
  [ -z "$table" ] && continue
  for t in filter nat mangle raw; do ip netns exec $ns iptables-legacy -t $t -F; done
  err=$(eval "ip netns exec $ns iptables-legacy -t $table -A $chain $rule" 2>&1 >/dev/null); rc=$?
  if [ $rc -eq 0 ]; then
    saved=$(ip netns exec $ns iptables-legacy -t $table -S $chain | tail -1); saved=${saved#"-A $chain "}
    [ "$saved" = "-A $chain" ] && saved=""
    l=$(ip netns exec $ns iptables-legacy -t $table -L $chain | tail -1)
    ln=$(ip netns exec $ns iptables-legacy -t $table -L $chain -n | tail -1)
    printf '%s\t%s\t%s\tOK\t%s\t0\t\t%s\t%s\n' "$table" "$chain" "$rule" "$saved" "$l" "$ln"
  else
    err=$(printf '%s' "$err" | head -1)
    printf '%s\t%s\t%s\tFAIL\t\t%s\t%s\t\t\n' "$table" "$chain" "$rule" "$rc" "$err"
  fi
done
