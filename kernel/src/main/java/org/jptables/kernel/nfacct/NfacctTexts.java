package org.jptables.kernel.nfacct;

/** The fixed texts of nfacct 1.0.2: its help and version (to standard output). */
final class NfacctTexts {
    static final String PREFIX = "nfacct v1.0.2: ";
    static final String USAGE = "Usage: nfacct command [parameters]...\n";

    static final String HELP =
            "nfacct v1.0.2: utility for the Netfilter extended accounting infrastructure\n"
            + "Usage: nfacct command [parameters]...\n"
            + "\n"
            + "Commands:\n"
            + "  list [reset]\t\tList the accounting object table (and reset)\n"
            + "  add object-name\tAdd new accounting object to table\n"
            + "  delete object-name\tDelete existing accounting object\n"
            + "  get object-name\tGet existing accounting object\n"
            + "  flush\t\t\tFlush accounting object table\n"
            + "  restore\t\tRestore accounting object table reading 'list' output from stdin\n"
            + "  monitor\t\tListens for quota attainment notifications\n"
            + "  version\t\tDisplay version and disclaimer\n"
            + "  help\t\t\tDisplay this help message\n";

    static final String VERSION =
            "nfacct v1.0.2: utility for the Netfilter extended accounting infrastructure\n"
            + "Copyright (C) 2011 Pablo Neira Ayuso <pablo@netfilter.org>\n"
            + "Copyright (C) 2011 Intra2net AG <http://www.intra2net.com>\n"
            + "This program comes with ABSOLUTELY NO WARRANTY.\n"
            + "This is free software, and you are welcome to redistribute it under certain \n"
            + "conditions; see LICENSE file distributed in this package for details.\n";

    private NfacctTexts() {
    }
}
