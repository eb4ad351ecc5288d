package org.jptables.plugins.ttltarget;

/** IPT_TTL_SET, IPT_TTL_INC and IPT_TTL_DEC in the order of libipt_TTL's option table, with -L's words and -S's option. */
enum TtlMode {
    SET(" TTL set to ", " --ttl-set "),
    DEC(" TTL decrement by ", " --ttl-dec "),
    INC(" TTL increment by ", " --ttl-inc ");

    final String listed;
    final String saved;

    TtlMode(String listed, String saved) {
        this.listed = listed;
        this.saved = saved;
    }
}
