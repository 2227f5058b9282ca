package dev.mvmqtt.spec.api.mqtt;

import dev.mvmqtt.spec.api.MvSizedString;
import java.util.ArrayList;
import java.util.List;

/**
 * C {@code struct MvTlsCertificateChain}: {@code num_certs} and an array of DER certificates.
 * {@code numCerts} is kept apart from the list because C keeps them apart: a count larger than the
 * array is a bad pointer (LATEFAULT), more than 8 is TOOMANYELEMENTS.
 */
public record MvTlsCertificateChain(int numCerts, List<MvSizedString> certs) {
    public static final MvTlsCertificateChain EMPTY = new MvTlsCertificateChain(0, List.of());

    public MvTlsCertificateChain {
        certs = Lists.copy(certs);
    }

    /** A chain of these DER certificates, count set to match. */
    public static MvTlsCertificateChain ofDer(List<byte[]> derCertificates) {
        List<MvSizedString> certs = new ArrayList<>();
        for (byte[] der : derCertificates) {
            certs.add(MvSizedString.of(der));
        }
        return new MvTlsCertificateChain(certs.size(), certs);
    }
}
