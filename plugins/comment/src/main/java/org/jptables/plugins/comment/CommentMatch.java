package org.jptables.plugins.comment;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import org.jptables.api.SavedStrings;
import org.jptables.api.Constraints;
import org.jptables.api.ListingFormat;
import org.jptables.api.Match;
import org.jptables.api.Packet;
import org.jptables.api.StateScope;

/**
 * A comment: matches every packet, lists as <code>&#47;* TEXT *&#47;</code> and saves as
 * {@code --comment TEXT}, quoted as libxtables' xtables_save_string quotes: bare when the text is
 * only letters, digits, '_' and '-', otherwise in double quotes with '"', '\\' and ''' escaped.
 */
final class CommentMatch implements Match {
    /** xt_comment keeps 256 bytes with the NUL: iptables 1.8.9 cuts longer texts silently. */
    static final int MAX_BYTES = 255;


    private final String text;

    CommentMatch(String text) {
        this.text = text;
    }

    String text() {
        return text;
    }

    /** The longest start of {@code text} that fits in {@link #MAX_BYTES} UTF-8 bytes, whole characters only. */
    static String truncate(String text) {
        if (text.length() <= MAX_BYTES / 3
                || text.getBytes(StandardCharsets.UTF_8).length <= MAX_BYTES) {
            return text;
        }
        CharsetEncoder encoder = StandardCharsets.UTF_8.newEncoder()
                .onMalformedInput(CodingErrorAction.REPLACE).onUnmappableCharacter(CodingErrorAction.REPLACE);
        CharBuffer in = CharBuffer.wrap(text);
        encoder.encode(in, ByteBuffer.allocate(MAX_BYTES), true);
        return text.substring(0, in.position());
    }

    /** It matches every packet: no constraint, nothing to call. */
    @Override
    public void declare(Constraints constraints) {
        constraints.sideEffectFree();
        constraints.complete();
    }

    @Override
    public boolean matches(Packet packet) {
        return true;
    }

    @Override
    public void print(StringBuilder out, ListingFormat format) {
        out.append(" /* ").append(text).append(" */");
    }

    @Override
    public void save(StringBuilder out) {
        out.append(" --comment ");
        SavedStrings.append(out, text);
    }

    /** It reads only the packet, its metadata and the host: no state of its own. */
    @Override
    public StateScope stateScope() {
        return StateScope.NONE;
    }
}
