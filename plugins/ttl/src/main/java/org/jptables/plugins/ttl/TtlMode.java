package org.jptables.plugins.ttl;

/** ipt_ttl's modes with their -L operator and -S option. */
enum TtlMode {
    EQ("==", " --ttl-eq"), NE("!=", " ! --ttl-eq"), LT("<", " --ttl-lt"), GT(">", " --ttl-gt");

    final String operator;
    final String option;

    TtlMode(String operator, String option) {
        this.operator = operator;
        this.option = option;
    }
}
