package org.sensorrecovery.journal;

/** Appending was refused because the disk is nearly full; it resumes when space returns. */
public final class JournalFullException extends Exception {

    private static final long serialVersionUID = 1L;

    public JournalFullException(String message) {
        super(message);
    }
}
