#!/usr/bin/env python3
"""Writes the inputs of the fifth batch of cases (branch cases5) into conformance/cases/<name>/.

    make_cases5.py [CASES_DIR]

Same helpers and output as make_cases.py; it never touches a case's kernel.json. These cases are
"real world" rulesets (small office, CentOS default, kube-proxy, SSH brute-force protection)
driven by longer mixed packet sequences.
"""

import sys
import os

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import make_cases as mc  # noqa: E402
from make_cases import P  # noqa: E402

mc.CASES.clear()
case = mc.case
A, B, C, D = "198.18.0.2", "198.18.1.2", "198.18.0.1", "198.18.1.1"
EXT, EXT2 = "203.0.113.5", "203.0.113.9"
E1 = {"in": "eth1"}
H = {"in": "host"}
LO = "127.0.0.1"

# --- small office: WAN eth0, LAN eth1 (198.18.1.0/24) -----------------------------------------

case("office-stateful", """
*nat
:PREROUTING ACCEPT [0:0]
:INPUT ACCEPT [0:0]
:OUTPUT ACCEPT [0:0]
:POSTROUTING ACCEPT [0:0]
-A PREROUTING -i eth0 -p tcp -m tcp --dport 8080 -j DNAT --to-destination 198.18.1.2:80
-A PREROUTING -i eth0 -p tcp -m tcp --dport 2222 -j DNAT --to-destination 198.18.1.2:22
-A PREROUTING -i eth0 -p udp -m udp --dport 5060 -j DNAT --to-destination 198.18.1.2
-A POSTROUTING -o eth0 -s 198.18.1.0/24 -j MASQUERADE
COMMIT
*filter
:INPUT DROP [0:0]
:FORWARD DROP [0:0]
:OUTPUT ACCEPT [0:0]
:LOGDROP - [0:0]
:WAN-IN - [0:0]
-A INPUT -i lo -j ACCEPT
-A INPUT -m conntrack --ctstate INVALID -j LOGDROP
-A INPUT -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT
-A INPUT -i eth1 -s 198.18.1.0/24 -p tcp -m tcp --dport 22 -j ACCEPT
-A INPUT -i eth1 -p udp -m multiport --dports 53,67 -j ACCEPT
-A INPUT -p icmp -m icmp --icmp-type echo-request -m limit --limit 10/min --limit-burst 4 -j ACCEPT
-A INPUT -p icmp -m icmp --icmp-type echo-request -j LOGDROP
-A INPUT -i eth0 -j WAN-IN
-A INPUT -j LOGDROP
-A WAN-IN -p tcp -m tcp --dport 22 -s 203.0.113.0/24 -m conntrack --ctstate NEW -j ACCEPT
-A WAN-IN -p tcp -m tcp --tcp-flags SYN,RST,ACK SYN -j REJECT --reject-with tcp-reset
-A WAN-IN -p udp -j REJECT --reject-with icmp-port-unreachable
-A LOGDROP -m limit --limit 20/min --limit-burst 20 -j LOG --log-prefix "DROP: " --log-level 4
-A LOGDROP -j DROP
-A FORWARD -m conntrack --ctstate INVALID -j LOGDROP
-A FORWARD -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT
-A FORWARD -i eth1 -o eth0 -s 198.18.1.0/24 -j ACCEPT
-A FORWARD -i eth0 -o eth1 -m conntrack --ctstate DNAT -j ACCEPT
-A FORWARD -p icmp -m icmp --icmp-type fragmentation-needed -j ACCEPT
-A FORWARD -j LOG --log-prefix "FWD-DROP: "
-A FORWARD -j REJECT --reject-with icmp-admin-prohibited
-A OUTPUT -o eth0 -p icmp -m icmp --icmp-type destination-unreachable -j LOG --log-prefix "OUT-UNREACH: "
COMMIT
""", [
    # LAN client browses out through masquerade: handshake, data, FIN
    P(src=B, dst=EXT, sport=41000, dport=443, seq=1000, **E1),
    P(src=EXT, dst=C, sport=443, dport=41000, flags="SA", seq=9000, ack=1001),
    P(src=B, dst=EXT, sport=41000, dport=443, flags="A", seq=1001, ack=9001, **E1),
    P(src=B, dst=EXT, sport=41000, dport=443, flags="PA", seq=1001, ack=9001, len=40, **E1),
    P(src=EXT, dst=C, sport=443, dport=41000, flags="A", seq=9001, ack=1041),
    # LAN DNS to fw, LAN ping out and the reply
    P(src=B, dst=D, proto="udp", sport=5300, dport=53, len=30, **E1),
    P(src=B, dst=EXT2, proto="icmp", id=5, icmp_seq=1, **E1),
    P(src=EXT2, dst=C, proto="icmp", type=0, id=5, icmp_seq=1),
    # port forward 8080 -> 198.18.1.2:80 from the WAN, server's SYN-ACK
    P(src=EXT2, dst=C, sport=50000, dport=8080, seq=300),
    P(src=B, dst=EXT2, sport=80, dport=50000, flags="SA", seq=7000, ack=301, **E1),
    P(src=EXT2, dst=C, sport=50000, dport=8080, flags="A", seq=301, ack=7001),
    # port forward 2222 -> :22 and UDP 5060
    P(src=EXT, dst=C, sport=50001, dport=2222, seq=400),
    P(src=EXT, dst=C, proto="udp", sport=5060, dport=5060, len=100),
    # WAN ssh to fw allowed from 203.0.113.0/24, refused (RST) from elsewhere
    P(src=EXT, dst=C, sport=50002, dport=22, seq=500),
    P(src=A, dst=C, sport=50003, dport=22, seq=600),
    # WAN scan of a closed port (RST by REJECT), UDP (port unreachable), ACK probe (LOGDROP)
    P(src=EXT2, dst=C, sport=50004, dport=25, seq=700),
    P(src=EXT2, dst=C, proto="udp", sport=50005, dport=161, len=20),
    P(src=EXT2, dst=C, sport=50006, dport=80, flags="FPU", seq=1),
    # WAN pings (each a new id: NEW): 4 pass (burst), the 5th and 6th are dropped and logged;
    # a repeat of the first id is ESTABLISHED (the limit is not asked)
    P(src=EXT2, dst=C, proto="icmp", id=11, icmp_seq=1),
    P(src=EXT2, dst=C, proto="icmp", id=12, icmp_seq=1),
    P(src=EXT2, dst=C, proto="icmp", id=13, icmp_seq=1),
    P(src=EXT2, dst=C, proto="icmp", id=14, icmp_seq=1),
    P(src=EXT2, dst=C, proto="icmp", id=15, icmp_seq=1),
    P(src=EXT2, dst=C, proto="icmp", id=16, icmp_seq=1),
    P(src=EXT2, dst=C, proto="icmp", id=11, icmp_seq=2),
    # WAN tries to reach the LAN directly (not DNATed: logged and admin-prohibited)
    P(src=EXT, dst=B, sport=50007, dport=80, seq=800),
    # frag-needed from the WAN router about the masqueraded flow (RELATED)
    P(src=A, dst=C, proto="icmp", type=3, code=4, quote=P(src=C, dst=EXT, sport=41000, dport=443,
                                                           flags="PA", seq=1001, ack=9001, len=40)),
    # LAN client closes the web connection
    P(src=B, dst=EXT, sport=41000, dport=443, flags="FA", seq=1041, ack=9001, **E1),
    P(src=EXT, dst=C, sport=443, dport=41000, flags="FA", seq=9001, ack=1042),
])

