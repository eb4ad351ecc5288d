#!/usr/bin/env python3
"""Writes the inputs of the third batch of cases (branch cases3) into conformance/cases/<name>/.

    make_cases3.py [CASES_DIR]

Same helpers and output as make_cases.py (hex packets for IP options, fragments, a UDP checksum
of 0); it never touches a case's kernel.json.
"""

import struct
import sys
import os

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import make_cases as mc  # noqa: E402
from make_cases import P, hexed, with_ip_options, fragments, fix_ip_csum  # noqa: E402
from packet import build_ip  # noqa: E402

mc.CASES.clear()
case = mc.case
A, B, C, D = "198.18.0.2", "198.18.1.2", "198.18.0.1", "198.18.1.1"
EXT = "203.0.113.5"
E1 = {"in": "eth1"}
H = {"in": "host"}


def udp_csum0(p):
    ip = bytearray(build_ip(p))
    ip[26:28] = b"\0\0"
    return bytes(ip)


def first_bytes_fragment(p, n):
    """The first fragment of p carrying only n bytes of its transport header (MF set)."""
    ip = build_ip(p)
    h = bytearray(ip[:20])
    h[2:4] = struct.pack("!H", 20 + n)
    h[6:8] = struct.pack("!H", 0x2000)
    return fix_ip_csum(bytes(h) + ip[20:20 + n])


def set_flags(ip, bits):
    h = bytearray(ip)
    h[6:8] = struct.pack("!H", struct.unpack("!H", ip[6:8])[0] | bits)
    return fix_ip_csum(bytes(h))


# --- forwarding corners ------------------------------------------------------------------------

case("fwd-ttl-redirect", """
*mangle
:PREROUTING ACCEPT [0:0]
:INPUT ACCEPT [0:0]
:FORWARD ACCEPT [0:0]
:OUTPUT ACCEPT [0:0]
:POSTROUTING ACCEPT [0:0]
-A PREROUTING -m ttl --ttl-lt 2 -j LOG --log-prefix "pre-ttl<2: "
-A FORWARD -m ttl --ttl-eq 1 -j LOG --log-prefix "mfwd-ttl1: "
-A POSTROUTING -m ttl --ttl-eq 1 -j LOG --log-prefix "post-ttl1: "
COMMIT
*filter
:INPUT ACCEPT [0:0]
:FORWARD ACCEPT [0:0]
:OUTPUT ACCEPT [0:0]
-A FORWARD -m conntrack --ctstate NEW,ESTABLISHED -j LOG --log-prefix "fwd: "
-A FORWARD -m conntrack --ctstate INVALID,RELATED -j LOG --log-prefix "fwd-inv-rel: "
-A OUTPUT -p icmp -m conntrack --ctstate RELATED -j LOG --log-prefix "out-rel: "
-A OUTPUT -p icmp -m conntrack --ctstate INVALID -j LOG --log-prefix "out-inv: "
-A OUTPUT -p icmp -m conntrack --ctstate NEW,ESTABLISHED -j LOG --log-prefix "out-new-est: "
COMMIT
""", [
    P(src=A, dst=B, proto="udp", sport=40001, ttl=1),
    P(src=A, dst=B, proto="udp", sport=40001, ttl=2),
    P(src=B, dst=A, sport=22, dport=40002, flags="S", ttl=1, **E1),
    P(src=A, dst=C, proto="udp", dport=9, ttl=1),
    P(src=A, dst=B, sport=40003, ttl=0),
    P(src=A, dst=EXT, sport=40010, dport=80),
    P(src=EXT, dst=A, sport=80, dport=40010, flags="SA", seq=5000, ack=1001),
    P(src=A, dst=EXT, proto="icmp", id=33, icmp_seq=1),
    hexed(udp_csum0(P(src=A, dst=B, proto="udp", sport=40020, dport=7, len=6))),
    hexed(udp_csum0(P(src=B, dst=A, proto="udp", sport=7, dport=40020, len=6)), "eth1"),
    P(src=A, dst=B, proto="icmp", type=3, code=3, ttl=1,
      quote=P(src=B, dst=A, proto="udp", sport=53, dport=40030)),
    P(src=A, dst=B, proto="icmp", id=34, icmp_seq=1, ttl=1),
])

# --- LOG --------------------------------------------------------------------------------------

