#!/usr/bin/env python3
# record-rules.sh reads iptables' -L lines through bash's $(...), which drops NUL bytes; libxt_bpf
# ends its listing with printf("%c", '\0') (bpf_print_code's tail), so the real line carries one.
# This puts it back after the bytecode in the -L and -L -n columns of accepted rows:
#   ../../plugin-testkit/record-rules.sh < src/test/record/rules.txt | src/test/record/restore-nul.py > src/test/resources/recorded.tsv
import re, sys
for line in sys.stdin:
    f = line.rstrip('\n').split('\t')
    if f[3] == 'OK':
        for i in (7, 8):
            f[i] = re.sub(r'(match bpf [0-9 ,]*[0-9])', '\\1\0', f[i], count=1)
    sys.stdout.write('\t'.join(f) + '\n')