# --- the seed's CentOS 6 ruleset, longer sequence ----------------------------------------------

CENTOS = open(os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))),
                           "shared-cases", "seed-centos6", "ruleset.rules")).read()

case("centos6-long", CENTOS, [
    # ssh: SYN (fw's SYN-ACK), retransmitted SYN, then the client's RST
    P(src=EXT, dst=C, sport=40000, dport=22, seq=1000),
    P(src=EXT, dst=C, sport=40000, dport=22, seq=1000),
    P(src=EXT, dst=C, sport=40000, dport=22, flags="R", seq=1001),
    # a second ssh client on the other interface
    P(src=B, dst=D, sport=40001, dport=22, seq=2000, **E1),
    P(src=B, dst=D, sport=40001, dport=22, flags="R", seq=2001, **E1),
    # pings to both addresses, an unsolicited echo reply, a timestamp request
    P(src=EXT, dst=C, proto="icmp", id=1, icmp_seq=1),
    P(src=B, dst=D, proto="icmp", id=2, icmp_seq=1, **E1),
    P(src=B, dst=C, proto="icmp", id=2, icmp_seq=2, **E1),
    P(src=EXT2, dst=C, proto="icmp", type=0, id=3, icmp_seq=1),
    P(src=EXT2, dst=C, proto="icmp", type=13),
    # SYN scan
    P(src=EXT2, dst=C, sport=50000, dport=21),
    P(src=EXT2, dst=C, sport=50000, dport=23),
    P(src=EXT2, dst=C, sport=50000, dport=80),
    P(src=EXT2, dst=C, sport=50000, dport=443),
    P(src=EXT2, dst=C, sport=50000, dport=3306),
    # null, xmas, FIN scans (INVALID: host-prohibited), ACK to 22 (loose pickup: NEW, fw's RST)
    P(src=EXT2, dst=C, sport=50001, dport=22, flags=""),
    P(src=EXT2, dst=C, sport=50001, dport=22, flags="FPU"),
    P(src=EXT2, dst=C, sport=50001, dport=22, flags="F"),
    P(src=EXT2, dst=C, sport=50002, dport=22, flags="A", seq=5, ack=5),
    # UDP: DNS, NTP, SNMP, a second datagram of the same flow
    P(src=EXT, dst=C, proto="udp", sport=5353, dport=53, len=30),
    P(src=EXT, dst=C, proto="udp", sport=123, dport=123, len=48),
    P(src=EXT, dst=D, proto="udp", sport=40000, dport=161, len=20),
    P(src=EXT, dst=C, proto="udp", sport=5353, dport=53, len=30),
    # forwarding attempts both ways
    P(src=EXT, dst=B, sport=40002, dport=80),
    P(src=B, dst=EXT, sport=40003, dport=443, **E1),
    P(src=B, dst=EXT, proto="udp", sport=40004, dport=53, **E1),
    P(src=EXT, dst=B, proto="icmp", id=4, icmp_seq=1),
    # host traffic out and its answers (RELATED/ESTABLISHED)
    P(src=C, dst=EXT, proto="udp", sport=33000, dport=53, **H),
    P(src=EXT, dst=C, proto="udp", sport=53, dport=33000, len=40),
    P(src=C, dst=EXT, sport=33001, dport=80, seq=100, **H),
    P(src=EXT, dst=C, sport=80, dport=33001, flags="SA", seq=900, ack=101),
    P(src=A, dst=C, proto="icmp", type=3, code=3, quote=P(src=C, dst=EXT, proto="udp", sport=33000, dport=53)),
], listen="tcp:22")

