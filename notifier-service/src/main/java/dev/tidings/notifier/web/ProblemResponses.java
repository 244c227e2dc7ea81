package dev.tidings.notifier.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes error answers from servlet filters, which run before Spring MVC and its advice: a problem
 * document for the API, an HTML page for the pages people open in a browser.
 */
@Component
class ProblemResponses {

    private final JsonMapper json;

    private final Pages pages;

    ProblemResponses(JsonMapper json, Pages pages) {
        this.json = json;
        this.pages = pages;
    }

    void write(HttpServletRequest request, HttpServletResponse response, HttpStatus status, String detail)
            throws IOException {
        response.setStatus(status.value());
        if (!ProblemAdvice.isPage(request)) {
            Map<String, Object> problem = new LinkedHashMap<>();
            problem.put("type", "about:blank");
            problem.put("title", status.getReasonPhrase());
            problem.put("status", status.value());
            problem.put("detail", detail);
            problem.put("instance", request.getRequestURI());
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            response.getOutputStream().write(json.writeValueAsBytes(problem));
        }
        else {
            ResponseEntity<String> page = pages.message(status, status.getReasonPhrase(), detail);
            response.setContentType(MediaType.TEXT_HTML_VALUE + ";charset=UTF-8");
            response.getOutputStream().write(page.getBody().getBytes(StandardCharsets.UTF_8));
        }
    }
}
