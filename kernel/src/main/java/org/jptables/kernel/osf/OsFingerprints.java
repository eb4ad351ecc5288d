package org.jptables.kernel.osf;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jptables.api.OsFingerprint;

/**
 * The passive OS fingerprints a host has loaded, split by their DF flag as the kernel keeps them
 * ({@code nf_osf_fingers[2]}): what {@code -m osf} compares a SYN with. {@link #NONE} is a host
 * where nobody ran {@code nfnl_osf}: no SYN is recognised, as on Linux. Immutable.
 */
public final class OsFingerprints {
    /** No fingerprints loaded. */
    public static final OsFingerprints NONE = new OsFingerprints(List.of());

    private final List<OsFingerprint> withoutDf;
    private final List<OsFingerprint> withDf;

    /** The fingerprints in load order (nfnl_osf's order in the file; duplicates already left out). */
    public OsFingerprints(List<OsFingerprint> fingerprints) {
        List<OsFingerprint> clear = new ArrayList<>();
        List<OsFingerprint> set = new ArrayList<>();
        for (OsFingerprint f : fingerprints) {
            (f.dontFragment() ? set : clear).add(f);
        }
        withoutDf = List.copyOf(clear);
        withDf = List.copyOf(set);
    }

    /**
     * The fingerprints {@code nfnl_osf -f} loads from pf.os text. A line nfnl_osf refuses (it loads
     * the others, then fails) makes the whole file refused here, naming the line, so that a host
     * description never loads part of a file unnoticed.
     */
    public static OsFingerprints fromPfOs(String text, String where) {
        PfOsFile.Loaded loaded = PfOsFile.parse(text);
        if (!loaded.refused().isEmpty()) {
            throw new IllegalArgumentException(where + ": not a fingerprint (nfnl_osf: \"Wrong input line\"): '"
                    + loaded.refused().get(0) + "'");
        }
        return new OsFingerprints(loaded.fingerprints());
    }

    /** The fingerprints of a pf.os file. */
    public static OsFingerprints read(Path file) throws IOException {
        return fromPfOs(Files.readString(file, StandardCharsets.ISO_8859_1), file.toString());
    }

    /** Those whose DF flag is {@code dontFragment}, in load order; allocates nothing. */
    public List<OsFingerprint> withDontFragment(boolean dontFragment) {
        return dontFragment ? withDf : withoutDf;
    }

    /** How many are loaded. */
    public int size() {
        return withoutDf.size() + withDf.size();
    }
}