# --- kube-proxy-like nat --------------------------------------------------------------------------

case("kube-proxy-nat", """
*nat
:PREROUTING ACCEPT [0:0]
:INPUT ACCEPT [0:0]
:OUTPUT ACCEPT [0:0]
:POSTROUTING ACCEPT [0:0]
:KUBE-MARK-MASQ - [0:0]
:KUBE-NODEPORTS - [0:0]
:KUBE-POSTROUTING - [0:0]
:KUBE-SEP-AAA - [0:0]
:KUBE-SEP-BBB - [0:0]
:KUBE-SEP-DNS1 - [0:0]
:KUBE-SEP-DNS2 - [0:0]
:KUBE-SERVICES - [0:0]
:KUBE-SVC-WEB - [0:0]
:KUBE-SVC-DNS - [0:0]
-A PREROUTING -m comment --comment "kubernetes service portals" -j KUBE-SERVICES
-A OUTPUT -m comment --comment "kubernetes service portals" -j KUBE-SERVICES
-A POSTROUTING -m comment --comment "kubernetes postrouting rules" -j KUBE-POSTROUTING
-A KUBE-MARK-MASQ -j MARK --or-mark 0x4000
-A KUBE-POSTROUTING -m mark ! --mark 0x4000/0x4000 -j RETURN
-A KUBE-POSTROUTING -j MARK --xor-mark 0x4000
-A KUBE-POSTROUTING -m comment --comment "kubernetes service traffic requiring SNAT" -j MASQUERADE
-A KUBE-SERVICES -d 10.96.0.10/32 -p tcp -m comment --comment "default/web cluster IP" -m tcp --dport 80 -j KUBE-SVC-WEB
-A KUBE-SERVICES -d 10.96.0.53/32 -p udp -m comment --comment "kube-system/dns cluster IP" -m udp --dport 53 -j KUBE-SVC-DNS
-A KUBE-SERVICES -m comment --comment "kubernetes service nodeports" -m addrtype --dst-type LOCAL -j KUBE-NODEPORTS
-A KUBE-NODEPORTS -p tcp -m comment --comment "default/web" -m tcp --dport 30080 -j KUBE-MARK-MASQ
-A KUBE-NODEPORTS -p tcp -m comment --comment "default/web" -m tcp --dport 30080 -j KUBE-SVC-WEB
-A KUBE-SVC-WEB ! -s 198.18.1.0/24 -d 10.96.0.10/32 -p tcp -m tcp --dport 80 -j KUBE-MARK-MASQ
-A KUBE-SVC-WEB -m comment --comment "default/web -> 198.18.1.2:8080" -m statistic --mode nth --every 2 --packet 0 -j KUBE-SEP-AAA
-A KUBE-SVC-WEB -m comment --comment "default/web -> 198.18.1.2:8081" -j KUBE-SEP-BBB
-A KUBE-SEP-AAA -s 198.18.1.2/32 -j KUBE-MARK-MASQ
-A KUBE-SEP-AAA -p tcp -m tcp -j DNAT --to-destination 198.18.1.2:8080
-A KUBE-SEP-BBB -s 198.18.1.2/32 -j KUBE-MARK-MASQ
-A KUBE-SEP-BBB -p tcp -m tcp -j DNAT --to-destination 198.18.1.2:8081
-A KUBE-SVC-DNS -m statistic --mode nth --every 2 --packet 0 -j KUBE-SEP-DNS1
-A KUBE-SVC-DNS -j KUBE-SEP-DNS2
-A KUBE-SEP-DNS1 -p udp -m udp -j DNAT --to-destination 198.18.1.2:5353
-A KUBE-SEP-DNS2 -p udp -m udp -j DNAT --to-destination 198.18.1.2:5354
COMMIT
*filter
:INPUT ACCEPT [0:0]
:FORWARD DROP [0:0]
:OUTPUT ACCEPT [0:0]
:KUBE-FORWARD - [0:0]
-A FORWARD -m comment --comment "kubernetes forwarding rules" -j KUBE-FORWARD
-A KUBE-FORWARD -m conntrack --ctstate INVALID -j DROP
-A KUBE-FORWARD -m comment --comment "kubernetes forwarding rules" -m mark --mark 0x4000/0x4000 -j ACCEPT
-A KUBE-FORWARD -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT
-A FORWARD -d 198.18.1.0/24 -m conntrack --ctstate DNAT -j LOG --log-prefix "svc-nomasq: "
-A FORWARD -d 198.18.1.0/24 -m conntrack --ctstate DNAT -j ACCEPT
COMMIT
""", [
    # external client to the cluster IP: masqueraded, nth alternates the endpoints
    P(src=A, dst="10.96.0.10", sport=40000, dport=80, seq=100),
    P(src=B, dst=D, sport=8080, dport=40000, flags="SA", seq=5000, ack=101, **E1),
    P(src=A, dst="10.96.0.10", sport=40000, dport=80, flags="A", seq=101, ack=5001),
    P(src=A, dst="10.96.0.10", sport=40001, dport=80, seq=200),
    P(src=B, dst=D, sport=8081, dport=40001, flags="SA", seq=6000, ack=201, **E1),
    P(src=A, dst="10.96.0.10", sport=40002, dport=80, seq=300),
    # from the pod network (no masquerade unless hairpin)
    P(src="198.18.1.2", dst="10.96.0.10", sport=40003, dport=80, seq=400, **E1),
    P(src="198.18.1.2", dst="10.96.0.10", sport=40004, dport=80, seq=500, **E1),
    # NodePort on fw's WAN address
    P(src=EXT, dst=C, sport=40005, dport=30080, seq=600),
    P(src=B, dst=D, sport=8081, dport=40005, flags="SA", seq=7000, ack=601, **E1),
    # DNS service, UDP, alternating endpoints; a reply
    P(src=A, dst="10.96.0.53", proto="udp", sport=5000, dport=53, len=30),
    P(src=A, dst="10.96.0.53", proto="udp", sport=5001, dport=53, len=30),
    P(src=B, dst=A, proto="udp", sport=5354, dport=5001, len=60, **E1),
    P(src=A, dst="10.96.0.53", proto="udp", sport=5002, dport=53, len=30),
    # fw itself to the services (nat OUTPUT)
    P(src=C, dst="10.96.0.10", sport=40006, dport=80, seq=700, **H),
    P(src=C, dst="10.96.0.53", proto="udp", sport=40007, dport=53, **H),
    # no service on that port/address: FORWARD policy
    P(src=A, dst="10.96.0.10", sport=40008, dport=81, seq=800),
    P(src=A, dst=B, sport=40009, dport=8080, seq=900),
])

