package dev.tidings.testsupport;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.ContextConfiguration;

/**
 * Puts a Spring Boot test on the shared real Kafka broker and a fresh database of the shared
 * PostgreSQL server (see {@link SharedInfrastructure}). Use it beside {@code @SpringBootTest}.
 *
 * <p>It runs the service with the {@code local} profile, as the local stack does: the profile that
 * holds the well-known local credentials, which a service refuses outside it.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ContextConfiguration(initializers = RealInfrastructureInitializer.class)
@ActiveProfiles("local")
public @interface RealInfrastructure {
}