case("log-icmp-details", """
*raw
:PREROUTING ACCEPT [0:0]
:OUTPUT ACCEPT [0:0]
-A PREROUTING -p icmp -m icmp --icmp-type 42 -j LOG --log-prefix "raw-pre 29-char-long-prefix: " --log-level warning
COMMIT
*filter
:INPUT ACCEPT [0:0]
:FORWARD ACCEPT [0:0]
:OUTPUT ACCEPT [0:0]
-A INPUT -p icmp -m icmp --icmp-type redirect -j LOG --log-prefix "redir: " --log-level warning
-A INPUT -p icmp -m icmp --icmp-type parameter-problem -j LOG --log-prefix "pp: " --log-level notice
-A INPUT -p icmp -m icmp --icmp-type echo-request -j LOG --log-prefix "echo-request-29-char-prefix: " --log-level info
-A INPUT -p icmp -m icmp ! --icmp-type echo-request -j LOG --log-prefix "not-echo: " --log-level error
-A INPUT -p icmp -m icmp --icmp-type any -j LOG --log-level debug --log-ip-options
-A INPUT -p icmp -m icmp --icmp-type echo-request -j ACCEPT
-A INPUT -p icmp -j DROP
-A FORWARD -p icmp -j LOG --log-prefix "fwd-icmp: " --log-level 6
-A OUTPUT -p icmp -j LOG --log-prefix "out-icmp: " --log-level info
COMMIT
""", [
    P(src=A, dst=C, proto="icmp", id=77, icmp_seq=5),
    P(src=A, dst=C, proto="icmp", id=78, icmp_seq=6, len=56),
    P(src=A, dst=C, proto="icmp", type=5, code=1, id=0xC612, icmp_seq=9,
      quote=P(src=C, dst=EXT, proto="udp", sport=40000, dport=53)),
    P(src=A, dst=C, proto="icmp", type=5, code=0, id=0xC612, icmp_seq=9),
    P(src=A, dst=C, proto="icmp", type=12, code=0, id=20 << 8, icmp_seq=0,
      quote=P(src=C, dst=A, proto="udp", sport=40000, dport=53)),
    P(src=A, dst=C, proto="icmp", type=12, code=1, id=0, icmp_seq=0,
      quote=P(src=C, dst=A, proto="tcp", sport=40000, dport=80)),
    P(src=A, dst=C, proto="icmp", type=13, code=0, id=4, icmp_seq=1),
    P(src=A, dst=C, proto="icmp", type=13, code=0, id=4, icmp_seq=2, len=12),
    P(src=A, dst=C, proto="icmp", type=17, code=0, id=5, icmp_seq=1),
    P(src=A, dst=C, proto="icmp", type=17, code=0, id=5, icmp_seq=2, len=4),
    P(src=A, dst=C, proto="icmp", type=3, code=4, id=0, icmp_seq=1400,
      quote=P(src=C, dst=A, proto="udp", sport=40000, dport=53)),
    P(src=A, dst=C, proto="icmp", type=4, code=0,
      quote=P(src=C, dst=A, proto="tcp", sport=40000, dport=80)),
    P(src=A, dst=C, proto="icmp", type=11, code=0,
      quote=P(src=C, dst=EXT, proto="icmp", id=900, icmp_seq=12)),
    P(src=A, dst=C, proto="icmp", type=42, code=3, id=1, icmp_seq=2),
    P(src=A, dst=B, proto="icmp", type=5, code=0, id=0xC612, icmp_seq=0x0105,
      quote=P(src=B, dst=EXT, proto="tcp", sport=40000, dport=80)),
    P(src=A, dst=B, proto="icmp", type=0, id=65535, icmp_seq=65535),
])

