package dev.tidings.security;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The admin API of people's API keys: create one (its secret is in the answer, once), list them,
 * revoke one (it stops working with the next request).
 */
@RestController
@RequestMapping("/api/admin/api-keys")
class ApiKeysController {

    private final ApiKeys apiKeys;

    ApiKeysController(ApiKeys apiKeys) {
        this.apiKeys = apiKeys;
    }

    @GetMapping
    List<ApiKey> list() {
        return apiKeys.list();
    }

    @PostMapping
    ResponseEntity<NewKey> create(@Valid @RequestBody KeyRequest request) {
        Role role = Role.fromLabel(request.role()).orElseThrow(() -> problem(HttpStatus.BAD_REQUEST,
                "role must be one of writer, editor, admin."));
        ApiKeys.CreatedKey created = apiKeys.create(request.person().strip(), role, Actor.current());
        ApiKey key = created.key();
        return ResponseEntity.created(URI.create("/api/admin/api-keys/" + key.id()))
                .body(new NewKey(key.id(), key.person(), key.role().label(), created.secret()));
    }

    @DeleteMapping("/{id}")
    ResponseEntity<Void> revoke(@PathVariable UUID id) {
        if (!apiKeys.revoke(id)) {
            throw problem(HttpStatus.NOT_FOUND, "There is no API key " + id + ".");
        }
        return ResponseEntity.noContent().build();
    }

    private static ErrorResponseException problem(HttpStatus status, String detail) {
        return new ErrorResponseException(status, ProblemDetail.forStatusAndDetail(status, detail), null);
    }

    /** Who the key is for and what they may do. */
    record KeyRequest(
            @NotBlank @Size(max = 200) @Pattern(regexp = "[^\\p{Cntrl}<>]+", message = "must be a plain name")
            String person,
            @NotBlank String role) {
    }

    /** The created key; {@code key} is the secret, shown only here. */
    record NewKey(UUID id, String person, String role, String key) {
    }
}