# --- multiport + state + limit together ---------------------------------------------------------

case("multiport-state-limit", """
*filter
:INPUT DROP [0:0]
:FORWARD DROP [0:0]
:OUTPUT ACCEPT [0:0]
-A INPUT -m state --state ESTABLISHED,RELATED -j ACCEPT
-A INPUT -p tcp -m multiport --dports 22,80,443 -m state --state NEW -m limit --limit 2/min --limit-burst 3 -j ACCEPT
-A INPUT -p tcp -m multiport --dports 22,80,443 -m state --state NEW -j LOG --log-prefix "rate: "
-A INPUT -p udp -m multiport --dports 53,123,5000:5010 -m state --state NEW -m limit --limit 1/hour --limit-burst 2 -j ACCEPT
-A INPUT -p tcp -m multiport ! --dports 22,80,443 -m state --state NEW,INVALID -m limit --limit 3/hour --limit-burst 1 -j LOG --log-prefix "other: "
-A FORWARD -p tcp -m multiport --sports 1024:65535 -m multiport --dports 80,443 -m state --state NEW -m limit --limit 1/min --limit-burst 2 -j ACCEPT
-A FORWARD -m state --state ESTABLISHED -j ACCEPT
COMMIT
""", [
    P(src=EXT, dst=C, sport=40000, dport=22, seq=1),
    P(src=EXT, dst=C, sport=40001, dport=80, seq=1),
    P(src=EXT, dst=C, sport=40000, dport=22, seq=1),
    P(src=EXT, dst=C, sport=40002, dport=443, seq=1),
    P(src=EXT, dst=C, sport=40003, dport=443, seq=1),
    P(src=EXT, dst=C, sport=40001, dport=80, flags="R", seq=2),
    P(src=EXT, dst=C, sport=40004, dport=25, seq=1),
    P(src=EXT, dst=C, sport=40005, dport=26, seq=1),
    P(src=EXT, dst=C, sport=40006, dport=22, flags="FPU", seq=1),
    P(src=EXT, dst=C, proto="udp", sport=1000, dport=53),
    P(src=EXT, dst=C, proto="udp", sport=1001, dport=5005),
    P(src=EXT, dst=C, proto="udp", sport=1002, dport=5010),
    P(src=EXT, dst=C, proto="udp", sport=1000, dport=53),
    P(src=A, dst=B, sport=40010, dport=80, seq=1),
    P(src=A, dst=B, sport=40011, dport=443, seq=1),
    P(src=A, dst=B, sport=40012, dport=80, seq=1),
    P(src=A, dst=B, sport=80, dport=443, seq=1),
    P(src=B, dst=A, sport=80, dport=40010, flags="SA", seq=9, ack=2, **E1),
], listen="tcp:22,tcp:80")

