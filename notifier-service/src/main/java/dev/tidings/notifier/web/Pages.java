package dev.tidings.notifier.web;

import dev.tidings.notifier.NotifierProperties;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.resource.ResourceUrlProvider;
import org.thymeleaf.ITemplateEngine;
import org.thymeleaf.context.Context;

/**
 * Renders the readers' HTML pages from the Thymeleaf templates under {@code templates/pages/}, each
 * inside the site's layout ({@code pages/layout.html}). Thymeleaf escapes every value; a template
 * never writes one unescaped.
 *
 * <p>Pages render with a plain context, not as Spring MVC views, so that the servlet filters that
 * answer before MVC runs (size limits) show the same pages as the controllers do.
 */
@Component
public class Pages {

    private static final MediaType HTML = new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8);

    private static final String STYLESHEET = "/css/tidings.css";

    private final ITemplateEngine templates;

    private final ResourceUrlProvider resourceUrls;

    private final String siteName;

    Pages(ITemplateEngine templates, ResourceUrlProvider resourceUrls, NotifierProperties properties) {
        this.templates = templates;
        this.resourceUrls = resourceUrls;
        this.siteName = properties.publisher();
    }

    /** The page {@code pages/<template>.html} with {@code model}, as a response with {@code status}. */
    public ResponseEntity<String> respond(HttpStatusCode status, String template, Map<String, ?> model) {
        return ResponseEntity.status(status).contentType(HTML).body(render(template, model));
    }

    /** A page that says one thing: a heading and a paragraph, marked as good news or as a problem. */
    public ResponseEntity<String> message(HttpStatusCode status, String title, String text) {
        boolean problem = status.isError();
        String reason = status instanceof HttpStatus known ? known.getReasonPhrase() : String.valueOf(status.value());
        return respond(status, "message", Map.of("title", title, "text", text, "problem", problem, "status", reason));
    }

    /** The HTML of the page {@code pages/<template>.html}. */
    public String render(String template, Map<String, ?> model) {
        Map<String, Object> variables = new HashMap<>(model);
        variables.put("siteName", siteName);
        // The content-hashed name (tidings-<md5>.css) lets browsers cache it for a year.
        String stylesheet = resourceUrls.getForLookupPath(STYLESHEET);
        variables.put("stylesheet", stylesheet == null ? STYLESHEET : stylesheet);
        return templates.process("pages/" + template, new Context(null, variables));
    }
}
