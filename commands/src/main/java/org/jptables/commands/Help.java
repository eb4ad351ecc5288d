package org.jptables.commands;

import org.jptables.kernel.path.PacketDescription;

/** iptables 1.8.9's general help text, under the program's own name. */
final class Help {
    private Help() {
    }

    static String general(String program) {
        return program + " v" + Messages.VERSION + " (legacy)\n" + String.format(
                "\n"
                + "Usage: %1$s -[ACD] chain rule-specification [options]\n"
                + "       %1$s -I chain [rulenum] rule-specification [options]\n"
                + "       %1$s -R chain rulenum rule-specification [options]\n"
                + "       %1$s -D chain rulenum [options]\n"
                + "       %1$s -[LS] [chain [rulenum]] [options]\n"
                + "       %1$s -[FZ] [chain] [options]\n"
                + "       %1$s -[NX] chain\n"
                + "       %1$s -E old-chain-name new-chain-name\n"
                + "       %1$s -P chain target [options]\n"
                + "       %1$s -h (print this help information)\n"
                + "\n"
                + "Commands:\n"
                + "Either long or short options are allowed.\n"
                + "  --append  -A chain\t\tAppend to chain\n"
                + "  --check   -C chain\t\tCheck for the existence of a rule\n"
                + "  --delete  -D chain\t\tDelete matching rule from chain\n"
                + "  --delete  -D chain rulenum\n"
                + "\t\t\t\tDelete rule rulenum (1 = first) from chain\n"
                + "  --insert  -I chain [rulenum]\n"
                + "\t\t\t\tInsert in chain as rulenum (default 1=first)\n"
                + "  --replace -R chain rulenum\n"
                + "\t\t\t\tReplace rule rulenum (1 = first) in chain\n"
                + "  --list    -L [chain [rulenum]]\n"
                + "\t\t\t\tList the rules in a chain or all chains\n"
                + "  --list-rules -S [chain [rulenum]]\n"
                + "\t\t\t\tPrint the rules in a chain or all chains\n"
                + "  --flush   -F [chain]\t\tDelete all rules in  chain or all chains\n"
                + "  --zero    -Z [chain [rulenum]]\n"
                + "\t\t\t\tZero counters in chain or all chains\n"
                + "  --new     -N chain\t\tCreate a new user-defined chain\n"
                + "  --delete-chain\n"
                + "            -X [chain]\t\tDelete a user-defined chain\n"
                + "  --policy  -P chain target\n"
                + "\t\t\t\tChange policy on chain to target\n"
                + "  --rename-chain\n"
                + "            -E old-chain new-chain\n"
                + "\t\t\t\tChange chain name, (moving any references)\n"
                + "\n"
                + "Options:\n"
                + "    --ipv4\t-4\t\tNothing (line is ignored by ip6tables-restore)\n"
                + "    --ipv6\t-6\t\tError (line is ignored by iptables-restore)\n"
                + "[!] --protocol\t-p proto\tprotocol: by number or name, eg. `tcp'\n"
                + "[!] --source\t-s address[/mask][...]\n"
                + "\t\t\t\tsource specification\n"
                + "[!] --destination -d address[/mask][...]\n"
                + "\t\t\t\tdestination specification\n"
                + "[!] --in-interface -i input name[+]\n"
                + "\t\t\t\tnetwork interface name ([+] for wildcard)\n"
                + " --jump\t-j target\n"
                + "\t\t\t\ttarget for rule (may load target extension)\n"
                + "  --goto      -g chain\n"
                + "\t\t\t       jump to chain with no return\n"
                + "  --match\t-m match\n"
                + "\t\t\t\textended match (may load extension)\n"
                + "  --numeric\t-n\t\tnumeric output of addresses and ports\n"
                + "[!] --out-interface -o output name[+]\n"
                + "\t\t\t\tnetwork interface name ([+] for wildcard)\n"
                + "  --table\t-t table\ttable to manipulate (default: `filter')\n"
                + "  --verbose\t-v\t\tverbose mode\n"
                + "  --wait\t-w [seconds]\tmaximum wait to acquire xtables lock before give up\n"
                + "  --line-numbers\t\tprint line numbers when listing\n"
                + "  --exact\t-x\t\texpand numbers (display exact values)\n"
                + "[!] --fragment\t-f\t\tmatch second or further fragments only\n"
                + "  --modprobe=<command>\t\ttry to insert modules using this command\n"
                + "  --set-counters -c PKTS BYTES\tset the counter during insert/append\n"
                + "[!] --version\t-V\t\tprint package version.\n", program);
    }

    /** {@code jptables graph -h}: jptables' own command, so its own words. */
    static String graph() {
        return "Usage: jptables graph [--rules FILE] [-t TABLE] [-o FILE.svg|FILE.dot]\n"
                + "\n"
                + "Writes the ruleset as a Graphviz graph: each table a cluster, each chain a box (built-in\n"
                + "chains bold, with their policy and its counters), each jump an arrow and each goto a dashed\n"
                + "arrow, labelled with the rule's number and counters.\n"
                + "\n"
                + "  --rules FILE   the ruleset of an iptables-save file instead of the state\n"
                + "  -t TABLE       only that table\n"
                + "  -o FILE.dot    write DOT to FILE (default: standard output)\n"
                + "  -o FILE.svg    draw FILE with Graphviz's dot (JPTABLES_DOT names another program)\n";
    }