# --- ICMP flood against limit 1/second burst 3 ------------------------------------------------------

case("icmp-flood-limit", """
*filter
:INPUT ACCEPT [0:0]
:FORWARD ACCEPT [0:0]
:OUTPUT ACCEPT [0:0]
-A INPUT -p icmp -m icmp --icmp-type echo-request -m limit --limit 1/second --limit-burst 3 -j ACCEPT
-A INPUT -p icmp -m icmp --icmp-type echo-request -j DROP
-A FORWARD -p icmp -m icmp --icmp-type echo-request -m limit --limit 1/minute --limit-burst 2 -j ACCEPT
-A FORWARD -p icmp -m icmp --icmp-type echo-request -j DROP
COMMIT
""", [P(src=EXT, dst=C, proto="icmp", id=1, icmp_seq=i) for i in range(1, 6)]  # 3 pass, 2 dropped
  # five forwarded pings (2 pass, 3 dropped): 0.75 s more, the INPUT bucket refills one token
  + [P(src=EXT, dst=B, proto="icmp", id=2, icmp_seq=i) for i in range(1, 6)]
  # (the kernel's packets are at least 0.15 s apart: 10 gaps > 1 s; a second ping would need 5 more)
  + [P(src=EXT, dst=C, proto="icmp", id=1, icmp_seq=6),
     P(src=EXT, dst=C, proto="icmp", type=0, id=3, icmp_seq=1)])

