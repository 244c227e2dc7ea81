package dev.tidings.notifier.composing;

import dev.tidings.notifier.NotifierProperties;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.springframework.stereotype.Component;
import org.thymeleaf.ITemplateEngine;
import org.thymeleaf.context.Context;

/**
 * Renders the HTML part of emails from the Thymeleaf templates under {@code templates/email/}: a
 * table layout with inline styles, every value escaped by the engine. Thread-safe.
 */
@Component
public class EmailTemplates {

    private final ITemplateEngine engine;

    private final String publisher;

    EmailTemplates(ITemplateEngine engine, NotifierProperties properties) {
        this.engine = engine;
        this.publisher = properties.publisher();
    }

    /** The HTML of {@code email/<template>.html} with {@code model} and the publisher's name. */
    public String render(String template, Map<String, ?> model) {
        Map<String, Object> variables = new HashMap<>(model);
        variables.put("siteName", publisher);
        return engine.process("email/" + template, new Context(Locale.ENGLISH, variables));
    }
}
