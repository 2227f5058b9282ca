package dev.mvmqtt.spec.catalogue;

/** The catalogue document is malformed; the message names the offending entry and field. */
public final class CatalogueException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public CatalogueException(String message) {
        super(message);
    }

    public CatalogueException(String message, Throwable cause) {
        super(message, cause);
    }
}
