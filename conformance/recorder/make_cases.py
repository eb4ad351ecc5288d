#!/usr/bin/env python3
"""Writes conformance/cases/<name>/{ruleset.rules,packets.jsonl,listen,mode} for our own cases.

    make_cases.py [CASES_DIR]     (default: ../cases beside this folder)

The cases are plain files: this script only keeps the hand-made hex packets (fragments, malformed
headers, IP options) readable. Re-record them afterwards with record-all.sh. It never touches a
case's kernel.json.
"""

import json
import os
import struct
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from packet import build_ip, checksum  # noqa: E402

CASES = {}


def case(name, rules, packets, listen=None, mode=None):
    CASES[name] = (rules.strip() + "\n", packets, listen, mode)


def P(**kw):
    return kw


def fix_ip_csum(ip):
    ihl = (ip[0] & 0x0F) * 4
    ip = bytearray(ip)
    ip[10:12] = b"\0\0"
    ip[10:12] = struct.pack("!H", checksum(bytes(ip[:max(ihl, 20)])))
    return bytes(ip)


def hexed(ip, where="eth0"):
    return {"in": where, "ip": ip.hex()}


def with_ip_options(p, opts):
    """The packet of p with IP options added (checksums redone)."""
    ip = build_ip(p)
    body = ip[20:]
    hdr = bytearray(ip[:20] + opts)
    hdr[0] = 0x40 | (len(hdr) // 4)
    hdr[2:4] = struct.pack("!H", len(hdr) + len(body))
    return fix_ip_csum(bytes(hdr) + body)


def fragments(p, size):
    """p's IPv4 packet cut into fragments whose payloads are `size` bytes (a multiple of 8)."""
    ip = build_ip(p)
    head, data = ip[:20], ip[20:]
    out = []
    for off in range(0, len(data), size):
        chunk = data[off:off + size]
        more = off + size < len(data)
        h = bytearray(head)
        h[2:4] = struct.pack("!H", 20 + len(chunk))
        h[6:8] = struct.pack("!H", (0x2000 if more else 0) | (off // 8))
        out.append(fix_ip_csum(bytes(h) + chunk))
    return out


FWD_DROP = """*filter
:INPUT ACCEPT [0:0]
:FORWARD DROP [0:0]
:OUTPUT ACCEPT [0:0]
"""

A, B, C = "198.18.0.2", "198.18.1.2", "198.18.0.1"   # src, dst, fw eth0
EXT = "203.0.113.5"

# --- matches -----------------------------------------------------------------------------------

case("tcp-match", FWD_DROP + """
-A FORWARD -p tcp -m tcp --tcp-flags FIN,SYN,RST,PSH,ACK,URG FIN,PSH,URG -j DROP
-A FORWARD -p tcp -m tcp --syn --dport 80 -j ACCEPT
-A FORWARD -p tcp -m tcp --tcp-flags SYN,ACK SYN,ACK --sport 1000:2000 -j ACCEPT
-A FORWARD -p tcp -m tcp --dport 443 --tcp-option 2 -j ACCEPT
-A FORWARD -p tcp -m tcp ! --dport 0:1023 ! --syn -j ACCEPT
-A FORWARD -p tcp -m tcp --sport 22 ! --tcp-flags RST RST -j ACCEPT
COMMIT
""", [
    P(src=A, dst=B, dport=80),
    P(src=A, dst=B, dport=80, flags="SA"),
    P(src=A, dst=B, dport=81, flags="FPU"),
    P(src=B, dst=A, sport=1500, dport=40000, flags="SA", ack=1001, **{"in": "eth1"}),
    P(src=B, dst=A, sport=2500, dport=40000, flags="SA", ack=1001, **{"in": "eth1"}),
    P(src=A, dst=B, dport=443, mss=1460),
    P(src=A, dst=B, dport=443),
    P(src=A, dst=B, dport=8080, flags="A", ack=5),
    P(src=A, dst=B, dport=8080, flags="S"),
    P(src=B, dst=A, sport=22, dport=40001, flags="PA", ack=9, len=12, **{"in": "eth1"}),
    P(src=B, dst=A, sport=22, dport=40001, flags="R", **{"in": "eth1"}),
    P(src=A, dst=B, dport=80, flags="SEC"),
])

case("udp-icmp-match", FWD_DROP + """
-A FORWARD -p udp -m udp --dport 53 -j ACCEPT
-A FORWARD -p udp -m udp --sport 1024:65535 --dport 123 -j ACCEPT
-A FORWARD -p udp -m udp ! --sport 0:1023 --dport 5000:5100 -j ACCEPT
-A FORWARD -p icmp -m icmp --icmp-type echo-request -j ACCEPT
-A FORWARD -p icmp -m icmp --icmp-type port-unreachable -j ACCEPT
-A FORWARD -p icmp -m icmp --icmp-type 11/1 -j ACCEPT
-A FORWARD -p icmp -m icmp ! --icmp-type any -j ACCEPT
-A FORWARD -p icmp -m icmp --icmp-type timestamp-request -j DROP
COMMIT
""", [
    P(src=A, dst=B, proto="udp"),
    P(src=A, dst=B, proto="udp", dport=54, len=4),
    P(src=A, dst=B, proto="udp", sport=5000, dport=123),
    P(src=A, dst=B, proto="udp", sport=123, dport=123),
    P(src=A, dst=B, proto="udp", sport=6000, dport=5050, len=100),
    P(src=A, dst=B, proto="udp", sport=600, dport=5050),
    P(src=A, dst=B, proto="icmp"),
    P(src=A, dst=B, proto="icmp", type=0),
    P(src=B, dst=A, proto="icmp", type=3, code=3, quote=P(src=A, dst=B, proto="udp", dport=9),
      **{"in": "eth1"}),
    P(src=B, dst=A, proto="icmp", type=3, code=1, quote=P(src=A, dst=B, proto="udp", dport=9),
      **{"in": "eth1"}),
    P(src=B, dst=A, proto="icmp", type=11, code=1, quote=P(src=A, dst=B), **{"in": "eth1"}),
    P(src=B, dst=A, proto="icmp", type=11, code=0, quote=P(src=A, dst=B), **{"in": "eth1"}),
    P(src=A, dst=B, proto="icmp", type=13),
])

case("multiport", FWD_DROP + """
-A FORWARD -p tcp -m multiport --dports 22,80,8000:8010 -j ACCEPT
-A FORWARD -p udp -m multiport --sports 53,123 -j ACCEPT
-A FORWARD -p tcp -m multiport --ports 3306,5432 -j ACCEPT
-A FORWARD -p udp -m multiport ! --dports 1:1000 -j ACCEPT
COMMIT
""", [
    P(src=A, dst=B, dport=22), P(src=A, dst=B, dport=8005), P(src=A, dst=B, dport=8011),
    P(src=A, dst=B, proto="udp", sport=123, dport=999), P(src=A, dst=B, proto="udp", sport=124, dport=999),
    P(src=A, dst=B, sport=3306, dport=1), P(src=A, dst=B, sport=1, dport=5432),
    P(src=A, dst=B, proto="udp", sport=1, dport=1001), P(src=A, dst=B, proto="udp", sport=1, dport=1000),
])

case("iprange", FWD_DROP + """
-A FORWARD -m iprange --src-range 203.0.113.10-203.0.113.20 -j ACCEPT
-A FORWARD -m iprange --dst-range 198.18.1.2-198.18.1.2 ! --src-range 203.0.113.0-203.0.113.100 -j ACCEPT
-A FORWARD -s 203.0.113.50/32 -m iprange ! --dst-range 198.18.9.0-198.18.9.255 -j ACCEPT
COMMIT
""", [
    P(src="203.0.113.10", dst=B), P(src="203.0.113.20", dst=B), P(src="203.0.113.21", dst=B),
    P(src="203.0.113.150", dst=B), P(src="203.0.113.50", dst=B), P(src="203.0.113.50", dst="198.18.9.7"),
    P(src="203.0.113.50", dst="198.18.8.7"), P(src="203.0.113.9", dst="198.18.8.7"),
])

case("length-ttl", FWD_DROP + """
-A FORWARD -m length --length 0:40 -j ACCEPT
-A FORWARD -p udp -m length --length 1000:65535 -j DROP
-A FORWARD -p udp -m length ! --length 100:200 -m ttl --ttl-lt 10 -j ACCEPT
-A FORWARD -m ttl --ttl-eq 200 -j ACCEPT
-A FORWARD -m ttl --ttl-gt 100 -m length --length 100:200 -j ACCEPT
-A FORWARD -m ttl ! --ttl-eq 64 -j ACCEPT
COMMIT
""", [
    P(src=A, dst=B), P(src=A, dst=B, len=1), P(src=A, dst=B, proto="udp", len=1200, ttl=5),
    P(src=A, dst=B, proto="udp", len=300, ttl=5), P(src=A, dst=B, proto="udp", len=100, ttl=5),
    P(src=A, dst=B, ttl=200, len=10), P(src=A, dst=B, ttl=150, len=100), P(src=A, dst=B, ttl=150, len=10),
    P(src=A, dst=B, ttl=64, len=10), P(src=A, dst=B, ttl=63, len=10),
])

case("tos-dscp", FWD_DROP + """
-A FORWARD -m tos --tos Minimize-Delay -j ACCEPT
-A FORWARD -m tos --tos 0x20/0xe0 -j ACCEPT
-A FORWARD -m dscp --dscp 0x2e -j ACCEPT
-A FORWARD -m dscp --dscp-class AF41 -j ACCEPT
-A FORWARD -p udp -m dscp ! --dscp 0x00 -j ACCEPT
COMMIT
""", [
    P(src=A, dst=B, tos=0x10), P(src=A, dst=B, tos=0x12), P(src=A, dst=B, tos=0x28),
    P(src=A, dst=B, tos=0xb8), P(src=A, dst=B, tos=0x88), P(src=A, dst=B, tos=0x8a),
    P(src=A, dst=B, proto="udp", tos=0x04), P(src=A, dst=B, proto="udp", tos=0x03),
    P(src=A, dst=B, tos=0x00),
])

case("pkttype-mac-addrtype", """
*filter
:INPUT DROP [0:0]
:FORWARD DROP [0:0]
:OUTPUT ACCEPT [0:0]
-A INPUT -m addrtype --dst-type BROADCAST -j DROP
-A INPUT -m pkttype --pkt-type broadcast -j DROP
-A INPUT -m addrtype --dst-type LOCAL --limit-iface-in -m mac --mac-source 02:00:00:00:00:02 -p udp -j ACCEPT
-A INPUT -m addrtype --dst-type LOCAL -m mac ! --mac-source 02:00:00:00:00:02 -p udp -j ACCEPT
-A INPUT -m addrtype --src-type UNICAST --dst-type LOCAL -m pkttype --pkt-type unicast -p icmp -j ACCEPT
-A FORWARD -m pkttype --pkt-type unicast -m addrtype --dst-type UNICAST -m mac --mac-source 02:00:00:00:01:02 -j ACCEPT
-A FORWARD -m addrtype ! --dst-type UNICAST -j ACCEPT
-A FORWARD -m pkttype ! --pkt-type multicast -p udp -j ACCEPT
COMMIT
""", [
    P(src=A, dst="198.18.0.255", proto="udp", dport=9),
    P(src=A, dst="198.18.0.1", proto="udp", dport=9),
    P(src=A, dst="198.18.1.1", proto="udp", dport=9),
    P(src=B, dst="198.18.0.1", proto="udp", dport=9, **{"in": "eth1"}),
    P(src=A, dst="198.18.0.1", proto="icmp"),
    P(src="0.0.0.0", dst="198.18.0.1", proto="icmp"),
    P(src=B, dst=A, **{"in": "eth1"}),
    P(src=A, dst=B),
    P(src=A, dst=B, proto="udp"),
    P(src=A, dst="224.0.0.9", proto="udp"),
])

case("mark-comment", """
*mangle
:PREROUTING ACCEPT [0:0]
:INPUT ACCEPT [0:0]
:FORWARD ACCEPT [0:0]
:OUTPUT ACCEPT [0:0]
:POSTROUTING ACCEPT [0:0]
-A PREROUTING -p tcp --dport 22 -m comment --comment "ssh gets 0x10" -j MARK --set-mark 0x10
-A PREROUTING -p tcp --dport 80 -j MARK --set-xmark 0x5/0xf
-A PREROUTING -p tcp --dport 80 -j MARK --or-mark 0x100
-A PREROUTING -p udp -j MARK --set-mark 0xffff
-A PREROUTING -p udp --dport 53 -j MARK --and-mark 0xff
-A PREROUTING -p udp --dport 54 -j MARK --xor-mark 0xf0f
COMMIT
*filter
:INPUT ACCEPT [0:0]
:FORWARD DROP [0:0]
:OUTPUT ACCEPT [0:0]
-A FORWARD -m mark --mark 0x10 -m comment --comment "marked ssh" -j LOG --log-prefix "mark10: "
-A FORWARD -m mark --mark 0x10 -j ACCEPT
-A FORWARD -m mark --mark 0x105/0xfff -j LOG --log-prefix "mark105: "
-A FORWARD -m mark --mark 0x5/0xf -j ACCEPT
-A FORWARD -m mark --mark 0xff -j ACCEPT
-A FORWARD -m mark ! --mark 0x0 -j LOG --log-prefix "other: "
COMMIT
""", [
    P(src=A, dst=B, dport=22), P(src=A, dst=B, dport=80), P(src=A, dst=B, proto="udp"),
    P(src=A, dst=B, proto="udp", dport=54), P(src=A, dst=B, proto="udp", dport=55), P(src=A, dst=B, dport=23),
])

case("limit-burst", """
*filter
:INPUT DROP [0:0]
:FORWARD DROP [0:0]
:OUTPUT ACCEPT [0:0]
-A INPUT -p icmp -m limit --limit 1/min --limit-burst 3 -j ACCEPT
-A INPUT -p icmp -m limit --limit 1/hour -j LOG --log-prefix "icmp-over: "
-A FORWARD -p tcp -m limit --limit 2/day --limit-burst 2 -j ACCEPT
COMMIT
""", [P(src=A, dst=C, proto="icmp", icmp_seq=i) for i in range(1, 8)]
    + [P(src=A, dst=B, sport=40000 + i) for i in range(4)])

case("statistic-nth", FWD_DROP + """
-A FORWARD -p udp -m statistic --mode nth --every 3 --packet 0 -j ACCEPT
-A FORWARD -p tcp -m statistic --mode nth --every 4 --packet 2 -j ACCEPT
-A FORWARD -p tcp -m statistic --mode nth ! --every 2 --packet 1 -j LOG --log-prefix "odd: "
COMMIT
""", [P(src=A, dst=B, proto="udp", sport=30000 + i) for i in range(7)]
    + [P(src=A, dst=B, sport=30000 + i) for i in range(9)])

case("recent", """
*filter
:INPUT ACCEPT [0:0]
:FORWARD DROP [0:0]
:OUTPUT ACCEPT [0:0]
-A FORWARD -p tcp --dport 22 -m recent --name SSH --update --seconds 3600 --hitcount 3 -j DROP
-A FORWARD -p tcp --dport 22 -m recent --name SSH --set -j ACCEPT
-A FORWARD -p tcp --dport 23 -m recent --name SSH --rcheck -j ACCEPT
-A FORWARD -p tcp --dport 24 -m recent --name SSH --remove -j ACCEPT
-A FORWARD -p udp -m recent --name DST --rdest --set -j ACCEPT
-A FORWARD -p tcp --dport 25 -m recent --name DST --rdest --rcheck -j ACCEPT
COMMIT
""", [P(src="203.0.113.%d" % s, dst=B, dport=d, sport=40000 + i) for i, (s, d) in enumerate([
    (1, 23), (1, 22), (1, 23), (1, 22), (1, 22), (1, 22), (2, 22), (1, 24), (1, 23), (1, 22)])]
    + [P(src=A, dst=B, dport=25, sport=41000), P(src=A, dst=B, proto="udp"),
       P(src=A, dst=B, dport=25, sport=41001)])

# --- connection tracking ------------------------------------------------------------------------

CT_CHAINS = """*filter
:INPUT ACCEPT [0:0]
:FORWARD DROP [0:0]
:OUTPUT ACCEPT [0:0]
:CT_EST - [0:0]
:CT_INV - [0:0]
:CT_NEW - [0:0]
:CT_REL - [0:0]
-A FORWARD -m conntrack --ctstate INVALID -j CT_INV
-A FORWARD -m conntrack --ctstate NEW -j CT_NEW
-A FORWARD -m state --state ESTABLISHED -j CT_EST
-A FORWARD -m conntrack --ctstate RELATED -j CT_REL
-A CT_EST -j ACCEPT
-A CT_INV -j DROP
-A CT_NEW -j ACCEPT
-A CT_REL -j ACCEPT
"""

e1 = {"in": "eth1"}
case("ct-tcp-lifecycle", CT_CHAINS + """
-A FORWARD -m conntrack --ctstate NEW,ESTABLISHED --ctproto tcp --ctorigdstport 80 -j LOG --log-prefix "never: "
COMMIT
""", [
    P(src=A, dst=B, sport=40000, dport=80, seq=100),
    P(src=B, dst=A, sport=80, dport=40000, flags="SA", seq=500, ack=101, **e1),
    P(src=A, dst=B, sport=40000, dport=80, flags="A", seq=101, ack=501),
    P(src=A, dst=B, sport=40000, dport=80, flags="PA", seq=101, ack=501, len=10),
    P(src=B, dst=A, sport=80, dport=40000, flags="A", seq=501, ack=111, **e1),
    P(src=A, dst=B, sport=40000, dport=80, flags="FA", seq=111, ack=501),
    P(src=B, dst=A, sport=80, dport=40000, flags="FA", seq=501, ack=112, **e1),
    P(src=A, dst=B, sport=40000, dport=80, flags="A", seq=112, ack=502),
    P(src=A, dst=B, sport=40100, dport=80, seq=7000),
    P(src=B, dst=A, sport=80, dport=40100, flags="SA", seq=900, ack=7001, **e1),
    P(src=A, dst=B, sport=40100, dport=80, flags="A", seq=7001, ack=901),
    P(src=B, dst=A, sport=80, dport=40100, flags="R", seq=901, **e1),
    P(src=A, dst=B, sport=40100, dport=80, flags="A", seq=7001, ack=901),
    P(src=A, dst=B, sport=40200, dport=80, seq=1),
    P(src=A, dst=B, sport=40200, dport=80, seq=1),
    P(src=B, dst=A, sport=80, dport=40200, flags="RA", seq=0, ack=2, **e1),
])

case("ct-invalid-related", CT_CHAINS + """
COMMIT
""", [
    P(src=B, dst=A, sport=80, dport=41000, flags="SA", seq=500, ack=101, **e1),
    P(src=A, dst=B, sport=41001, dport=80, flags="A", seq=5, ack=6),
    P(src=B, dst=A, sport=80, dport=41001, flags="A", seq=6, ack=5, **e1),
    P(src=A, dst=B, sport=41002, dport=80, flags="F", seq=5),
    P(src=A, dst=B, sport=41003, dport=80, flags="R", seq=5),
    P(src=A, dst=B, sport=41004, dport=80, flags="SF", seq=5),
    P(src=A, dst=B, sport=41005, dport=80, flags="", seq=5),
    P(src=A, dst=B, proto="udp", sport=41006, dport=53, len=10),
    P(src=B, dst=A, proto="icmp", type=3, code=3,
      quote=P(src=A, dst=B, proto="udp", sport=41006, dport=53, len=10), **e1),
    P(src=B, dst=A, proto="icmp", type=3, code=3,
      quote=P(src=A, dst=B, proto="udp", sport=41999, dport=53, len=10), **e1),
    P(src=A, dst=B, sport=41007, dport=22, seq=70),
    P(src="198.18.5.5", dst=A, proto="icmp", type=11, code=0,
      quote=P(src=A, dst=B, sport=41007, dport=22, seq=70), **e1),
    P(src=B, dst=A, sport=22, dport=41007, flags="SA", seq=1, ack=999, **e1),
    P(src=A, dst=B, sport=41008, dport=80, seq=5, **{"ipid": 7}),
])

case("ct-udp-icmp", CT_CHAINS + """
-A FORWARD -m conntrack --ctstate ESTABLISHED --ctstatus ASSURED -j LOG --log-prefix "assured: "
COMMIT
""", [
    P(src=A, dst=B, proto="udp", sport=5353, dport=53, len=20),
    P(src=A, dst=B, proto="udp", sport=5353, dport=53, len=20),
    P(src=B, dst=A, proto="udp", sport=53, dport=5353, len=40, **e1),
    P(src=A, dst=B, proto="udp", sport=5353, dport=53, len=20),
    P(src=B, dst=A, proto="udp", sport=53, dport=5354, len=40, **e1),
    P(src=A, dst=B, proto="icmp", id=77, icmp_seq=1),
    P(src=B, dst=A, proto="icmp", type=0, id=77, icmp_seq=1, **e1),
    P(src=B, dst=A, proto="icmp", type=0, id=78, icmp_seq=1, **e1),
    P(src=A, dst=B, proto="icmp", id=77, icmp_seq=2),
    P(src=A, dst=B, proto="icmp", type=13, id=5),
    P(src=B, dst=A, proto="icmp", type=14, id=5, len=12, **e1),
    P(src=A, dst=B, proto=47, len=8),
    P(src=B, dst=A, proto=47, len=8, **e1),
])

case("notrack-untracked", """
*raw
:PREROUTING ACCEPT [0:0]
:OUTPUT ACCEPT [0:0]
-A PREROUTING -p udp -m udp --dport 53 -j CT --notrack
-A PREROUTING -p tcp -m tcp --dport 7 -j NOTRACK
COMMIT
*filter
:INPUT ACCEPT [0:0]
:FORWARD DROP [0:0]
:OUTPUT ACCEPT [0:0]
-A FORWARD -m conntrack --ctstate UNTRACKED -j LOG --log-prefix "untracked: "
-A FORWARD -m state --state UNTRACKED -j ACCEPT
-A FORWARD -m conntrack --ctstate NEW -j ACCEPT
COMMIT
""", [
    P(src=A, dst=B, proto="udp", sport=5000, dport=53), P(src=B, dst=A, proto="udp", sport=53, dport=5000, **e1),
    P(src=A, dst=B, proto="udp", sport=5000, dport=54), P(src=A, dst=B, sport=40000, dport=7),
    P(src=A, dst=B, sport=40000, dport=8),
])

# --- LOG, REJECT, chains --------------------------------------------------------------------------

case("log-options", """
*filter
:INPUT ACCEPT [0:0]
:FORWARD ACCEPT [0:0]
:OUTPUT ACCEPT [0:0]
-A INPUT -p tcp -j LOG --log-prefix "in-tcp: " --log-level 7 --log-tcp-sequence --log-tcp-options
-A INPUT -p udp -j LOG --log-ip-options --log-level debug
-A INPUT -p icmp -j LOG --log-prefix "in-icmp " --log-level 1
-A INPUT -p tcp -j DROP
-A INPUT -p udp -j DROP
-A INPUT -p icmp -j DROP
-A FORWARD -j LOG --log-prefix "fwd: " --log-ip-options --log-tcp-options
-A OUTPUT -o eth0 -j LOG --log-prefix "out: " --log-tcp-sequence
COMMIT
""", [
    P(src=A, dst=C, mss=1460, seq=12345, ack=0),
    P(src=A, dst=C, flags="PAU", seq=1, ack=2, len=5, window=1000, tos=0x10, ttl=3, df=True),
    P(src=A, dst=C, proto="udp", len=3),
    hexed(with_ip_options(P(src=A, dst=C, proto="udp", sport=1, dport=2), b"\x01\x01\x01\x00")),
    P(src=A, dst=C, proto="icmp", id=9, icmp_seq=3),
    P(src=A, dst=C, proto="icmp", type=3, code=1, quote=P(src=C, dst=A, proto="udp")),
    P(src=A, dst=B, mss=536),
    hexed(with_ip_options(P(src=A, dst=B, mss=1400), b"\x07\x07\x04\x00\x00\x00\x00\x00")),
    P(src=A, dst=B, proto=50, len=16),
    P(src=C, dst=A, proto="udp", sport=3000, dport=4000, **{"in": "host"}),
    P(src=C, dst=A, flags="SA", seq=77, ack=78, **{"in": "host"}),
])

REJECT_KINDS = ["icmp-net-unreachable", "icmp-host-unreachable", "icmp-port-unreachable",
                "icmp-proto-unreachable", "icmp-net-prohibited", "icmp-host-prohibited",
                "icmp-admin-prohibited"]


def reject_rules(chain, extra=""):
    lines = ["-A %s -p udp --dport %d %s-j REJECT --reject-with %s" % (chain, i + 1, extra, k)
             for i, k in enumerate(REJECT_KINDS)]
    lines.append("-A %s -p tcp --dport 8 %s-j REJECT --reject-with tcp-reset" % (chain, extra))
    lines.append("-A %s -p tcp --dport 9 %s-j REJECT" % (chain, extra))
    lines.append("-A %s -p icmp %s-j REJECT" % (chain, extra))
    return "\n".join(lines)


case("reject-forward", """
*filter
:INPUT ACCEPT [0:0]
:FORWARD ACCEPT [0:0]
:OUTPUT ACCEPT [0:0]
""" + reject_rules("FORWARD") + "\nCOMMIT\n",
    [P(src="203.0.113.40", dst=B, proto="udp", sport=30000 + i, dport=i + 1, len=4) for i in range(7)]
    + [P(src="203.0.113.40", dst=B, sport=30010, dport=8, seq=5),
       P(src="203.0.113.40", dst=B, sport=30011, dport=8, flags="PA", seq=5, ack=99, len=7),
       P(src="203.0.113.40", dst=B, sport=30012, dport=8, flags="R", seq=5),
       P(src="203.0.113.40", dst=B, sport=30013, dport=8, flags="FA", seq=5, ack=3),
       P(src="203.0.113.40", dst=B, sport=30014, dport=9),
       P(src=B, dst="203.0.113.40", sport=30015, dport=8, **e1),
       P(src="203.0.113.40", dst=B, proto="icmp"),
       P(src="203.0.113.40", dst=B, proto="icmp", type=3, code=3,
         quote=P(src=B, dst="203.0.113.40", proto="udp")),
       P(src="203.0.113.40", dst=B, proto="udp", dport=3, len=1400)])

case("reject-input", """
*filter
:INPUT ACCEPT [0:0]
:FORWARD ACCEPT [0:0]
:OUTPUT ACCEPT [0:0]
""" + reject_rules("INPUT") + """
-A INPUT -s 198.18.5.0/24 -j REJECT --reject-with icmp-host-prohibited
COMMIT
""", [P(src="203.0.113.41", dst=C, proto="udp", sport=31000 + i, dport=i + 1) for i in range(7)]
    + [P(src="203.0.113.41", dst=C, sport=31010, dport=8, seq=5),
       P(src="203.0.113.41", dst="198.18.1.1", sport=31011, dport=8, flags="A", seq=5, ack=6),
       P(src="203.0.113.41", dst=C, sport=31012, dport=9),
       P(src="203.0.113.41", dst=C, proto="icmp"),
       P(src=B, dst=C, proto="icmp", **e1),
       P(src="198.18.5.1", dst=C, proto="icmp", type=0),
       P(src="198.18.5.1", dst=C, proto=47, len=4),
       P(src="198.18.5.1", dst="198.18.0.255", proto="udp"),
       P(src="198.18.5.1", dst=C, proto="udp", dport=99, ipid=1),
       ])

case("reject-output", """
*filter
:INPUT ACCEPT [0:0]
:FORWARD ACCEPT [0:0]
:OUTPUT ACCEPT [0:0]
""" + reject_rules("OUTPUT", "-o eth0 ") + """
-A INPUT -p tcp -j LOG --log-prefix "in-after-reject: "
-A INPUT -p icmp -j LOG --log-prefix "in-after-reject: "
COMMIT
""", [P(src=C, dst=A, proto="udp", sport=32000 + i, dport=i + 1, **{"in": "host"}) for i in range(7)]
    + [P(src=C, dst=A, sport=32010, dport=8, **{"in": "host"}),
       P(src=C, dst=A, sport=32011, dport=9, **{"in": "host"}),
       P(src=C, dst=A, proto="icmp", **{"in": "host"}),
       P(src="198.18.1.1", dst=B, sport=32012, dport=8, **{"in": "host"})])

case("user-chains", """
*filter
:INPUT ACCEPT [0:0]
:FORWARD DROP [0:0]
:OUTPUT ACCEPT [0:0]
:A1 - [0:0]
:A2 - [0:0]
:B1 - [0:0]
:EMPTY - [0:0]
-A FORWARD -j EMPTY
-A FORWARD -p tcp -j A1
-A FORWARD -p udp -g B1
-A FORWARD -p icmp -j ACCEPT
-A A1 -p tcp --dport 1 -j RETURN
-A A1 -j A2
-A A1 -p tcp --dport 3 -j ACCEPT
-A A2 -p tcp --dport 2 -j DROP
-A A2 -p tcp --dport 3 -j RETURN
-A A2 -p tcp --dport 4 -g B1
-A A2 -p tcp --dport 5 -j ACCEPT
-A B1 -p udp --dport 1 -j RETURN
-A B1 -p tcp --dport 4 -j RETURN
-A B1 -j ACCEPT
COMMIT
""", [P(src=A, dst=B, dport=d) for d in (1, 2, 3, 4, 5, 6)]
    + [P(src=A, dst=B, proto="udp", dport=d) for d in (1, 2)] + [P(src=A, dst=B, proto="icmp")])

case("interface-ip-header", FWD_DROP + """
-A INPUT -i eth+ -s 198.18.0.0/23 -d 198.18.0.1 -j ACCEPT
-A INPUT ! -i eth0 -p udp -j DROP
-A INPUT -s 203.0.113.0/255.255.255.128 -p 47 -j DROP
-A INPUT -f -j DROP
-A FORWARD -i eth0 -o eth1 -s 203.0.113.0/24 ! -d 198.18.1.0/24 -j DROP
-A FORWARD -i eth0 -o eth1 -p tcp -j ACCEPT
-A FORWARD -i eth1 -o eth+ ! -p tcp -j ACCEPT
-A FORWARD -i eth1 ! -o eth1 -p 6 ! -s 198.18.1.3 -j ACCEPT
COMMIT
""", [
    P(src=A, dst=C, proto="udp"), P(src=B, dst=C, proto="udp", **e1), P(src="203.0.113.3", dst=C, proto=47),
    P(src="203.0.113.200", dst=C, proto=47), P(src="203.0.113.3", dst=B), P(src="203.0.113.3", dst="198.18.7.1"),
    P(src=B, dst=A, proto="udp", **e1), P(src=B, dst=A, **e1), P(src="198.18.1.3", dst=A, **e1),
    P(src="203.0.113.3", dst=B, proto="udp"),
])

# --- NAT ---------------------------------------------------------------------------------------

NAT_FILTER = """*filter
:INPUT ACCEPT [0:0]
:FORWARD ACCEPT [0:0]
:OUTPUT ACCEPT [0:0]
COMMIT
"""

case("nat-dnat-ranges", """
*nat
:PREROUTING ACCEPT [0:0]
:INPUT ACCEPT [0:0]
:OUTPUT ACCEPT [0:0]
:POSTROUTING ACCEPT [0:0]
-A PREROUTING -i eth0 -d 198.18.0.1 -p tcp --dport 2222 -j DNAT --to-destination 198.18.1.2:22
-A PREROUTING -i eth0 -d 198.18.0.1 -p tcp --dport 8080 -j DNAT --to-destination 198.18.1.2:8000-8010
-A PREROUTING -i eth0 -d 198.18.0.1 -p udp --dport 9000 -j DNAT --to-destination 198.18.5.10-198.18.5.14
-A PREROUTING -i eth0 -d 198.18.0.1 -p tcp --dport 9001 -j DNAT --to-destination 198.18.5.10-198.18.5.14:7000-7002
COMMIT
""" + NAT_FILTER, [
    P(src=EXT, dst=C, sport=50000, dport=2222, seq=10),
    P(src=B, dst=EXT, sport=22, dport=50000, flags="SA", seq=20, ack=11, **e1),
    P(src=EXT, dst=C, sport=50000, dport=2222, flags="A", seq=11, ack=21),
    P(src=EXT, dst=C, sport=50000, dport=2222, flags="PA", seq=11, ack=21, len=6),
    P(src=EXT, dst=C, sport=50001, dport=8080),
    P(src=EXT, dst=C, sport=50002, dport=8080),
    P(src=B, dst=EXT, sport=8000, dport=50001, flags="SA", ack=1001, **e1),
    P(src=EXT, dst=C, proto="udp", sport=50003, dport=9000),
    P(src="203.0.113.6", dst=C, proto="udp", sport=50003, dport=9000),
    P(src="203.0.113.7", dst=C, proto="udp", sport=50004, dport=9000),
    P(src=EXT, dst=C, sport=50005, dport=9001),
    P(src=EXT, dst=C, sport=50006, dport=9001),
    P(src=EXT, dst=C, sport=50007, dport=9002),
])

case("nat-snat-masquerade", """
*nat
:PREROUTING ACCEPT [0:0]
:INPUT ACCEPT [0:0]
:OUTPUT ACCEPT [0:0]
:POSTROUTING ACCEPT [0:0]
-A POSTROUTING -o eth0 -s 198.18.1.2 -p udp --sport 5000 -j SNAT --to-source 198.18.0.1:20000
-A POSTROUTING -o eth0 -s 198.18.1.2 -p udp -j SNAT --to-source 198.18.0.1:20000-20010
-A POSTROUTING -o eth0 -s 198.18.1.2 -p tcp --dport 443 -j MASQUERADE --to-ports 30000
-A POSTROUTING -o eth0 -s 198.18.1.0/24 -j MASQUERADE
COMMIT
""" + NAT_FILTER, [
    P(src=B, dst=EXT, sport=40000, dport=80, seq=1, **e1),
    P(src=EXT, dst=C, sport=80, dport=40000, flags="SA", seq=500, ack=2),
    P(src=B, dst=EXT, sport=40000, dport=80, flags="A", seq=2, ack=501, **e1),
    P(src=EXT, dst=C, sport=80, dport=40000, flags="FA", seq=501, ack=2),
    P(src=B, dst=EXT, proto="udp", sport=5000, dport=53, **e1),
    P(src=B, dst=EXT, proto="udp", sport=20005, dport=53, **e1),
    P(src=EXT, dst=C, proto="udp", sport=53, dport=20000),
    P(src=EXT, dst=C, proto="udp", sport=53, dport=20005),
    P(src=B, dst=EXT, sport=40001, dport=443, **e1),
    P(src=EXT, dst=C, sport=443, dport=30000, flags="SA", seq=9, ack=1001),
    P(src=B, dst=EXT, proto="icmp", id=300, **e1),
    P(src=EXT, dst=C, proto="icmp", type=0, id=300),
    P(src=EXT, dst=C, proto="icmp", type=3, code=3, quote=P(src=C, dst=EXT, proto="udp", sport=20000, dport=53)),
    P(src=B, dst=EXT, sport=40002, dport=80, **e1),
])

case("nat-redirect", """
*nat
:PREROUTING ACCEPT [0:0]
:INPUT ACCEPT [0:0]
:OUTPUT ACCEPT [0:0]
:POSTROUTING ACCEPT [0:0]
-A PREROUTING -i eth1 -p tcp --dport 80 -j REDIRECT --to-ports 8080
-A PREROUTING -i eth1 -p udp --dport 53 -j REDIRECT --to-ports 5353
-A PREROUTING -i eth1 -p tcp --dport 81 -j REDIRECT
COMMIT
""" + NAT_FILTER, [
    P(src=B, dst=EXT, sport=40000, dport=80, seq=10, **e1),
    P(src=B, dst=EXT, sport=40001, dport=81, seq=10, **e1),
    P(src=B, dst=EXT, proto="udp", sport=40002, dport=53, **e1),
    P(src=B, dst=EXT, proto="udp", sport=40003, dport=54, **e1),
    P(src=B, dst="198.18.1.1", sport=40004, dport=80, seq=10, **e1),
    P(src=B, dst=EXT, sport=40000, dport=80, flags="R", seq=11, **e1),
], listen="tcp:8080,udp:5353")

case("nat-output", """
*nat
:PREROUTING ACCEPT [0:0]
:INPUT ACCEPT [0:0]
:OUTPUT ACCEPT [0:0]
:POSTROUTING ACCEPT [0:0]
-A OUTPUT -d 198.18.9.9 -p tcp -j DNAT --to-destination 198.18.1.2:80
-A OUTPUT -d 198.18.9.10 -p udp -j DNAT --to-destination 198.18.0.2
-A POSTROUTING -o eth1 -s 198.18.0.1 -j SNAT --to-source 198.18.1.1
COMMIT
*filter
:INPUT ACCEPT [0:0]
:FORWARD ACCEPT [0:0]
:OUTPUT ACCEPT [0:0]
-A OUTPUT -d 198.18.1.2 -j LOG --log-prefix "out-after-dnat: "
COMMIT
""", [
    P(src=C, dst="198.18.9.9", sport=45000, dport=8888, **{"in": "host"}),
    P(src=B, dst="198.18.1.1", sport=80, dport=45000, flags="SA", seq=3, ack=1001, **e1),
    P(src=C, dst="198.18.9.9", sport=45000, dport=8888, flags="A", seq=1001, ack=4, **{"in": "host"}),
    P(src=C, dst="198.18.9.10", proto="udp", sport=45001, dport=7, **{"in": "host"}),
    P(src=A, dst=C, proto="udp", sport=7, dport=45001),
    P(src=C, dst=A, proto="udp", sport=45002, dport=7, **{"in": "host"}),
])

# --- fragments, malformed packets, the host's stack ------------------------------------------------

big_udp = P(src=A, dst=B, proto="udp", sport=7000, dport=7001, len=100, ipid=0x4242)
big_udp_local = P(src=A, dst=C, proto="udp", sport=7000, dport=7002, len=100, ipid=0x4343)
big_tcp = P(src=A, dst=B, sport=7003, dport=80, len=60, ipid=0x4444, flags="PA", ack=1)
case("fragments-stateless", """
*filter
:INPUT ACCEPT [0:0]
:FORWARD DROP [0:0]
:OUTPUT ACCEPT [0:0]
-A INPUT -f -j LOG --log-prefix "in-frag: "
-A INPUT -p udp -j LOG --log-prefix "in-udp: "
-A FORWARD -f -j LOG --log-prefix "frag: "
-A FORWARD -f -j ACCEPT
-A FORWARD -p udp -m udp --dport 7001 -j ACCEPT
-A FORWARD -p tcp -m tcp --dport 80 -j ACCEPT
COMMIT
""", [hexed(x) for x in fragments(big_udp, 48)] + [hexed(x) for x in fragments(big_tcp, 32)]
    + [hexed(x) for x in reversed(fragments(dict(big_udp, ipid=0x4243), 64))]
    + [hexed(x) for x in fragments(big_udp_local, 64)])

case("fragments-conntrack", """
*filter
:INPUT ACCEPT [0:0]
:FORWARD DROP [0:0]
:OUTPUT ACCEPT [0:0]
-A INPUT -m conntrack --ctstate NEW -j LOG --log-prefix "in-new: "
-A FORWARD -f -j LOG --log-prefix "never-a-fragment: "
-A FORWARD -m conntrack --ctstate NEW -p udp -j LOG --log-prefix "whole: "
-A FORWARD -m conntrack --ctstate NEW,ESTABLISHED -j ACCEPT
COMMIT
""", [hexed(x) for x in fragments(big_udp, 48)]
    + [hexed(x) for x in reversed(fragments(dict(big_udp, ipid=0x4243), 64))]
    + [hexed(fragments(dict(big_udp, ipid=0x4244), 48)[0])]
    + [hexed(x) for x in fragments(big_udp_local, 64)]
    + [hexed(x) for x in fragments(big_tcp, 32)])


def malformed():
    good = build_ip(P(src=A, dst=B, sport=42000, dport=80))
    out = []
    bad_ihl = bytearray(good)
    bad_ihl[0] = 0x44
    out.append(fix_ip_csum(bytes(bad_ihl)))              # IHL 4: dropped by ip_rcv
    bad_csum = bytearray(good)
    bad_csum[10] ^= 0xFF
    out.append(bytes(bad_csum))                          # wrong IP checksum: dropped by ip_rcv
    short_tcp = bytearray(good[:28])
    short_tcp[2:4] = struct.pack("!H", 28)
    out.append(fix_ip_csum(bytes(short_tcp)))            # TCP header of 8 bytes
    doff = bytearray(good)
    doff[32] = 0x30
    out.append(bytes(doff))                              # TCP data offset 3 (12 bytes)
    tcp_csum = bytearray(good)
    tcp_csum[36] ^= 0xFF
    out.append(bytes(tcp_csum))                          # wrong TCP checksum
    longer = bytearray(good)
    longer[2:4] = struct.pack("!H", 60)
    out.append(fix_ip_csum(bytes(longer)))               # total length beyond the frame
    padded = good + bytes(10)
    out.append(padded)                                   # frame longer than total length
    udp_len = bytearray(build_ip(P(src=A, dst=B, proto="udp", len=8)))
    udp_len[24:26] = struct.pack("!H", 40)
    out.append(bytes(udp_len))                           # UDP length beyond the packet
    short_icmp = bytearray(build_ip(P(src=A, dst=B, proto="icmp"))[:24])
    short_icmp[2:4] = struct.pack("!H", 24)
    out.append(fix_ip_csum(bytes(short_icmp)))           # ICMP header of 4 bytes
    opt_tcp = bytearray(build_ip(P(src=A, dst=B, sport=42001, dport=80, mss=1460)))
    opt_tcp[40:44] = b"\x02\x09\x05\xb4"                  # option length running past the header
    out.append(bytes(opt_tcp))
    return out


case("malformed", """
*filter
:INPUT ACCEPT [0:0]
:FORWARD DROP [0:0]
:OUTPUT ACCEPT [0:0]
-A FORWARD -m conntrack --ctstate INVALID -j LOG --log-prefix "invalid: "
-A FORWARD -m conntrack --ctstate INVALID -j DROP
-A FORWARD -p tcp -m tcp --tcp-option 2 -j LOG --log-prefix "mss: "
-A FORWARD -p tcp -m tcp --dport 80 -j ACCEPT
-A FORWARD -p udp -m udp --dport 53 -j ACCEPT
-A FORWARD -p icmp -m icmp --icmp-type 8 -j ACCEPT
-A FORWARD -j LOG --log-prefix "fell-through: "
COMMIT
""", [hexed(x) for x in malformed()])

case("host-stack", """
*filter
:INPUT ACCEPT [0:0]
:FORWARD DROP [0:0]
:OUTPUT ACCEPT [0:0]
-A INPUT -m state --state NEW -j LOG --log-prefix "new-in: "
-A OUTPUT -p tcp --tcp-flags RST RST -j LOG --log-prefix "rst-out: "
-A OUTPUT -p icmp -j LOG --log-prefix "icmp-out: "
-A OUTPUT -p udp --dport 9 -j DROP
COMMIT
""", [
    P(src=A, dst=C, sport=43000, dport=22, seq=50),
    P(src=A, dst=C, sport=43001, dport=23, seq=50),
    P(src=A, dst=C, sport=43002, dport=23, flags="A", seq=50, ack=60),
    P(src=A, dst=C, proto="udp", sport=43003, dport=53, len=12),
    P(src=A, dst=C, proto="udp", sport=43004, dport=54, len=12),
    P(src=A, dst="198.18.1.1", proto="icmp", id=4, icmp_seq=9, len=16),
    P(src=A, dst=C, proto="icmp", type=13, id=4),
    P(src=B, dst="198.18.1.1", proto="udp", sport=43005, dport=54, **e1),
    P(src=C, dst=A, proto="udp", sport=43006, dport=9, **{"in": "host"}),
    P(src=C, dst=A, proto="udp", sport=43007, dport=10, **{"in": "host"}),
    P(src="198.18.1.1", dst=B, proto="icmp", **{"in": "host"}),
    P(src=B, dst="198.18.1.1", proto="icmp", type=0, **e1),
], listen="tcp:22,udp:53")

case("quiet-host-reject", """
*filter
:INPUT DROP [0:0]
:FORWARD DROP [0:0]
:OUTPUT ACCEPT [0:0]
-A INPUT -m conntrack --ctstate ESTABLISHED,RELATED -j ACCEPT
-A INPUT -p tcp --dport 22 -j ACCEPT
-A INPUT -p udp -j REJECT
-A INPUT -p tcp -j REJECT --reject-with tcp-reset
-A FORWARD -j REJECT --reject-with icmp-admin-prohibited
-A OUTPUT -p icmp -j LOG --log-prefix "out-icmp: "
COMMIT
""", [
    P(src=A, dst=C, sport=44000, dport=22, seq=1),
    P(src=C, dst=A, sport=22, dport=44000, flags="SA", seq=300, ack=2, mss=1460, df=True, ipid=0,
      **{"in": "host"}),
    P(src=A, dst=C, sport=44000, dport=22, flags="A", seq=2, ack=301),
    P(src=A, dst=C, proto="udp", sport=44001, dport=161),
    P(src=C, dst=A, proto="icmp", type=3, code=3, quote=P(src=A, dst=C, proto="udp", sport=44001, dport=161),
      tos=0xc0, **{"in": "host"}),
    P(src=A, dst=C, sport=44002, dport=80),
    P(src=A, dst=B, sport=44003, dport=80),
    P(src=A, dst=C, proto="icmp"),
], mode="quiet-host")


def main():
    root = sys.argv[1] if len(sys.argv) > 1 else os.path.join(
        os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "cases")
    for name, (rules, packets, listen, mode) in CASES.items():
        d = os.path.join(root, name)
        os.makedirs(d, exist_ok=True)
        with open(os.path.join(d, "ruleset.rules"), "w") as f:
            f.write(rules)
        with open(os.path.join(d, "packets.jsonl"), "w") as f:
            for p in packets:
                f.write(json.dumps(p, separators=(",", ":")) + "\n")
        for fname, val in (("listen", listen), ("mode", mode)):
            path = os.path.join(d, fname)
            if val:
                with open(path, "w") as f:
                    f.write(val + "\n")
            elif os.path.exists(path):
                os.remove(path)
    print("%d cases written to %s" % (len(CASES), root))


if __name__ == "__main__":
    main()