# --- SSH brute-force protection with recent ------------------------------------------------------

case("recent-ssh-bruteforce", """
*filter
:INPUT ACCEPT [0:0]
:FORWARD DROP [0:0]
:OUTPUT ACCEPT [0:0]
-A INPUT -m state --state ESTABLISHED,RELATED -j ACCEPT
-A INPUT -p tcp -m tcp --dport 22 -m state --state NEW -m recent --name SSH --set
-A INPUT -p tcp -m tcp --dport 22 -m state --state NEW -m recent --name SSH --update --seconds 60 --hitcount 4 -j LOG --log-prefix "ssh-brute: "
-A INPUT -p tcp -m tcp --dport 22 -m state --state NEW -m recent --name SSH --update --seconds 60 --hitcount 4 -j DROP
-A INPUT -p tcp -m tcp --dport 22 -j ACCEPT
-A FORWARD -p tcp -m tcp --dport 22 -m recent --name FWSSH --set
-A FORWARD -p tcp -m tcp --dport 22 -m recent --name FWSSH --rcheck --seconds 60 --hitcount 3 -j REJECT --reject-with tcp-reset
-A FORWARD -p tcp -m tcp --dport 22 -j ACCEPT
COMMIT
""", [P(src=EXT, dst=C, sport=41000 + i, dport=22, seq=100 * i) for i in range(6)]
  + [
    # the RSTs that close attempts 0 and 1: ESTABLISHED? (SYN_RECV: RST accepted by the first rule)
    P(src=EXT, dst=C, sport=41000, dport=22, flags="R", seq=1),
    # another source is not affected; the blocked one stays blocked on a new port
    P(src=EXT2, dst=C, sport=42000, dport=22, seq=5),
    P(src=EXT2, dst=C, sport=42001, dport=22, seq=5),
    P(src=EXT, dst=C, sport=41010, dport=22, seq=5),
    # a non-SYN from the blocked source (loose pickup NEW) is counted too
    P(src=EXT, dst=C, sport=41011, dport=22, flags="A", seq=5, ack=5),
    # forwarded ssh: the 3rd and later get a RST
] + [P(src=A, dst=B, sport=43000 + i, dport=22, seq=i) for i in range(4)], listen="tcp:22")

