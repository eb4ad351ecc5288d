#!/usr/bin/env python3
"""Writes the inputs of case osf-fingerprints into conformance/cases/<name>/ (never kernel.json).

    make_cases_osf.py [CASES_DIR]

SYN packets shaped as a few pf.os fingerprints (window, TTL, DF, size, TCP option layout) and
others that miss them, against -m osf rules; the case's `osf` file is what the recorder loads with
`nfnl_osf -f` (lines of OpenBSD's pf.os as nftables ships it) and unloads afterwards.
"""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import make_cases as mc  # noqa: E402
from make_cases import P  # noqa: E402
from make_cases4 import tcp_opts, MSS, WS, SACKP, TS, NOP  # noqa: E402

mc.CASES.clear()
A, B, C = "198.18.0.2", "198.18.1.2", "198.18.0.1"
EXT = "203.0.113.5"

OSF = """# a few fingerprints of pf.os (OpenBSD's, as nftables ships it), verbatim
S20:64:1:60:M*,S,T,N,W7:\tLinux:3.11-4.19::Linux 3.11 - 4.19
S4:64:1:60:M*,S,T,N,W7:\t\tLinux:2.6::Linux 2.6 (newer, 3)
16384:64:0:44:M*:\t\tLinux:2.0:3x:Linux 2.0.3x

65535:128:1:48:M*,N,N,S:\t\tWindows:2000:SP4:Windows 2000 SP4, XP SP1
%8192:128:1:48:M*,N,N,S:\t\tWindows:XP:SP1:Windows 2000 SP2, XP SP1 (seldom 98 4.10.2222)
65535:64:1:60:M*,N,W6,S,T:\tFreeBSD:9.0-12.0::FreeBSD 9.0 - 12.0
T4:64:1:60:M1412,S,T,N,W0:\tLinux:2.4::Linux 2.4 (late, uncommon)
"""

RULES = """*filter
:INPUT ACCEPT [0:0]
:FORWARD ACCEPT [0:0]
:OUTPUT ACCEPT [0:0]
-A INPUT -p tcp -m osf --genre Linux
-A INPUT -p tcp -m osf ! --genre Linux
-A INPUT -p tcp -m osf --genre Linux --ttl 1
-A INPUT -p tcp -m osf --genre Linux --ttl 2
-A INPUT -p tcp -m osf --genre Windows
-A INPUT -p tcp -m osf --genre Windows --ttl 1
-A INPUT -p tcp -m osf --genre FreeBSD --ttl 0
-A INPUT -p tcp -m osf --genre Nothing --log 1
-A INPUT -p tcp -m osf --genre Linux --log 0
-A INPUT -p tcp -m osf --genre Linux --ttl 2 --log 2
-A FORWARD -p tcp -m osf --genre Linux --ttl 1 -j DROP
-A FORWARD -p tcp -m osf --genre Windows --ttl 1 -j ACCEPT
COMMIT
"""

LINUX = MSS(1460) + SACKP + TS(1000, 0) + NOP + WS(7)
WINDOWS = MSS(1460) + NOP + NOP + SACKP
FREEBSD = MSS(1460) + NOP + WS(6) + SACKP + TS(1000, 0)

_port = [41000]


def syn(opts, window, ttl=64, df=True, flags="S", src=A, dst=C, mss_opts=None):
    _port[0] += 1
    ip = tcp_opts(P(src=src, dst=dst, sport=_port[0], dport=22, flags=flags, window=window, ttl=ttl,
                    df=df), opts)
    return {"in": "eth0", "ip": ip.hex()}


mc.case("osf-fingerprints", RULES, [
    syn(LINUX, 20 * 1460),                       # Linux 3.11-4.19 exactly
    syn(LINUX, 20 * 1460, ttl=57),               # 7 hops away: only --ttl 1 and 2
    syn(LINUX, 20 * 1460, ttl=80),               # above the fingerprint's TTL: only --ttl 2
    syn(LINUX, 4 * 1460),                        # Linux 2.6 (S4)
    syn(MSS(1400) + LINUX[4:], 20 * 1448),       # S20 through the "smart modem" MSS 1448
    syn(MSS(1412) + LINUX[4:], 4 * (1412 + 40)), # Linux 2.4 late (T4)
    syn(MSS(1500) + LINUX[4:], 6000),            # S4 with MSS 1500 and T4 with 1460: two fingerprints
    syn(WINDOWS, 65535, ttl=128),                # Windows 2000
    syn(WINDOWS, 65535, ttl=120),                # Windows 8 hops away
    syn(WINDOWS, 16384, ttl=128),                # Windows XP (%8192)
    syn(FREEBSD, 65535),                         # FreeBSD 9-12
    syn(MSS(1460), 16384, df=False),             # Linux 2.0, the DF=0 list
    syn(MSS(1460), 16384),                       # the same with DF: not in the DF=1 list
    syn(LINUX, 1234),                            # unknown window
    syn(LINUX, 20 * 1460, flags="A"),            # not a SYN: never examined
    syn(LINUX, 20 * 1460, flags="SA"),           # SYN-ACK: the SYN bit is all that counts
    syn(WS(7) + LINUX[:-3], 20 * 1460),          # the options in another order
    syn(LINUX, 20 * 1460, dst=B),                # FORWARD: Linux dropped
    syn(WINDOWS, 65535, ttl=120, dst=B),         # FORWARD: Windows accepted
    syn(LINUX, 20 * 1460, ttl=70, dst=B),        # FORWARD, TTL above 64 from eth0's own subnet
    syn(LINUX, 20 * 1460, ttl=70, src=EXT, dst=B),  # ... and from elsewhere
    syn(LINUX, 20 * 1460, ttl=63, src=EXT, dst=B),  # one hop: --ttl 1 drops it
], mode="quiet-host")

if __name__ == "__main__":
    mc.main()
    with open(os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "cases",
                           "osf-fingerprints", "osf"), "w") as f:
        f.write(OSF)
