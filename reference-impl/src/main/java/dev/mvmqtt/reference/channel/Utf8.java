package dev.mvmqtt.reference.channel;

import dev.mvmqtt.spec.api.MvSizedString;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** Strict UTF-8 decoding of sized strings: MQTT strings must be well-formed UTF-8. */
final class Utf8 {
    private Utf8() {}

    /** The decoded text, or null when the bytes are not well-formed UTF-8 (or contain U+0000). */
    static String decode(MvSizedString s) {
        try {
            String text = StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(s.bytes()))
                    .toString();
            return text.indexOf('\0') >= 0 ? null : text;
        } catch (CharacterCodingException e) {
            return null;
        }
    }
}
