package dev.tidings.notifier.subscription;

import java.util.Set;

/** What a subscriber currently receives, as the preference page shows it, with their unsubscribe link. */
record Preferences(String email, boolean unsubscribed, Set<String> topics, String frequency, String unsubscribeUrl) {
}