case("log-frag-ipopts", """
*mangle
:PREROUTING ACCEPT [0:0]
:INPUT ACCEPT [0:0]
:FORWARD ACCEPT [0:0]
:OUTPUT ACCEPT [0:0]
:POSTROUTING ACCEPT [0:0]
-A PREROUTING -p udp -m udp --dport 7 -j LOG --log-prefix "pre-opt: " --log-ip-options
COMMIT
*filter
:INPUT ACCEPT [0:0]
:FORWARD ACCEPT [0:0]
:OUTPUT ACCEPT [0:0]
-A FORWARD -f -j LOG --log-prefix "frag2: "
-A FORWARD -m length --length 0:100 -j LOG --log-prefix "short: "
-A FORWARD -p udp -j LOG --log-prefix "fwd-udp: " --log-ip-options
-A FORWARD -p tcp -j LOG --log-prefix "fwd-tcp: " --log-ip-options --log-tcp-options
-A FORWARD -p tcp -m tcp --dport 9999 -j DROP
-A FORWARD -p tcp -j LOG --log-prefix "after-tcp-match: "
-A OUTPUT -o eth0 -j LOG --log-prefix "out: " --log-ip-options
COMMIT
""", [
    *[hexed(f) for f in fragments(P(src=A, dst=B, proto="udp", sport=41000, dport=9, len=200,
                                    ipid=0x1111), 96)],
    hexed(set_flags(fragments(P(src=A, dst=B, proto="udp", sport=41001, dport=9, len=100,
                                ipid=0x2222), 64)[0], 0x4000)),
    hexed(first_bytes_fragment(P(src=A, dst=B, sport=41002, dport=9999, ipid=0x3333), 8)),
    hexed(first_bytes_fragment(P(src=A, dst=B, sport=41003, dport=80, ipid=0x3334), 16)),
    hexed(with_ip_options(P(src=A, dst=B, proto="udp", sport=41004, dport=7), b"\x01\x01\x01\x00")),
    hexed(with_ip_options(P(src=A, dst=B, proto="udp", sport=41005, dport=7), b"\x88\x04\x12\x34")),
    hexed(with_ip_options(P(src=A, dst=B, proto="udp", sport=41006, dport=7),
                          b"\x82\x0b\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00")),
    hexed(with_ip_options(P(src=A, dst=B, proto="udp", sport=41007, dport=7), b"\x99\x01\x00\x00")),
    hexed(with_ip_options(P(src=A, dst=C, proto="udp", sport=41008, dport=7), b"\x88\x09\x00\x00")),
    hexed(with_ip_options(P(src=A, dst=B, sport=41009, dport=80), b"\x01\x01\x88\x04\x00\x07\x00\x00")),
    hexed(fragments(P(src=A, dst=B, proto="udp", sport=41010, dport=9, len=100, ipid=0x4444,
                      ttl=1), 64)[1]),
    hexed(fragments(P(src=A, dst=B, proto="udp", sport=41011, dport=9, len=100, ipid=0x4445,
                      ttl=1), 64)[0]),
    {"in": "host", "ip": with_ip_options(P(src=C, dst=A, proto="udp", sport=41012, dport=7),
                                         b"\x01\x01\x01\x01").hex()},
    {"in": "host", "ip": fragments(P(src=C, dst=A, proto="udp", sport=41013, dport=9, len=100,
                                     ipid=0x5555), 64)[1].hex()},
])

# --- NAT --------------------------------------------------------------------------------------

case("nat-snat-input", """
*mangle
:PREROUTING ACCEPT [0:0]
:INPUT ACCEPT [0:0]
:FORWARD ACCEPT [0:0]
:OUTPUT ACCEPT [0:0]
:POSTROUTING ACCEPT [0:0]
-A INPUT -j LOG --log-prefix "m-in: "
-A OUTPUT -j LOG --log-prefix "m-out: "
-A POSTROUTING -j LOG --log-prefix "m-post: "
COMMIT
*nat
:PREROUTING ACCEPT [0:0]
:INPUT ACCEPT [0:0]
:OUTPUT ACCEPT [0:0]
:POSTROUTING ACCEPT [0:0]
-A INPUT -j LOG --log-prefix "nat-in: "
-A INPUT -p tcp -m tcp --dport 22 -j SNAT --to-source 198.18.5.5:2222
-A INPUT -p udp -j SNAT --to-source 198.18.5.6
-A INPUT -p icmp -j SNAT --to-source 198.18.5.7
-A INPUT -p tcp -m tcp --dport 23 -j SNAT --to-source 198.18.1.2
-A OUTPUT -j LOG --log-prefix "nat-out: "
COMMIT
*filter
:INPUT ACCEPT [0:0]
:FORWARD ACCEPT [0:0]
:OUTPUT ACCEPT [0:0]
-A INPUT -j LOG --log-prefix "f-in: "
-A OUTPUT -j LOG --log-prefix "f-out: "
COMMIT
""", [
    P(src=A, dst=C, sport=40000, dport=22, seq=1000),
    P(src=A, dst=C, proto="udp", sport=40001, dport=9),
    P(src=A, dst=C, proto="icmp", id=5, icmp_seq=1),
    P(src=A, dst=C, sport=40002, dport=23),
    P(src=EXT, dst=C, proto="udp", sport=5000, dport=9),
    P(src=A, dst=C, proto="udp", sport=40001, dport=9),
    P(src=A, dst=D, proto="icmp", id=6, icmp_seq=1),
], listen="tcp:22")

