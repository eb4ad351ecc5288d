#!/bin/bash
# usage: live/bench/nfq-java-bench.sh [COUNT] [WARMUP]   (as root, after ./mvnw -o -q compile -pl live)
# The NFQUEUE round trip of the Java consumer (org.jptables.live.nfqueue.AcceptAllBench) next to the
# C yardstick (nfq_accept.c with libnetfilter_queue), measured the same way as shared/live/nfq-bench.sh:
# two namespaces of this script's own joined by a veth; COUNT identical UDP frames
# (198.18.0.2:40000 -> 198.18.0.1:9) arrive on fw's eth0 in one burst, raw PREROUTING queues them to
# queue 0, the consumer answers ACCEPT (one verdict per packet, then one batch per 64) and times
# first to last packet, and the CPU time it spends per packet (C: user+sys of the whole process by
# /usr/bin/time; Java: the consumer thread's while timed). Java runs twice: cold (the timed burst
# is its first traffic) and warm (WARMUP packets first, in bursts of 50000, answered but not timed: enough reads and verdicts
# for the JIT's last tier, as in a daemon that runs for days).
# REPEAT=N runs each consumer N times (the machine is shared: compare the best of several);
# BENCH_JAVA_OPTS adds JVM options, BENCH_JAVA_WRAP a command before java (perf record...).
# Needs gcc and libnetfilter-queue-dev.
set -u
here=$(cd "$(dirname "$0")" && pwd); repo=$(cd "$here/../.." && pwd)
yard=${NFQ_YARDSTICK:-$repo/../shared/live}; [ -f "$yard/nfq_accept.c" ] || yard=/work/shared/live
cnt=${1:-60000}; warm=${2:-200000}
java=""; for j in "${JAVA_HOME:-}" /usr/lib/jvm/temurin-25* /usr/lib/jvm/java-25* /usr/lib/jvm/jdk-25*; do
  [ -n "$j" ] && [ -x "$j/bin/java" ] && "$j/bin/java" -version 2>&1 | grep -q '"2[5-9]' && { java=$j/bin/java; break; }; done
[ -n "$java" ] || { echo "needs JDK 25 (JAVA_HOME)"; exit 1; }
classes=$repo/live/target/classes; [ -f "$classes/org/jptables/live/nfqueue/AcceptAllBench.class" ] || { echo "compile live first"; exit 1; }
S=jpt-nfqbj-$$-src; F=jpt-nfqbj-$$-fw; w=$(mktemp -d)
gcc -O2 -o $w/send $yard/send.c || exit 1
gcc -O2 -o $w/nfq_accept $yard/nfq_accept.c -lnetfilter_queue || { echo "needs libnetfilter-queue-dev"; exit 1; }
ip netns add $S; ip netns add $F
trap 'ip netns del $S; ip netns del $F; rm -rf $w' EXIT
ip link add s0 netns $S type veth peer name eth0 netns $F
ip -n $S link set s0 address 02:00:00:00:00:02; ip -n $F link set eth0 address 02:00:00:00:00:01
ip -n $F addr add 198.18.0.1/24 dev eth0; ip -n $S addr add 198.18.0.2/24 dev s0
ip -n $S link set s0 up; ip -n $F link set eth0 up
frame=$(python3 -c "
import struct,socket
def cs(b):
  s=sum(struct.unpack('!%dH'%(len(b)//2),b)); s=(s&0xffff)+(s>>16); s=(s&0xffff)+(s>>16); return ~s&0xffff
src=socket.inet_aton('198.18.0.2'); dst=socket.inet_aton('198.18.0.1')
udp=struct.pack('!HHHH',40000,9,8+18,0)+bytes(18)
ip=struct.pack('!BBHHHBBH4s4s',0x45,0,20+len(udp),1,0,64,17,0,src,dst); ip=ip[:10]+struct.pack('!H',cs(ip))+ip[12:]
print((bytes.fromhex('020000000001')+bytes.fromhex('020000000002')+b'\x08\x00'+ip+udp).hex())")
printf '*filter\n:INPUT ACCEPT [0:0]\n-A INPUT -p udp --dport 9 -j DROP\nCOMMIT\n' | ip netns exec $F iptables-legacy-restore
printf '*raw\n:PREROUTING ACCEPT [0:0]\n-A PREROUTING -i eth0 -p udp --dport 9 -j NFQUEUE --queue-num 0\nCOMMIT\n' | ip netns exec $F iptables-legacy-restore -n
counted() { ip netns exec $F iptables-legacy -L INPUT -v -x -n | tail -1 | awk '{print $1}'; }
ready() { for i in $(seq 200); do grep -q ready $1 2>/dev/null && return 0; sleep 0.05; done; return 1; }
# one consumer: NAME, SETTLE (seconds to drain after the burst), COMMAND...; a warm-up burst first when WARM>0
run() {
  local name=$1 settle=$2 warmup=$3; shift 3
  ip netns exec $F iptables-legacy -Z
  ip netns exec $F "$@" > $w/out 2> $w/err & local c=$!
  ready $w/err || sleep 0.5
  # the warm-up in bursts the queue (65536) holds whole, each answered before the next is sent
  local left=$warmup done=0; while [ "$left" -gt 0 ]; do local b=$(( left < 50000 ? left : 50000 ))
    ip netns exec $S $w/send s0 $b $frame >/dev/null; left=$(( left - b )); done=$(( done + b ))
    for i in $(seq 100); do [ "$(counted)" -ge "$done" ] && break; sleep 0.1; done; done
  ip netns exec $S $w/send s0 $cnt $frame >/dev/null
  # a consumer that did not get all its packets is stopped, with what /usr/bin/time runs
  sleep $settle; kill $(pgrep -P $c) $c 2>/dev/null; wait $c 2>/dev/null
  echo "$name: $(cat $w/out) counted=$(counted)"
}
jrun="${BENCH_JAVA_WRAP:-} $java --enable-native-access=ALL-UNNAMED ${BENCH_JAVA_OPTS:-} -cp $classes org.jptables.live.nfqueue.AcceptAllBench"
for r in $(seq ${REPEAT:-1}); do
  for mode in "" batch; do
    m=${mode:-per-packet}
    run "C nfq_accept $m" 2 0 /usr/bin/time -f "cpu/packet=%U+%Ss/$cnt" -o $w/time $w/nfq_accept 0 $cnt $mode
    echo "  C $(python3 -c "import re;u,s,c=re.findall(r'[0-9.]+',open('$w/time').read().split('=')[1]);print('cpu/packet=%.2fus (user %.2f)'%((float(u)+float(s))/float(c)*1e6,float(u)/float(c)*1e6))" 2>/dev/null)"
    run "Java cold    $m" 3 0 $jrun 0 $cnt $mode
    run "Java warm    $m" 3 $warm $jrun 0 $cnt $mode --warmup $warm
  done
done
