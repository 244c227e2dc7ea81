package dev.tidings.notifier.privacy;

import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/** Export and erasure of one address's data for admins, e.g. for a request that came by letter. */
@RestController
class PersonalDataApi {

    private static final Pattern EMAIL = Pattern.compile("[^@\\s\\p{Cntrl}]{1,64}@[^@\\s\\p{Cntrl}]{1,189}");

    private final PersonalData data;

    PersonalDataApi(PersonalData data) {
        this.data = data;
    }

    @GetMapping(path = "/api/admin/personal-data", produces = MediaType.APPLICATION_JSON_VALUE)
    Map<String, Object> export(@RequestParam String email) {
        return data.export(address(email)).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND,
                "nothing is stored about this address"));
    }

    /** 204 when erased; 404 when nothing was stored. */
    @DeleteMapping("/api/admin/personal-data")
    ResponseEntity<Void> erase(@RequestParam String email) {
        if (!data.erase(address(email))) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "nothing is stored about this address");
        }
        return ResponseEntity.noContent().build();
    }

    static String address(String raw) {
        if (raw == null || !EMAIL.matcher(raw.strip()).matches()) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "email must be one address, at most 254 characters");
        }
        return raw.strip().toLowerCase(Locale.ROOT);
    }
}
