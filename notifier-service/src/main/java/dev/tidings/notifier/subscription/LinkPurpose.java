package dev.tidings.notifier.subscription;

/**
 * What a link token is for. The purpose is part of what is signed, so a preference link cannot be
 * turned into an unsubscribe or a confirmation link, nor the other way round.
 */
enum LinkPurpose {

    /** Names a confirmation request. */
    CONFIRM,

    /** Names a subscriber who wants to leave. */
    UNSUBSCRIBE,

    /** Names a subscriber choosing their topics. */
    PREFERENCES
}