case("nat-dnat-udp-portrange", """
*nat
:PREROUTING ACCEPT [0:0]
:INPUT ACCEPT [0:0]
:OUTPUT ACCEPT [0:0]
:POSTROUTING ACCEPT [0:0]
-A PREROUTING -d 198.18.0.1/32 -p udp -m udp --dport 5000:5001 -j DNAT --to-destination 198.18.1.2:6000-6001
-A PREROUTING -d 203.0.113.5/32 -p udp -j DNAT --to-destination 198.18.1.2:6000-6001
COMMIT
*filter
:INPUT ACCEPT [0:0]
:FORWARD ACCEPT [0:0]
:OUTPUT ACCEPT [0:0]
-A FORWARD -m conntrack --ctstate NEW -j LOG --log-prefix "new: "
-A FORWARD -m conntrack --ctstate ESTABLISHED -j LOG --log-prefix "est: "
COMMIT
""", [
    P(src=A, dst=C, proto="udp", sport=40000, dport=5000),
    P(src=A, dst=C, proto="udp", sport=40000, dport=5001),
    P(src=B, dst=A, proto="udp", sport=6000, dport=40000, **E1),
    P(src=B, dst=A, proto="udp", sport=6001, dport=40000, **E1),
    P(src=A, dst=C, proto="udp", sport=40001, dport=5001),
    P(src=A, dst=C, proto="udp", sport=40000, dport=5000),
    P(src=B, dst=A, proto="udp", sport=6000, dport=40001, **E1),
    P(src=A, dst=EXT, proto="udp", sport=40002, dport=6001),
    P(src=A, dst=EXT, proto="udp", sport=40002, dport=7000),
    P(src=B, dst=A, proto="udp", sport=6001, dport=40002, **E1),
])

NAT_LOGS = """*filter
:INPUT ACCEPT [0:0]
:FORWARD ACCEPT [0:0]
:OUTPUT ACCEPT [0:0]
-A FORWARD -m conntrack --ctstate NEW -j LOG --log-prefix "fwd-new: "
-A FORWARD -m conntrack --ctstate RELATED -j LOG --log-prefix "fwd-rel: "
-A FORWARD -m conntrack --ctstate INVALID -j LOG --log-prefix "fwd-inv: "
-A OUTPUT -m conntrack --ctstate RELATED -j LOG --log-prefix "out-rel: "
-A OUTPUT -m conntrack --ctstate INVALID -j LOG --log-prefix "out-inv: "
-A OUTPUT -m conntrack --ctstate NEW -j LOG --log-prefix "out-new: "
COMMIT
"""

case("nat-masq-fw-errors", """
*nat
:PREROUTING ACCEPT [0:0]
:INPUT ACCEPT [0:0]
:OUTPUT ACCEPT [0:0]
:POSTROUTING ACCEPT [0:0]
-A PREROUTING -d 198.18.0.1/32 -p udp -m udp --dport 7000 -j DNAT --to-destination 198.18.1.2:7
-A POSTROUTING -o eth0 -j MASQUERADE
COMMIT
*mangle
:PREROUTING ACCEPT [0:0]
:INPUT ACCEPT [0:0]
:FORWARD ACCEPT [0:0]
:OUTPUT ACCEPT [0:0]
:POSTROUTING ACCEPT [0:0]
-A POSTROUTING -p icmp -j LOG --log-prefix "post-icmp: "
COMMIT
""" + NAT_LOGS, [
    P(src=B, dst=EXT, proto="udp", sport=40000, dport=53, **E1),
    P(src=EXT, dst=C, proto="udp", sport=53, dport=40000),
    P(src=B, dst=EXT, proto="udp", sport=40000, dport=53, ttl=1, **E1),
    P(src=EXT, dst=C, proto="udp", sport=53, dport=40000, ttl=1),
    P(src=A, dst=C, proto="icmp", type=3, code=3,
      quote=P(src=C, dst=EXT, proto="udp", sport=40000, dport=53)),
    P(src=A, dst=C, proto="udp", sport=41000, dport=7000, ttl=1),
    P(src=A, dst=C, proto="udp", sport=41000, dport=7000),
    P(src=B, dst=A, proto="udp", sport=7, dport=41000, ttl=1, **E1),
    P(src=B, dst=EXT, proto="icmp", id=300, icmp_seq=1, **E1),
    P(src=EXT, dst=C, proto="icmp", type=0, id=300, icmp_seq=1, ttl=1),
    P(src=EXT, dst=C, proto="icmp", type=0, id=300, icmp_seq=1),
])

