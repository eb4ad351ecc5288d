package org.jptables.plugins.tcp;

import org.jptables.api.CNumbers;
import org.jptables.api.Names;
import org.jptables.api.RuleException;

/**
 * One port as libxtables' {@code xtables_parse_port} reads it: a number as strtoul in base 0
 * (so {@code 0x16} and {@code 022} are numbers, a minus is not), else a TCP service name of
 * /etc/services, matched exactly (case counts, as getservbyname).
 */
final class ServicePort {
    private ServicePort() {
    }

    static int parse(String text, Names names) throws RuleException {
        long number = CNumbers.whole(text, 0, 65535);
        if (number >= 0) {
            return (int) number;
        }
        int port = names == null || text.isEmpty() ? -1 : names.servicePort(text, "tcp");
        if (port < 0) {
            throw new RuleException("invalid port/service `" + text + "' specified");
        }
        return port;
    }
}