# --- loopback traffic of fw's own ----------------------------------------------------------------

case("loopback-host", """
*filter
:INPUT DROP [0:0]
:FORWARD DROP [0:0]
:OUTPUT ACCEPT [0:0]
-A INPUT -i lo -s 127.0.0.0/8 -p icmp -j LOG --log-prefix "lo-icmp: "
-A INPUT -i lo -s 127.0.0.0/8 -j ACCEPT
-A INPUT -i lo ! -s 127.0.0.0/8 -j LOG --log-prefix "lo-nonlocal: "
-A INPUT -i lo -d 198.18.1.1 -j ACCEPT
-A INPUT ! -i lo -d 127.0.0.0/8 -j LOG --log-prefix "martian-lo: "
-A INPUT -m state --state ESTABLISHED,RELATED -j ACCEPT
-A OUTPUT -o lo -d 127.0.0.1 -p udp -m udp --dport 9999 -j REJECT --reject-with icmp-port-unreachable
-A OUTPUT -o lo -d 127.0.0.2 -j DROP
-A OUTPUT -o lo -j LOG --log-prefix "out-lo: "
COMMIT
""", [
    P(src=LO, dst=LO, proto="icmp", id=1, icmp_seq=1, **H),
    P(src=LO, dst=LO, proto="udp", sport=5000, dport=53, len=20, **H),
    P(src=LO, dst=LO, proto="udp", sport=5000, dport=7, len=20, **H),
    P(src=LO, dst=LO, proto="udp", sport=5000, dport=9999, **H),
    P(src=LO, dst=LO, sport=40000, dport=22, seq=100, **H),
    P(src=LO, dst=LO, sport=40001, dport=23, seq=100, **H),
    P(src=LO, dst="127.0.0.2", proto="icmp", id=2, icmp_seq=1, **H),
    P(src=C, dst=LO, proto="icmp", id=3, icmp_seq=1, **H),
    P(src=C, dst=D, proto="udp", sport=5001, dport=53, **H),
    P(src=D, dst=D, proto="icmp", id=4, icmp_seq=1, **H),
    # from outside to 127.0.0.1 (martian: dropped before INPUT)
    P(src=EXT, dst=LO, proto="icmp", id=5, icmp_seq=1),
    P(src=LO, dst=C, proto="icmp", id=6, icmp_seq=1),
], listen="tcp:22,udp:53")

# --- REJECT admin-prohibited against a 20-port scan -----------------------------------------------

case("reject-admin-scan20", """
*filter
:INPUT ACCEPT [0:0]
:FORWARD ACCEPT [0:0]
:OUTPUT ACCEPT [0:0]
:SCAN - [0:0]
-A INPUT -m conntrack --ctstate ESTABLISHED,RELATED -j ACCEPT
-A INPUT -p tcp -m multiport --dports 22,80 -j ACCEPT
-A INPUT -p tcp -j SCAN
-A INPUT -p udp -j SCAN
-A SCAN -m limit --limit 5/min --limit-burst 5 -j LOG --log-prefix "scan: "
-A SCAN -j REJECT --reject-with icmp-admin-prohibited
-A OUTPUT -p icmp -m icmp --icmp-type 3/13 -m limit --limit 1/hour --limit-burst 3 -j LOG --log-prefix "admin-prohib: "
COMMIT
""", [P(src=EXT, dst=C, sport=45000, dport=port, seq=1000)
      for port in (20, 21, 22, 23, 25, 53, 80, 110, 111, 135, 139, 143, 443, 445, 993, 995,
                   1723, 3306, 3389, 8080)]
  + [P(src=EXT, dst=C, proto="udp", sport=45001, dport=161, len=10),
     P(src=EXT, dst=D, sport=45002, dport=8443, flags="A", seq=1, ack=1),
     P(src=EXT, dst=C, sport=45000, dport=22, flags="R", seq=1001)], listen="tcp:22")

if __name__ == "__main__":
    mc.main()
