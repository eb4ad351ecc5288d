#!/bin/bash
# usage (root, ipset 7.17, iptables-legacy 1.8.9), from plugins/set:
#   src/test/record/record.sh < src/test/record/rules.txt > src/test/resources/recorded.tsv
# as plugin-testkit/record-rules.sh, with the sets of sets.txt created first in the namespace (the
# set plugin's tests create the same sets): table, chain, rule, result, saved, exit, error, -L line,
# -L -n line of each rule
ns=jpt-setrec$$
ip netns add $ns || exit 1
trap 'ip netns del $ns' EXIT
ip netns exec $ns ipset restore < "$(dirname "$0")/sets.txt" || exit 1
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
