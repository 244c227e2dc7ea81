package dev.tidings.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;

class JwtPeopleTests {

    private final JwtPeople people = new JwtPeople(new SecurityProperties.Jwt("preferred_username", "roles"));

    @Test
    void rolesComeFromAListOrASpaceSeparatedClaimAndUnknownOnesGiveNothing() {
        assertThat(authorities(jwt().claim("roles", List.of("editor", "Admin", "owner")).build()))
                .containsExactly("ROLE_EDITOR", "ROLE_ADMIN");
        assertThat(authorities(jwt().claim("roles", "writer editor").build()))
                .containsExactly("ROLE_WRITER", "ROLE_EDITOR");
        assertThat(authorities(jwt().build())).isEmpty();
    }

    @Test
    void thePersonIsTheNameClaimElseTheSubject() {
        assertThat(people.convert(jwt().claim("preferred_username", "Sam Okafor").build()).getName())
                .isEqualTo("Sam Okafor");
        assertThat(people.convert(jwt().build()).getName()).isEqualTo("subject-1");
        assertThat(Actor.of(people.convert(jwt().build())))
                .isEqualTo(new Actor("subject-1", "jwt:https://id.example#subject-1"));
    }

    private List<String> authorities(Jwt jwt) {
        return people.convert(jwt).getAuthorities().stream().map(GrantedAuthority::getAuthority).toList();
    }

    private static Jwt.Builder jwt() {
        return Jwt.withTokenValue("token").header("alg", "RS256").subject("subject-1").issuer("https://id.example")
                .issuedAt(Instant.now()).expiresAt(Instant.now().plusSeconds(60));
    }
}