    /** {@code jptables sample -h}. */
    static String sample() {
        return "Usage: jptables sample office FILE.pcap [--seed N] [--size SIZE]\n"
                + "\n"
                + "Writes generated traffic of a small office seen on the firewall host's eth0 (198.18.0.1),\n"
                + "the distribution's samples/office.pcap with the default seed and size. --size repeats the\n"
                + "office's traffic with other clients, ports and sizes until the frames reach SIZE bytes\n"
                + "(K, M, G: powers of 1024).\n";
    }

    /** {@code jptables replay -h}. */
    static String replay() {
        return "Usage: jptables replay CAPTURE [options]          a pcap or pcapng capture\n"
                + "       jptables replay --packets FILE.jsonl [options]   packets described as JSON lines\n"
                + "\n"
                + "Runs the packets through the ruleset as the Linux kernel would (hooks in order, connection\n"
                + "tracking, NAT, REJECT's answers, LOG lines) and adds the counters to the state.\n"
                + "\n"
                + "  --rules FILE        an iptables-save file instead of the state (never saved)\n"
                + "  --host FILE         the host's interfaces and routes (default conf/host.yaml)\n"
                + "  --no-save           leave the state's counters as they were\n"
                + "  --json              machine-readable output\n"
                + "  --ignore-checksums  do not check IPv4/TCP/UDP/ICMP checksums (captures with offload)\n"
                + "  --quiet-host        the host sends nothing of its own (REJECT's answers): for a capture\n"
                + "                      taken on the host under this ruleset, which already holds them\n"
                + "  --eval linear|compiled\n"
                + "                      walk each chain rule by rule, or through its compiled classifier\n"
                + "                      (the default, or eval: in conf/jptables.yaml); the results are the same\n"
                + "  --accepted FILE.pcap, --dropped FILE.pcap, --emitted FILE.pcap\n"
                + "                      write those packets (captures only)\n"
                + "  --log FILE          write the LOG lines to FILE\n"
                + "  --nflog FILE.pcap   write NFLOG's copies of the packets to FILE.pcap (link type NFLOG,\n"
                + "                      as tcpdump -i nflog writes them)\n"
                + "\n"
                + "A --packets line is one JSON object, e.g. {\"src\":\"203.0.113.9\",\"dst\":\"198.18.0.1\",\"dport\":22}.\n"
                + "Its fields (default in parentheses):\n"
                + PacketDescription.fieldHelp("  ")
                + "\n"
                + "Exit status: 0 every packet was replayed; 1 the capture or a file could not be read to its\n"
                + "end (what was replayed before the fault is still reported, then the fault, as tcpdump -r);\n"
                + "2 a wrong option, or a packet line or --rules file that cannot be used (nothing replayed).\n";
    }

    /** {@code jptables --packet -h}. */
    static String packet() {
        return "Usage: jptables --packet [-i IFACE | --local] -s ADDR -d ADDR [-p tcp|udp|icmp|N] [options]\n"
                + "\n"
                + "One packet, in iptables' words, through the ruleset of the state (as one line of replay).\n"
                + "\n"
                + "  --sport N, --dport N          ports (defaults 40000, and 80 for tcp, 53 for udp)\n"
                + "  --tcp-flags SYN,ACK | --syn   TCP flags set (default SYN)\n"
                + "  --seq N, --ack N, --window N, --mss N\n"
                + "  --icmp-type NAME|TYPE[/CODE], --icmp-id N, --icmp-seq N\n"
                + "  --len N, --ttl N, --tos N, --ipid N, --df\n"
                + "  --json, --no-save, --rules FILE, --host FILE, --eval MODE   as for replay\n"
                + "\n"
                + "The words make one line of replay --packets: -i and --local set in, -s src, -d dst,\n"
                + "-p proto, --syn and --tcp-flags flags, --icmp-type type and code, --icmp-id id, --icmp-seq\n"
                + "icmp_seq, each other word the field of its name. The fields (default in parentheses):\n"
                + PacketDescription.fieldHelp("  ");
    }

    /** {@code jptables conformance -h}. */
    static String conformance() {
        return "Usage: jptables conformance [--host FILE] [--known FILE] [--eval linear|compiled] CASE_DIR...\n"
                + "\n"
                + "Runs cases recorded on the real kernel (folders with ruleset.rules, packets.jsonl and\n"
                + "kernel.json; a folder of such folders is searched) and compares, packet by packet, the\n"
                + "counters, policies, emitted frames, LOG lines and connection table. Exit status 1 when any\n"
                + "packet differs. --known FILE lists packets known to differ (case, packet, why; tab-\n"
                + "separated): they are counted apart, and fail the run once they agree. --eval: as for replay.\n"
                + "conformance/recorder/ records new cases.\n";
    }
}