case("nat-masq-rst-reopen", """
*nat
:PREROUTING ACCEPT [0:0]
:INPUT ACCEPT [0:0]
:OUTPUT ACCEPT [0:0]
:POSTROUTING ACCEPT [0:0]
-A POSTROUTING -o eth0 -j MASQUERADE
COMMIT
""" + NAT_LOGS.replace("COMMIT", "-A FORWARD -m conntrack --ctstate ESTABLISHED -j LOG --log-prefix \"fwd-est: \"\nCOMMIT"), [
    P(src=B, dst=EXT, sport=40000, dport=80, seq=1000, **E1),
    P(src=EXT, dst=C, sport=80, dport=40000, flags="SA", seq=5000, ack=1001),
    P(src=B, dst=EXT, sport=40000, dport=80, flags="A", seq=1001, ack=5001, **E1),
    P(src=B, dst=EXT, sport=40000, dport=80, flags="R", seq=1001, **E1),
    P(src=B, dst=EXT, sport=40000, dport=80, seq=9000, **E1),
    P(src=EXT, dst=C, sport=80, dport=40000, flags="SA", seq=7000, ack=9001),
    P(src=B, dst=EXT, sport=40000, dport=80, flags="A", seq=9001, ack=7001, **E1),
    P(src=EXT, dst=C, sport=80, dport=40000, flags="R", seq=7001),
    P(src=B, dst=EXT, sport=40000, dport=80, seq=12000, **E1),
    P(src=EXT, dst=C, sport=80, dport=40000, flags="SA", seq=3000, ack=12001),
    P(src=B, dst=EXT, sport=40001, dport=80, seq=1000, **E1),
    P(src=EXT, dst=C, sport=80, dport=40001, flags="RA", seq=0, ack=1001),
    P(src=B, dst=EXT, sport=40001, dport=80, seq=1000, **E1),
])

case("nat-chains-redirect-reject", """
*nat
:PREROUTING ACCEPT [0:0]
:INPUT ACCEPT [0:0]
:OUTPUT ACCEPT [0:0]
:POSTROUTING ACCEPT [0:0]
:natpost - [0:0]
:natpre - [0:0]
:natsub - [0:0]
-A PREROUTING -m comment --comment "to natpre" -j natpre
-A PREROUTING -p tcp -m tcp --dport 81 -j DNAT --to-destination 198.18.1.2:80
-A POSTROUTING -o eth1 -m comment --comment "to natpost" -j natpost
-A natpost -p udp -j ACCEPT
-A natpost -j SNAT --to-source 198.18.1.1
-A natpre -s 203.0.113.0/24 -j RETURN
-A natpre -p tcp -m tcp --dport 8080 -j REDIRECT --to-ports 9090
-A natpre -p udp -m udp --dport 53 -g natsub
-A natpre -p tcp -m tcp --dport 81 -j RETURN
-A natpre -j LOG --log-prefix "natpre-end: "
-A natsub -s 198.18.0.2/32 -p udp -m comment --comment "dns to dst" -j DNAT --to-destination 198.18.1.2:5353
-A natsub -j RETURN
COMMIT
*filter
:INPUT ACCEPT [0:0]
:FORWARD ACCEPT [0:0]
:OUTPUT ACCEPT [0:0]
-A INPUT -p tcp -m tcp --dport 9090 -m comment --comment "redirected" -j REJECT --reject-with tcp-reset
-A INPUT -m comment --comment "in" -j LOG --log-prefix "in: "
-A FORWARD -m comment --comment "fwd" -j LOG --log-prefix "fwd: "
-A OUTPUT -m conntrack --ctstate RELATED -m comment --comment "out rel" -j LOG --log-prefix "out-rel: "
-A OUTPUT -m conntrack --ctstate INVALID,NEW,ESTABLISHED -j LOG --log-prefix "out-other: "
COMMIT
""", [
    P(src=A, dst=C, sport=40000, dport=8080),
    P(src=A, dst=C, sport=40000, dport=8080),
    P(src=EXT, dst=C, sport=40000, dport=8080),
    P(src=A, dst=B, sport=40001, dport=81),
    P(src=A, dst=C, proto="udp", sport=40002, dport=53),
    P(src=B, dst=A, proto="udp", sport=5353, dport=40002, **E1),
    P(src=EXT, dst=C, proto="udp", sport=40003, dport=53),
    P(src=A, dst=B, sport=40004, dport=80),
    P(src=A, dst=C, sport=40005, dport=81),
    P(src=A, dst=C, sport=40006, dport=9090),
    P(src=A, dst=C, sport=40000, dport=8080, flags="A", seq=1001, ack=1),
])

