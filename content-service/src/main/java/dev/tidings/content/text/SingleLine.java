package dev.tidings.content.text;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The annotated text is one line of XML-legal characters ({@code null} is valid). Titles and authors
 * end up in mail headers, where a CR or LF would let a caller add headers of their own.
 */
@Documented
@Constraint(validatedBy = SingleLine.Validator.class)
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.TYPE_USE})
@Retention(RetentionPolicy.RUNTIME)
public @interface SingleLine {

    String message() default "must be a single line without control characters";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    /** Checks {@link SingleLine}. */
    class Validator implements ConstraintValidator<SingleLine, CharSequence> {

        @Override
        public boolean isValid(CharSequence value, ConstraintValidatorContext context) {
            return value == null || (XmlCharacters.allLegal(value)
                    && value.chars().noneMatch(c -> c == '\r' || c == '\n'));
        }
    }
}
