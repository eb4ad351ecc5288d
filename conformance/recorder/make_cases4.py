#!/usr/bin/env python3
"""Writes the inputs of the fourth batch of cases (branch cases4) into conformance/cases/<name>/.

    make_cases4.py [CASES_DIR]

Same helpers and output as make_cases.py; it never touches a case's kernel.json.
"""

import struct
import sys
import os

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import make_cases as mc  # noqa: E402
from make_cases import P, hexed, fragments  # noqa: E402
from packet import build_ip, checksum  # noqa: E402

mc.CASES.clear()
case = mc.case
A, B, C, D = "198.18.0.2", "198.18.1.2", "198.18.0.1", "198.18.1.1"
A3 = "198.18.0.3"
EXT = "203.0.113.5"
E1 = {"in": "eth1"}
H = {"in": "host"}


def tcp_opts(p, opts, data=b""):
    """p's TCP packet with the TCP options `opts` (padded to 4 bytes) and payload `data`."""
    ip = bytearray(build_ip(dict(p, len=0, mss=None)))
    opts = opts + b"\x00" * (-len(opts) % 4)
    tcp = bytearray(ip[20:40])
    tcp[12] = ((20 + len(opts)) // 4) << 4
    tcp[16:18] = b"\0\0"
    seg = bytes(tcp) + opts + data
    pseudo = bytes(ip[12:20]) + struct.pack("!BBH", 0, 6, len(seg))
    seg = seg[:16] + struct.pack("!H", checksum(pseudo + seg)) + seg[18:]
    hdr = bytearray(ip[:20])
    hdr[2:4] = struct.pack("!H", 20 + len(seg))
    hdr[10:12] = b"\0\0"
    hdr[10:12] = struct.pack("!H", checksum(bytes(hdr)))
    return bytes(hdr) + seg


MSS = lambda v: struct.pack("!BBH", 2, 4, v)  # noqa: E731
WS = lambda v: struct.pack("!BBB", 3, 3, v)  # noqa: E731
SACKP = b"\x04\x02"
TS = lambda a, b: struct.pack("!BBII", 8, 10, a, b)  # noqa: E731
NOP = b"\x01"


def SACK(*blocks):
    return struct.pack("!BB", 5, 2 + 8 * len(blocks)) + b"".join(struct.pack("!II", *b) for b in blocks)


CT_LOG_FILTER = """*filter
:INPUT ACCEPT [0:0]
:FORWARD ACCEPT [0:0]
:OUTPUT ACCEPT [0:0]
-A FORWARD -m conntrack --ctstate INVALID -j LOG --log-prefix "fwd-inv: "
-A FORWARD -m conntrack --ctstate NEW -j LOG --log-prefix "fwd-new: "
-A FORWARD -m conntrack --ctstate ESTABLISHED -j LOG --log-prefix "fwd-est: "
-A INPUT -m conntrack --ctstate INVALID -j LOG --log-prefix "in-inv: "
-A INPUT -m conntrack --ctstate NEW -j LOG --log-prefix "in-new: "
-A OUTPUT -m conntrack --ctstate RELATED -j LOG --log-prefix "out-rel: "
-A OUTPUT -m conntrack --ctstate NEW,ESTABLISHED -j LOG --log-prefix "out-new-est: "
COMMIT
"""

# --- TCP teardown through DNAT ------------------------------------------------------------------

case("ct-tcp-dnat-close", """
*nat
:PREROUTING ACCEPT [0:0]
:INPUT ACCEPT [0:0]
:OUTPUT ACCEPT [0:0]
:POSTROUTING ACCEPT [0:0]
-A PREROUTING -i eth0 -d 198.18.0.1 -p tcp -m tcp --dport 8080 -j DNAT --to-destination 198.18.1.2:22
COMMIT
""" + CT_LOG_FILTER, [
    # handshake
    P(src=A, dst=C, sport=41000, dport=8080, flags="S", seq=1000),
    P(src=B, dst=A, sport=22, dport=41000, flags="SA", seq=5000, ack=1001, **E1),
    P(src=A, dst=C, sport=41000, dport=8080, flags="A", seq=1001, ack=5001),
    P(src=A, dst=C, sport=41000, dport=8080, flags="PA", seq=1001, ack=5001, len=10),
    P(src=B, dst=A, sport=22, dport=41000, flags="A", seq=5001, ack=1011, **E1),
    # server closes first (client -> CLOSE_WAIT)
    P(src=B, dst=A, sport=22, dport=41000, flags="FA", seq=5001, ack=1011, **E1),
    P(src=A, dst=C, sport=41000, dport=8080, flags="A", seq=1011, ack=5002),
    # client sends data in CLOSE_WAIT, then FIN (LAST_ACK)
    P(src=A, dst=C, sport=41000, dport=8080, flags="PA", seq=1011, ack=5002, len=5),
    P(src=A, dst=C, sport=41000, dport=8080, flags="FA", seq=1016, ack=5002),
    # late retransmit of the server's FIN, then the last ACK -> TIME_WAIT
    P(src=B, dst=A, sport=22, dport=41000, flags="FA", seq=5001, ack=1011, **E1),
    P(src=B, dst=A, sport=22, dport=41000, flags="A", seq=5002, ack=1017, **E1),
    # late retransmit of the client's FIN in TIME_WAIT, the ACK again
    P(src=A, dst=C, sport=41000, dport=8080, flags="FA", seq=1016, ack=5002),
    P(src=B, dst=A, sport=22, dport=41000, flags="A", seq=5002, ack=1017, **E1),
    # a SYN reusing the TIME_WAIT tuple, answered
    P(src=A, dst=C, sport=41000, dport=8080, flags="S", seq=90000),
    P(src=B, dst=A, sport=22, dport=41000, flags="SA", seq=70000, ack=90001, **E1),
    P(src=A, dst=C, sport=41000, dport=8080, flags="A", seq=90001, ack=70001),
    # an ACK from the server for the old connection (now out of window)
    P(src=B, dst=A, sport=22, dport=41000, flags="A", seq=5002, ack=1017, **E1),
])

# --- ICMP errors about fw's own connections; what fw's own errors look like in OUTPUT ----------

case("ct-icmp-err-host-conn", """
*filter
:INPUT ACCEPT [0:0]
:FORWARD ACCEPT [0:0]
:OUTPUT ACCEPT [0:0]
-A INPUT -p icmp -m conntrack --ctstate RELATED -j LOG --log-prefix "in-rel: "
-A INPUT -p icmp -m conntrack --ctstate INVALID -j LOG --log-prefix "in-inv: "
-A INPUT -p icmp -m conntrack --ctstate NEW,ESTABLISHED -j LOG --log-prefix "in-new-est: "
-A INPUT -p tcp -m conntrack --ctstate ESTABLISHED -j LOG --log-prefix "in-tcp-est: "
-A INPUT -p tcp -m conntrack --ctstate INVALID -j LOG --log-prefix "in-tcp-inv: "
-A OUTPUT -m conntrack --ctstate NEW -j LOG --log-prefix "out-new: "
-A OUTPUT -p icmp -m length --length 56 -j LOG --log-prefix "out-len56: "
-A OUTPUT -p icmp -m length --length 150:200 -j LOG --log-prefix "out-len150-200: "
-A OUTPUT -p icmp -m ttl --ttl-eq 64 -m tos --tos 0xc0/0xfc -j LOG --log-prefix "out-ttl64-tosc0: "
-A OUTPUT -p icmp -m tos --tos 0x10 -j LOG --log-prefix "out-tos10: "
-A OUTPUT -p icmp -m tos ! --tos 0x00/0xe0 -j LOG --log-prefix "out-prec: "
-A OUTPUT -p tcp -m tcp --tcp-flags RST RST -m ttl --ttl-eq 64 -m length --length 40 -j LOG --log-prefix "out-rst40: "
COMMIT
""", [
    # fw's own SYN and UDP leave on eth0
    P(src=C, dst=A, sport=40100, dport=80, flags="S", seq=1, **H),
    P(src=C, dst=A, proto="udp", sport=40101, dport=53, **H),
    # ICMP errors back about them: RELATED; about an unknown flow: INVALID
    P(src=A, dst=C, proto="icmp", type=3, code=3,
      quote=P(src=C, dst=A, sport=40100, dport=80, flags="S", seq=1)),
    P(src=A, dst=C, proto="icmp", type=3, code=3,
      quote=P(src=C, dst=A, proto="udp", sport=40101, dport=53)),
    P(src=A, dst=C, proto="icmp", type=3, code=1,
      quote=P(src=C, dst=A, proto="udp", sport=40199, dport=53)),
    # an ICMP error from a router further out (source not the flow's peer)
    P(src=EXT, dst=C, proto="icmp", type=11, code=0,
      quote=P(src=C, dst=A, sport=40100, dport=80, flags="S", seq=1)),
    # the SYN's answer after the errors: a SYN-ACK (no socket: fw RSTs it)
    P(src=A, dst=C, sport=80, dport=40100, flags="SA", seq=7000, ack=2),
    # fw's own errors: port unreachable with a short and with a long quote, TOS 0x10 echo
    P(src=A, dst=C, proto="udp", sport=40200, dport=7),
    P(src=A, dst=C, proto="udp", sport=40201, dport=7, len=100),
    P(src=A, dst=C, proto="udp", sport=40202, dport=7, len=100, tos=0x10),
    P(src=A, dst=C, proto="icmp", id=5, icmp_seq=1, tos=0x10),
    P(src=A, dst=C, proto="icmp", id=6, icmp_seq=1, tos=0xb8),
    P(src=A, dst=C, sport=40203, dport=9, flags="S", tos=0x10),
])

# --- statistic nth in several chains ----------------------------------------------------------

case("statistic-nth-chains", """
*raw
:PREROUTING ACCEPT [0:0]
:OUTPUT ACCEPT [0:0]
-A PREROUTING -p udp -m statistic --mode nth --every 3 --packet 1 -j LOG --log-prefix "raw-nth3p1: "
COMMIT
*mangle
:PREROUTING ACCEPT [0:0]
:INPUT ACCEPT [0:0]
:FORWARD ACCEPT [0:0]
:OUTPUT ACCEPT [0:0]
:POSTROUTING ACCEPT [0:0]
-A PREROUTING -p udp -m statistic --mode nth --every 2 --packet 0 -j MARK --set-mark 0x1
-A FORWARD -p udp -m statistic --mode nth --every 4 --packet 3 -j MARK --or-mark 0x2
-A POSTROUTING -p udp -m mark --mark 0x3 -j LOG --log-prefix "post-mark3: "
COMMIT
*filter
:INPUT ACCEPT [0:0]
:FORWARD ACCEPT [0:0]
:OUTPUT ACCEPT [0:0]
:sub - [0:0]
-A FORWARD -p udp -m udp --dport 53 -j sub
-A FORWARD -p udp -m statistic --mode nth --every 5 --packet 4 -j DROP
-A FORWARD -p udp -m statistic --mode nth ! --every 3 --packet 2 -j LOG --log-prefix "fwd-not3p2: "
-A INPUT -p udp -m statistic --mode nth --every 2 --packet 1 -j DROP
-A sub -m statistic --mode nth --every 2 --packet 1 -j RETURN
-A sub -m statistic --mode nth --every 2 --packet 0 -j LOG --log-prefix "sub-nth2p0: "
COMMIT
""", [
    P(src=A, dst=B, proto="udp", sport=40000 + i, dport=(53 if i % 3 == 0 else 54 if i % 3 == 1 else 7)) if i % 4 != 3
    else P(src=A, dst=C, proto="udp", sport=40000 + i, dport=9)
    for i in range(16)
])

# --- recent --update --seconds 1 ----------------------------------------------------------------

case("recent-update-seconds", """
*filter
:INPUT ACCEPT [0:0]
:FORWARD ACCEPT [0:0]
:OUTPUT ACCEPT [0:0]
-A INPUT -p udp -m udp --dport 9 -j DROP
-A INPUT -p udp -m udp --dport 1 -m recent --name knock --set --rsource -j DROP
-A INPUT -p udp -m udp --dport 2 -m recent --name knock --update --seconds 1 --rsource -j LOG --log-prefix "upd-1s: "
-A INPUT -p udp -m udp --dport 2 -m recent --name knock ! --rcheck --seconds 1 --rsource -j LOG --log-prefix "not-within-1s: "
-A INPUT -p udp -m udp --dport 3 -m recent --name knock --rcheck --seconds 1 --hitcount 2 --rsource -j LOG --log-prefix "rcheck-1s-hit2: "
-A INPUT -p udp -m udp --dport 4 -m recent --name knock --rcheck --seconds 60 --rsource -j LOG --log-prefix "rcheck-60s: "
-A INPUT -p udp -j DROP
COMMIT
""", [
    P(src=A, dst=C, proto="udp", dport=1),
    P(src=A, dst=C, proto="udp", dport=2),     # within 1 s: updates
    P(src=A, dst=C, proto="udp", dport=3),     # 2 hits within 1 s
    P(src=A, dst=C, proto="udp", dport=2),     # updates again (last seen = previous --update)
] + [P(src=A, dst=C, proto="udp", dport=9, sport=41000 + i) for i in range(12)] + [
    P(src=A, dst=C, proto="udp", dport=2),     # > 1 s since the last update: no match
    P(src=A, dst=C, proto="udp", dport=3),
    P(src=A, dst=C, proto="udp", dport=4),     # within 60 s
    P(src=A3, dst=C, proto="udp", dport=2),    # another source never set
])

# --- REJECT tcp-reset of data / FIN, REJECT of fragments ----------------------------------------

big_udp = P(src=A, dst=B, proto="udp", sport=40300, dport=7, len=40, ipid=0x4242)
big_tcp = P(src=A, dst=B, sport=40301, dport=25, flags="PA", seq=3000, ack=4000, len=40, ipid=0x4343)
case("reject-data-fin-frags", """
*filter
:INPUT ACCEPT [0:0]
:FORWARD ACCEPT [0:0]
:OUTPUT ACCEPT [0:0]
-A FORWARD -p tcp -m tcp --dport 25 -j LOG --log-prefix "fwd-25: " --log-tcp-sequence
-A FORWARD -p tcp -m tcp --dport 25 -j REJECT --reject-with tcp-reset
-A FORWARD -f -j LOG --log-prefix "fwd-frag: "
-A FORWARD -f -j REJECT --reject-with icmp-port-unreachable
-A FORWARD -p udp -m udp --dport 7 -j REJECT --reject-with icmp-host-unreachable
-A FORWARD -p tcp -m tcp --dport 26 -j REJECT --reject-with tcp-reset
-A INPUT -p tcp -m tcp --dport 25 -j REJECT --reject-with tcp-reset
-A OUTPUT -j LOG --log-prefix "out: " --log-tcp-sequence
COMMIT
""", [
    P(src=A, dst=B, sport=40310, dport=25, flags="PA", seq=3000, ack=4000, len=100),
    P(src=A, dst=B, sport=40311, dport=25, flags="FA", seq=3000, ack=4000),
    P(src=A, dst=B, sport=40312, dport=25, flags="F", seq=3000),
    P(src=A, dst=B, sport=40313, dport=25, flags="FPA", seq=3000, ack=4000, len=7),
    P(src=A, dst=B, sport=40314, dport=25, flags="SF", seq=3000),
    P(src=A, dst=B, sport=40315, dport=25, flags="", seq=3000),
    P(src=A, dst=C, sport=40316, dport=25, flags="PA", seq=3000, ack=4000, len=20),
    P(src=A, dst=C, sport=40317, dport=25, flags="FA", seq=3000, ack=4000),
] + [hexed(f) for f in fragments(big_udp, 24)] + [hexed(f) for f in fragments(big_tcp, 32)] + [
    hexed(fragments(P(src=A, dst=B, sport=40302, dport=26, flags="S", len=24, ipid=0x4444), 16)[0]),
])

# --- LOG --log-tcp-options: SACK, timestamps, window scale --------------------------------------

case("log-tcp-options-sack-ts", """
*filter
:INPUT ACCEPT [0:0]
:FORWARD ACCEPT [0:0]
:OUTPUT ACCEPT [0:0]
-A INPUT -p tcp -j LOG --log-prefix "in: " --log-tcp-options
-A FORWARD -p tcp -j LOG --log-prefix "fwd: " --log-tcp-options --log-tcp-sequence
-A OUTPUT -p tcp -j LOG --log-prefix "out: " --log-tcp-options
COMMIT
""", [
    hexed(tcp_opts(P(src=A, dst=B, sport=40400, dport=22, flags="S", seq=100),
                   MSS(1460) + SACKP + TS(11111, 0) + NOP + WS(7))),
    hexed(tcp_opts(P(src=B, dst=A, sport=22, dport=40400, flags="SA", seq=900, ack=101),
                   MSS(1400) + NOP + NOP + SACKP + NOP + WS(9)), "eth1"),
    hexed(tcp_opts(P(src=A, dst=B, sport=40400, dport=22, flags="A", seq=101, ack=901),
                   NOP + NOP + TS(11112, 22222))),
    hexed(tcp_opts(P(src=A, dst=B, sport=40400, dport=22, flags="A", seq=101, ack=901),
                   NOP + NOP + SACK((5000, 6000), (7000, 8000)))),
    hexed(tcp_opts(P(src=A, dst=B, sport=40400, dport=22, flags="A", seq=101, ack=901),
                   NOP + NOP + TS(11113, 22223) + NOP + NOP + SACK((5000, 6000), (7000, 8000), (9000, 9500)))),
    hexed(tcp_opts(P(src=A, dst=B, sport=40400, dport=22, flags="PA", seq=101, ack=901),
                   NOP + NOP + TS(11114, 22224), b"hello")),
    hexed(tcp_opts(P(src=A, dst=B, sport=40401, dport=22, flags="S", seq=100),
                   b"\xfd\x06\x12\x34\x56\x78" + b"\x00" + MSS(536))),
    # to fw's closed port: fw's RST, and a listener's SYN-ACK (fw's own options in OUTPUT)
    hexed(tcp_opts(P(src=A, dst=C, sport=40402, dport=23, flags="S", seq=100),
                   MSS(1460) + SACKP + TS(1, 0) + NOP + WS(7))),
    hexed(tcp_opts(P(src=A, dst=C, sport=40403, dport=22, flags="S", seq=100),
                   MSS(1460) + NOP + NOP + SACKP + NOP + WS(7))),
], listen="tcp:22")

# --- MARK across raw -> mangle -> nat -> filter --------------------------------------------------

case("mark-nat-tables", """
*raw
:PREROUTING ACCEPT [0:0]
:OUTPUT ACCEPT [0:0]
-A PREROUTING -i eth0 -p tcp -m tcp --dport 8080 -j MARK --set-mark 0x10
-A PREROUTING -i eth0 -p udp -j MARK --set-mark 0x20
-A OUTPUT -p udp -j MARK --set-mark 0x40
COMMIT
*mangle
:PREROUTING ACCEPT [0:0]
:INPUT ACCEPT [0:0]
:FORWARD ACCEPT [0:0]
:OUTPUT ACCEPT [0:0]
:POSTROUTING ACCEPT [0:0]
-A PREROUTING -m mark --mark 0x10 -j MARK --or-mark 0x1
-A OUTPUT -m mark --mark 0x40 -j MARK --or-mark 0x4
-A POSTROUTING -m mark ! --mark 0x0 -j LOG --log-prefix "mpost: "
COMMIT
*nat
:PREROUTING ACCEPT [0:0]
:INPUT ACCEPT [0:0]
:OUTPUT ACCEPT [0:0]
:POSTROUTING ACCEPT [0:0]
-A PREROUTING -p tcp -m mark --mark 0x11 -j DNAT --to-destination 198.18.1.2:22
-A PREROUTING -m mark --mark 0x20/0xf0 -p udp -m udp --dport 5353 -j DNAT --to-destination 198.18.1.2:53
-A OUTPUT -p udp -m mark --mark 0x44 -j DNAT --to-destination 198.18.1.2:5300
-A POSTROUTING -m mark --mark 0x20 -j MASQUERADE
-A POSTROUTING -p udp -m mark --mark 0x44 -j SNAT --to-source 198.18.1.1:6000
COMMIT
*filter
:INPUT ACCEPT [0:0]
:FORWARD ACCEPT [0:0]
:OUTPUT ACCEPT [0:0]
-A FORWARD -m mark --mark 0x11 -j LOG --log-prefix "fwd-11: "
-A FORWARD -m mark --mark 0x20 -j LOG --log-prefix "fwd-20: "
-A FORWARD -m mark --mark 0x0 -j LOG --log-prefix "fwd-0: "
-A INPUT -m mark ! --mark 0x0 -j LOG --log-prefix "in-marked: "
-A OUTPUT -m mark --mark 0x44 -j LOG --log-prefix "out-44: "
COMMIT
""", [
    P(src=A, dst=C, sport=41000, dport=8080, flags="S"),
    P(src=B, dst=A, sport=22, dport=41000, flags="SA", seq=5000, ack=1001, **E1),
    P(src=A, dst=C, sport=41000, dport=8080, flags="A", seq=1001, ack=5001),
    P(src=A, dst=C, proto="udp", sport=41001, dport=5353),
    P(src=B, dst=D, proto="udp", sport=53, dport=41001, **E1),
    P(src=A, dst=B, proto="udp", sport=41002, dport=5353),
    P(src=C, dst=EXT, proto="udp", sport=41003, dport=53, **H),
    P(src=B, dst=D, proto="udp", sport=5300, dport=6000, **E1),
    P(src=A, dst=C, proto="udp", sport=41004, dport=9),
])

# --- several DNAT rules, user chains that return ------------------------------------------------

case("nat-dnat-multi-return", """
*nat
:PREROUTING ACCEPT [0:0]
:INPUT ACCEPT [0:0]
:OUTPUT ACCEPT [0:0]
:POSTROUTING ACCEPT [0:0]
:first - [0:0]
:second - [0:0]
-A PREROUTING -p tcp -j first
-A PREROUTING -p tcp -m tcp --dport 8080 -j second
-A PREROUTING -p tcp -m tcp --dport 8080 -j DNAT --to-destination 198.18.1.2:80
-A PREROUTING -p tcp -m tcp --dport 8081 -j DNAT --to-destination 198.18.1.2:81
-A PREROUTING -p tcp -m tcp --dport 8081 -j DNAT --to-destination 198.18.1.2:82
-A first -s 198.18.0.3 -j RETURN
-A first -p tcp -m tcp --dport 8082 -j DNAT --to-destination 198.18.1.2:83
-A first -p tcp -m tcp --sport 41005 -j DNAT --to-destination 198.18.1.2:84
-A second -s 198.18.0.2 -p tcp -m tcp --sport 41000:41001 -j RETURN
-A second -p tcp -j DNAT --to-destination 198.18.1.2:85
COMMIT
*filter
:INPUT ACCEPT [0:0]
:FORWARD ACCEPT [0:0]
:OUTPUT ACCEPT [0:0]
-A FORWARD -m conntrack --ctstate NEW -j LOG --log-prefix "fwd-new: "
-A INPUT -s 198.18.0.3 -j DROP
COMMIT
""", [
    P(src=A, dst=C, sport=41000, dport=8080, flags="S"),
    P(src=A, dst=C, sport=41002, dport=8080, flags="S"),
    P(src=A, dst=C, sport=41001, dport=8081, flags="S"),
    P(src=A3, dst=C, sport=41003, dport=8082, flags="S"),
    P(src=A, dst=C, sport=41004, dport=8082, flags="S"),
    P(src=A3, dst=C, sport=41005, dport=8080, flags="S"),
    P(src=A, dst=C, sport=41005, dport=8080, flags="S"),
    P(src=B, dst=A, sport=80, dport=41000, flags="SA", seq=5000, ack=1001, **E1),
    P(src=A, dst=C, sport=41000, dport=8080, flags="A", seq=1001, ack=5001),
    P(src=A, dst=C, sport=41006, dport=8083, flags="S"),
])

# --- SNAT / MASQUERADE port and id clashes -------------------------------------------------------

case("nat-snat-port-clash", """
*nat
:PREROUTING ACCEPT [0:0]
:INPUT ACCEPT [0:0]
:OUTPUT ACCEPT [0:0]
:POSTROUTING ACCEPT [0:0]
-A POSTROUTING -o eth1 -p tcp -j SNAT --to-source 198.18.1.1:40000-40001
-A POSTROUTING -o eth1 -p udp -j MASQUERADE --to-ports 40001-40002
-A POSTROUTING -o eth1 -p icmp -j SNAT --to-source 198.18.1.1
-A POSTROUTING -o eth0 -p udp -j SNAT --to-source 198.18.0.1:5000-5001
COMMIT
*filter
:INPUT ACCEPT [0:0]
:FORWARD ACCEPT [0:0]
:OUTPUT ACCEPT [0:0]
-A FORWARD -m conntrack --ctstate SNAT -j LOG --log-prefix "fwd-snat: "
-A FORWARD -m conntrack --ctstate NEW -m conntrack ! --ctstate SNAT -j LOG --log-prefix "fwd-new-nosnat: "
COMMIT
""", [
    # two clients, same source port, same server; a 2-port range: the second gets the other port
    P(src=A, dst=B, sport=40000, dport=80, flags="S"),
    P(src=A3, dst=B, sport=40000, dport=80, flags="S"),
    P(src=B, dst=D, sport=80, dport=40000, flags="SA", seq=5000, ack=1001, **E1),
    P(src=A3, dst=B, sport=40000, dport=80, flags="S"),
    # a third client: both ports taken (no mapping: dropped)
    P(src=EXT, dst=B, sport=40000, dport=80, flags="S"),
    P(src=EXT, dst=B, sport=40001, dport=80, flags="S"),
    # UDP masquerade to 40001-40002: the second client gets 40002
    P(src=A, dst=B, proto="udp", sport=40001, dport=53),
    P(src=A3, dst=B, proto="udp", sport=40001, dport=53),
    P(src=B, dst=D, proto="udp", sport=53, dport=40001, **E1),
    # ICMP echo SNATed, id kept, reply
    P(src=A, dst=B, proto="icmp", id=77, icmp_seq=1),
    P(src=B, dst=D, proto="icmp", type=0, id=77, icmp_seq=1, **E1),
    # eth1 -> eth0 SNAT to 5000-5001 from three servers with source port 5000
    P(src=B, dst=A, proto="udp", sport=5000, dport=40002, **E1),
    P(src="198.18.1.3", dst=A, proto="udp", sport=5000, dport=40002, **E1),
    P(src="198.18.1.4", dst=A, proto="udp", sport=5000, dport=40002, **E1),
    P(src=A, dst=B, proto="udp", sport=40002, dport=5000),
])

if __name__ == "__main__":
    mc.main()