# --- matches ----------------------------------------------------------------------------------

case("match-icmp-multiport15", """
*filter
:INPUT ACCEPT [0:0]
:FORWARD DROP [0:0]
:OUTPUT ACCEPT [0:0]
-A FORWARD -p tcp -m multiport --dports 1,2,3,4,5,6,7,8,9,10,11,12,13,14,15 -j ACCEPT
-A FORWARD -p udp -m multiport --ports 100:110,200,300:310,400,500,600,700,800,900,1000:1100,1200 -j ACCEPT
-A FORWARD -p udp -m multiport ! --sports 1:1000,2000,3000,4000,5000,6000,7000,8000,9000,10000,11000,12000,13000 -j LOG --log-prefix "not-sports: "
-A FORWARD -p icmp -m icmp --icmp-type 3/4 -j ACCEPT
-A FORWARD -p icmp -m icmp --icmp-type destination-unreachable -j LOG --log-prefix "unreach-any: "
-A FORWARD -p icmp -m icmp --icmp-type host-redirect -j ACCEPT
-A FORWARD -p icmp -m icmp ! --icmp-type echo-request -m comment --comment "not echo" -j LOG --log-prefix "not-echo: "
-A FORWARD -p icmp -m icmp --icmp-type 8/1 -j ACCEPT
-A FORWARD -p icmp -m icmp --icmp-type echo-request -j DROP
-A FORWARD -p icmp -m icmp --icmp-type 255 -j LOG --log-prefix "type255: "
-A FORWARD -p icmp -m icmp ! --icmp-type any -j ACCEPT
-A FORWARD -p icmp -m icmp --icmp-type 13/0 -j ACCEPT
-A FORWARD -p icmp -m icmp ! --icmp-type 0 -j ACCEPT
COMMIT
""", [
    P(src=A, dst=B, dport=15),
    P(src=A, dst=B, dport=16),
    P(src=A, dst=B, proto="udp", sport=40000, dport=1100),
    P(src=A, dst=B, proto="udp", sport=1050, dport=40000),
    P(src=A, dst=B, proto="udp", sport=1101, dport=1201),
    P(src=A, dst=B, proto="udp", sport=13000, dport=4),
    P(src=A, dst=B, proto="icmp", type=3, code=4, icmp_seq=1400,
      quote=P(src=B, dst=A, proto="udp")),
    P(src=A, dst=B, proto="icmp", type=3, code=13, quote=P(src=B, dst=A, proto="udp")),
    P(src=A, dst=B, proto="icmp", type=5, code=1, quote=P(src=B, dst=A, proto="udp")),
    P(src=A, dst=B, proto="icmp", type=5, code=3, quote=P(src=B, dst=A, proto="udp")),
    P(src=A, dst=B, proto="icmp", type=8, code=1),
    P(src=A, dst=B, proto="icmp", type=8, code=0),
    P(src=A, dst=B, proto="icmp", type=13, code=0, len=12),
    P(src=A, dst=B, proto="icmp", type=0, code=0),
    P(src=A, dst=B, proto="icmp", type=255, code=7),
])

