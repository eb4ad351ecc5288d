#!/bin/bash
# usage: benchmarks/live/live-bench.sh [COUNT] [ROUNDS] [WARMUP]   (as root, after the distribution is built)
#
# jptables' daemon against the NFQUEUE yardstick, in one run, measured as shared/live/nfq-bench.sh
# measures the C consumer: two namespaces of this script's own joined by a veth; COUNT identical UDP
# frames (198.18.0.2:40000 -> 198.18.0.1:9) arrive on fw's eth0 in one burst (the queue, 65536
# long, holds it whole) and the consumer's rate is taken from its first to its last packet.
#   1. the kernel alone (filter INPUT counts and drops them)
#   2. the C consumer (nfq_accept.c, libnetfilter_queue): one verdict per packet, then batched
#   3. jptables daemon with the seed's ruleset (conf/default.rules: the frames meet REJECT), --batch 1 and 64
#   4. jptables daemon with a 10,000-rule INPUT chain (the chain of issue 10) before the frames' rule
#   5. the latency added: ping's round trip (200 pings) with the kernel alone, through the C
#      consumer (echo requests queued) and through the daemon (requests and replies queued)
# Every rate is the median of ROUNDS bursts (all of them printed: on a shared VM single bursts drift
# by a third from minute to minute). The daemon gets WARMUP bursts first, not counted (a JVM reaches
# its full speed once its JIT has compiled the packet's path).
# Needs gcc, libnetfilter-queue-dev, python3, iptables-legacy and ping. Addresses stay inside the namespaces.
set -u
here=$(cd "$(dirname "$0")" && pwd); repo=$(cd "$here/../.." && pwd)
yard=${NFQ_YARDSTICK:-$repo/../shared/live}
home=${JPTABLES_HOME:-$repo/distribution/target/jptables}
cnt=${1:-60000}; rounds=${2:-5}; warm=${3:-4}
[ -x "$home/bin/jptables" ] || { echo "build the distribution first ($home/bin/jptables)"; exit 1; }
S=jpt-lb-$$-src; F=jpt-lb-$$-fw; w=$(mktemp -d)
gcc -O2 -o $w/send $yard/send.c || exit 1
gcc -O2 -o $w/nfq_accept $yard/nfq_accept.c -lnetfilter_queue || { echo "needs libnetfilter-queue-dev"; exit 1; }
ip netns add $S; ip netns add $F
daemon=""
trap '[ -n "$daemon" ] && kill $daemon 2>/dev/null; wait 2>/dev/null; ip netns del $S; ip netns del $F; rm -rf $w' EXIT
ip link add s0 netns $S type veth peer name eth0 netns $F
ip -n $S link set s0 address 02:00:00:00:00:02; ip -n $F link set eth0 address 02:00:00:00:00:01
ip -n $F addr add 198.18.0.1/24 dev eth0; ip -n $S addr add 198.18.0.2/24 dev s0
ip -n $S link set s0 up; ip -n $F link set eth0 up; ip -n $F link set lo up
frame=$(python3 -c "
import struct,socket
def cs(b):
  s=sum(struct.unpack('!%dH'%(len(b)//2),b)); s=(s&0xffff)+(s>>16); s=(s&0xffff)+(s>>16); return ~s&0xffff
src=socket.inet_aton('198.18.0.2'); dst=socket.inet_aton('198.18.0.1')
udp=struct.pack('!HHHH',40000,9,8+18,0)+bytes(18)
ip=struct.pack('!BBHHHBBH4s4s',0x45,0,20+len(udp),1,0,64,17,0,src,dst); ip=ip[:10]+struct.pack('!H',cs(ip))+ip[12:]
print((bytes.fromhex('020000000001')+bytes.fromhex('020000000002')+b'\x08\x00'+ip+udp).hex())")
counted() { ip netns exec $F iptables-legacy -L INPUT -v -x -n | tail -1 | awk '{print $1}'; }
rtt() { ip netns exec $S ping -q -c 200 -i 0.005 198.18.0.1 | sed -n 's|.*= [0-9.]*/\([0-9.]*\)/.*|\1|p'; }

echo "# $(date -u +%FT%TZ) $(uname -r), $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg); $cnt frames a burst"
printf '*filter\n:INPUT ACCEPT [0:0]\n-A INPUT -p udp --dport 9 -j DROP\nCOMMIT\n' | ip netns exec $F iptables-legacy-restore
out=$(ip netns exec $S $w/send s0 $cnt $frame); sleep 1
got=$(counted)
echo "kernel alone: counted=$got pps=$(python3 -c "print(int($got/$(echo $out | awk '{print $2}')))")"
kernel_rtt=$(rtt)
printf '*raw\n:PREROUTING ACCEPT [0:0]\n-A PREROUTING -i eth0 -p udp --dport 9 -j NFQUEUE --queue-num 0\nCOMMIT\n' | ip netns exec $F iptables-legacy-restore -n
median() { tr ' ' '\n' | grep . | sort -n | awk '{v[NR]=$1} END {print v[int((NR+1)/2)]}'; }
c_burst() { # MODE: one burst through the C consumer, its rate
  ip netns exec $F $w/nfq_accept 0 $cnt ${1:-} > $w/consumer.out 2>/dev/null & c=$!
  sleep 0.5
  ip netns exec $S $w/send s0 $cnt $frame >/dev/null
  sleep 1; kill $c 2>/dev/null; wait $c 2>/dev/null
  sed -n 's/.*pps=\([0-9]*\).*/\1/p' $w/consumer.out
}
declare -A c_rates
for r in $(seq $rounds); do
  for mode in per-packet batch; do
    c_rates[$mode]="${c_rates[$mode]:-} $(c_burst $([ $mode = batch ] && echo batch))"
  done
done
for mode in per-packet batch; do
  echo "C nfq_accept $mode: pps=$(echo ${c_rates[$mode]} | median)   (bursts:${c_rates[$mode]})"
done
ip netns exec $F iptables-legacy -t raw -A PREROUTING -i eth0 -p icmp -j NFQUEUE --queue-num 0
ip netns exec $F $w/nfq_accept 0 200 > /dev/null 2>&1 & c=$!
sleep 0.5; c_rtt=$(rtt); kill $c 2>/dev/null; wait $c 2>/dev/null
ip netns exec $F iptables-legacy -t raw -D PREROUTING -i eth0 -p icmp -j NFQUEUE --queue-num 0
# the kernel's own rules go: from here the daemon's ruleset decides alone
printf '*raw\n:PREROUTING ACCEPT [0:0]\nCOMMIT\n*filter\n:INPUT ACCEPT [0:0]\nCOMMIT\n' | ip netns exec $F iptables-legacy-restore

env_for() { echo "JPTABLES_HOME=$home JPTABLES_STATE=$w/$1.rules JPTABLES_CONTROL=$w/ctl.sock"; }
# one daemon run: NAME STATE BATCH; prints the last burst's rate and the daemon's latencies
run_daemon() {
  local name=$1 state=$2 batch=$3 rates="" i
  env $(env_for $state) ip netns exec $F $home/bin/jptables daemon --batch $batch > $w/daemon.log 2>&1 & daemon=$!
  for i in $(seq 300); do grep -q "ready:" $w/daemon.log && break; sleep 0.1; done
  grep -q "ready:" $w/daemon.log || { echo "$name: the daemon did not start: $(cat $w/daemon.log)"; return; }
  for i in $(seq $((warm + rounds))); do
    ip netns exec $S $w/send s0 $cnt $frame >/dev/null; sleep 1.2
    [ $i -gt $warm ] && rates="$rates $(env $(env_for $state) $home/bin/jptables daemon status \
      | sed -n 's/^queue 0: .*(last burst \([0-9]*\) packets, \([0-9]*\) packets\/s).*/\2/p')"
  done
  echo "$name --batch $batch: pps=$(echo $rates | median)   (bursts:$rates)"
  echo "    $(env $(env_for $state) $home/bin/jptables daemon status | grep '^latency')"
  if [ "$name" = "daemon seed" ] && [ "$batch" = 1 ]; then
    daemon_rtt=$(rtt)
  fi
  kill $daemon; wait $daemon 2>/dev/null; daemon=""
}
cp $home/conf/default.rules $w/seed.rules
run_daemon "daemon seed" seed 1
run_daemon "daemon seed" seed 64
python3 - $w/big.rules <<'PY'
import sys
with open(sys.argv[1], "w") as f:
    f.write("*filter\n:INPUT ACCEPT [0:0]\n:FORWARD ACCEPT [0:0]\n:OUTPUT ACCEPT [0:0]\n")
    for i in range(10000):
        f.write("-A INPUT -s 10.%d.%d.%d/32 -p tcp -m tcp --dport %d -j DROP\n" % (i >> 16 & 255, i >> 8 & 255, i & 255, 1024 + i % 60000))
    f.write("-A INPUT -p udp -m udp --dport 9 -j DROP\nCOMMIT\n")
PY
run_daemon "daemon 10,000 rules" big 1
run_daemon "daemon 10,000 rules" big 64
echo "ping round trip (ms): kernel alone ${kernel_rtt}, through the C consumer ${c_rtt:-?}, through the daemon (seed, --batch 1) ${daemon_rtt:-?}"
