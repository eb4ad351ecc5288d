package org.jptables.ipset;

/** The general options of ipset (libipset's ipset_envopts[], in its order). */
enum EnvOption {
    OUTPUT(true, null, "plain|save|xml\n"
            + "       Specify output mode for listing sets.\n"
            + "       Default value for \"list\" command is mode \"plain\"\n"
            + "       and for \"save\" command is mode \"save\".", "-o", "-output"),
    SORTED(false, Session.Env.SORTED, "\n        Print elements sorted (if supported by the set type).", "-s", "-sorted"),
    QUIET(false, Session.Env.QUIET, "\n        Suppress any notice or warning message.", "-q", "-quiet"),
    RESOLVE(false, Session.Env.RESOLVE, "\n        Try to resolve IP addresses in the output (slow!)", "-r",
            "-resolve"),
    EXIST(false, Session.Env.EXIST, "\n        Ignore errors when creating or adding sets or\n"
            + "        elements that do exist or when deleting elements\n"
            + "        that don't exist.", "-!", "-exist"),
    NAME(false, Session.Env.LIST_SETNAME, "\n        When listing, just list setnames from the kernel.\n", "-n",
            "-name"),
    TERSE(false, Session.Env.LIST_HEADER, "\n        When listing, list setnames and set headers\n"
            + "        from kernel only.", "-t", "-terse"),
    FILE(true, null, "\n        Read from the given file instead of standard\n"
            + "        input (restore) or write to given file instead\n"
            + "        of standard output (list/save).", "-f", "-file");

    final boolean takesValue;
    final Session.Env env;
    final String help;
    final String[] names;

    EnvOption(boolean takesValue, Session.Env env, String help, String... names) {
        this.takesValue = takesValue;
        this.env = env;
        this.help = help;
        this.names = names;
    }

    /** ipset_match_envopt: exact, one leading dash of two ignored. */
    boolean matches(String arg) {
        String a = arg.startsWith("--") ? arg.substring(1) : arg;
        return a.equals(names[0]) || a.equals(names[1]);
    }
}