case("match-addrtype-out-ttl-mac", """
*mangle
:PREROUTING ACCEPT [0:0]
:INPUT ACCEPT [0:0]
:FORWARD ACCEPT [0:0]
:OUTPUT ACCEPT [0:0]
:POSTROUTING ACCEPT [0:0]
-A FORWARD -m ttl --ttl-lt 10 -j LOG --log-prefix "mfwd-ttl<10: "
-A POSTROUTING -m ttl --ttl-eq 63 -m comment --comment "forwarded from 64" -j LOG --log-prefix "post-ttl63: "
-A POSTROUTING -m addrtype --src-type LOCAL --limit-iface-out -j LOG --log-prefix "post-src-local-out: "
-A POSTROUTING -m addrtype --src-type UNICAST --limit-iface-out -j LOG --log-prefix "post-src-uni-out: "
-A POSTROUTING -m addrtype --src-type LOCAL -j LOG --log-prefix "post-src-local: "
COMMIT
*filter
:INPUT ACCEPT [0:0]
:FORWARD ACCEPT [0:0]
:OUTPUT ACCEPT [0:0]
-A INPUT -m tos --tos 0x04/0x0c -j LOG --log-prefix "in-tos04/0c: "
-A INPUT -m tos ! --tos 0x10/0x10 -j LOG --log-prefix "in-not-lowdelay: "
-A FORWARD -m mac --mac-source 02:00:00:00:00:02 -j LOG --log-prefix "fwd-mac-src: "
-A FORWARD -m mac ! --mac-source 02:00:00:00:00:02 -j LOG --log-prefix "fwd-mac-other: "
-A FORWARD -m addrtype --dst-type UNICAST --limit-iface-out -j LOG --log-prefix "fwd-dst-uni-out: "
-A FORWARD -m addrtype --src-type UNICAST --limit-iface-in -j LOG --log-prefix "fwd-src-uni-in: "
-A FORWARD -m tos --tos 0x10/0x1c -j LOG --log-prefix "fwd-tos10/1c: "
-A OUTPUT -m addrtype --dst-type LOCAL -j LOG --log-prefix "out-dst-local: "
-A OUTPUT -m addrtype --dst-type LOCAL --limit-iface-out -j LOG --log-prefix "out-dst-local-out: "
-A OUTPUT -m addrtype --dst-type UNICAST --limit-iface-out -j LOG --log-prefix "out-dst-uni-out: "
-A OUTPUT -m addrtype --src-type LOCAL --limit-iface-out -j LOG --log-prefix "out-src-local-out: "
COMMIT
""", [
    P(src=A, dst=B, sport=40000, dport=80),
    P(src=B, dst=A, sport=80, dport=40000, flags="SA", ttl=10, **E1),
    P(src=C, dst=A, proto="udp", sport=40001, dport=9, **H),
    P(src=D, dst=A, proto="udp", sport=40002, dport=9, **H),
    P(src=C, dst=D, proto="udp", sport=40003, dport=9, **H),
    P(src=C, dst="127.0.0.1", proto="udp", sport=40004, dport=9, **H),
    P(src=A, dst=EXT, sport=40005, dport=80, tos=0x10),
    P(src=A, dst=B, sport=40006, dport=80, tos=0x14),
    P(src=A, dst=C, sport=40007, dport=80, tos=0x14),
    P(src=A, dst=C, sport=40008, dport=80, tos=0x1c),
    P(src=A, dst=B, sport=40009, dport=80, ttl=9),
], listen="udp:9")

