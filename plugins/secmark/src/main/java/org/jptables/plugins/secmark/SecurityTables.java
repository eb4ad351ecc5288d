package org.jptables.plugins.secmark;

/** The tables xt_SECMARK and xt_CONNSECMARK accept a rule in: mangle and security. */
final class SecurityTables {
    private SecurityTables() {
    }

    static boolean allows(String table) {
        return "mangle".equals(table) || "security".equals(table);
    }
}