case("recent-mask-rttl-reap", """
*raw
:PREROUTING ACCEPT [0:0]
:OUTPUT ACCEPT [0:0]
-A PREROUTING -p udp -m udp --dport 3 -m recent --set --name ttl --mask 255.255.255.255 --rsource
COMMIT
*filter
:INPUT DROP [0:0]
:FORWARD ACCEPT [0:0]
:OUTPUT ACCEPT [0:0]
-A INPUT -p udp -m udp --dport 1 -m recent --set --name net --mask 255.255.255.0 --rsource
-A INPUT -p udp -m udp --dport 2 -m recent --rcheck --name net --mask 255.255.255.0 -j LOG --log-prefix "net24: "
-A INPUT -p udp -m udp --dport 2 -m recent --rcheck --name net --mask 255.255.255.128 -j LOG --log-prefix "net25: "
-A INPUT -p udp -m udp --dport 4 -m recent --update --name ttl --rttl -j LOG --log-prefix "ttl-same: "
-A INPUT -p udp -m udp --dport 4 -m recent --rcheck --name ttl -j LOG --log-prefix "ttl-any: "
-A INPUT -p udp -m udp --dport 5 -m recent --update --seconds 3600 --reap --hitcount 2 --name ttl -j LOG --log-prefix "reap2: "
-A INPUT -p udp -m udp --dport 6 -m recent ! --rcheck --name ttl -j LOG --log-prefix "not-seen: "
-A FORWARD -p udp -m udp --dport 7 -m recent --rcheck --name ttl --rttl -j LOG --log-prefix "fwd-ttl: "
-A FORWARD -p udp -m udp --dport 8 -m recent --set --name dst --mask 255.255.0.0 --rdest
-A FORWARD -p udp -m udp --sport 8 -m recent --rcheck --name dst --mask 255.255.0.0 --rsource -j LOG --log-prefix "dst-as-src16: "
-A FORWARD -p udp -m udp --sport 8 -m recent --rcheck --name dst --rsource -j LOG --log-prefix "dst-as-src32: "
-A FORWARD -p udp -m udp --dport 9 -m recent --set --name fset --rsource
-A FORWARD -p udp -m udp --dport 10 -m recent --rcheck --name fset --rttl -j LOG --log-prefix "fset-ttl: "
COMMIT
""", [
    P(src=EXT, dst=C, proto="udp", dport=1),
    P(src="203.0.113.77", dst=C, proto="udp", dport=2),
    P(src="203.0.113.200", dst=C, proto="udp", dport=2),
    P(src=A, dst=C, proto="udp", dport=2),
    P(src=A, dst=C, proto="udp", dport=3, ttl=50),
    P(src=A, dst=C, proto="udp", dport=4, ttl=49),
    P(src=A, dst=C, proto="udp", dport=4, ttl=50),
    P(src=A, dst=C, proto="udp", dport=5, ttl=30),
    P(src=A, dst=C, proto="udp", dport=4, ttl=50),
    P(src=A, dst=B, proto="udp", dport=7, ttl=30),
    P(src=A, dst=B, proto="udp", dport=7, ttl=31),
    P(src=A, dst=B, proto="udp", dport=8, sport=40000),
    P(src=B, dst=A, proto="udp", sport=8, dport=40000, **E1),
    P(src=A, dst=C, proto="udp", dport=6),
    P(src=EXT, dst=C, proto="udp", dport=6),
    P(src=A, dst=B, proto="udp", dport=9, ttl=20),
    P(src=A, dst=C, proto="udp", dport=10, ttl=20),
    P(src=A, dst=B, proto="udp", dport=10, ttl=20),
])

case("ct-zone-notrack-output", """
*raw
:PREROUTING ACCEPT [0:0]
:OUTPUT ACCEPT [0:0]
-A PREROUTING -i eth0 -p udp -m udp --dport 53 -j CT --zone 5
-A PREROUTING -i eth1 -p udp -m udp --sport 53 -j CT --zone 5
-A PREROUTING -i eth0 -p udp -m udp --dport 54 -j CT --zone-orig 7
-A OUTPUT -j LOG --log-prefix "raw-out: "
-A OUTPUT -p udp -m udp --dport 9 -j CT --notrack
-A OUTPUT -p icmp -j NOTRACK
COMMIT
*filter
:INPUT ACCEPT [0:0]
:FORWARD ACCEPT [0:0]
:OUTPUT ACCEPT [0:0]
-A INPUT -m conntrack --ctstate INVALID -j LOG --log-prefix "in-inv: "
-A INPUT -m state --state NEW -j LOG --log-prefix "in-new: "
-A FORWARD -m conntrack --ctstate NEW -j LOG --log-prefix "fwd-new: "
-A FORWARD -m conntrack --ctstate ESTABLISHED -j LOG --log-prefix "fwd-est: "
-A OUTPUT -m state --state UNTRACKED -j LOG --log-prefix "out-untracked: "
-A OUTPUT -m conntrack --ctstate NEW -j LOG --log-prefix "out-new: "
-A OUTPUT -m conntrack --ctstate RELATED -j LOG --log-prefix "out-rel: "
COMMIT
""", [
    P(src=A, dst=B, proto="udp", sport=40000, dport=53),
    P(src=B, dst=A, proto="udp", sport=53, dport=40000, **E1),
    P(src=A, dst=B, proto="udp", sport=40000, dport=53, **E1),
    P(src=A, dst=B, proto="udp", sport=40000, dport=53),
    P(src=A, dst=B, proto="udp", sport=40002, dport=54),
    P(src=B, dst=A, proto="udp", sport=54, dport=40002, **E1),
    P(src=C, dst=A, proto="udp", sport=40003, dport=9, **H),
    P(src=C, dst=A, proto="udp", sport=40004, dport=10, **H),
    P(src=A, dst=C, proto="udp", sport=9, dport=40003),
    P(src=C, dst=A, proto="icmp", id=70, icmp_seq=1, **H),
    P(src=A, dst=C, proto="icmp", type=0, id=70, icmp_seq=1),
])

if __name__ == "__main__":
    mc.main()
