package cn.xueshi.rules;

import cn.xueshi.system.RequestOutOfLimits;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import java.util.stream.Collectors;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/** RFC 7807 problems for the recognition API only, with a Chinese detail naming the field. */
@RestControllerAdvice(assignableTypes = RecognitionApiController.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class RecognitionApiErrors {

    private final MessageSource messages;

    RecognitionApiErrors(MessageSource messages) {
        this.messages = messages;
    }

    @ExceptionHandler(RecognitionException.class)
    ResponseEntity<ProblemDetail> invalid(RecognitionException e) {
        return problem(HttpStatus.BAD_REQUEST, e.getMessage(), e.field());
    }

    /** A year or parameter beyond xueshi.limits (RequestLimits), found by the shared interceptor or the controller. */
    @ExceptionHandler(RequestOutOfLimits.class)
    ResponseEntity<ProblemDetail> outOfLimits(RequestOutOfLimits e) {
        return problem(HttpStatus.BAD_REQUEST, msg(e.messageKey(), e.args()), e.field());
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<ProblemDetail> unreadable(HttpMessageNotReadableException e) {
        Throwable cause = e.getCause();
        if (cause instanceof JsonMappingException m && !m.getPath().isEmpty()) {
            String field = m.getPath().stream()
                    .map(r -> r.getFieldName() != null ? "." + r.getFieldName() : "[" + r.getIndex() + "]")
                    .collect(Collectors.joining()).replaceFirst("^\\.", "");
            return problem(HttpStatus.BAD_REQUEST, msg("rules.error.body.field", field), field);
        }
        if (cause instanceof JsonProcessingException) {
            return problem(HttpStatus.BAD_REQUEST, msg("rules.error.body.malformed"), "");
        }
        return problem(HttpStatus.BAD_REQUEST, msg("rules.error.body.missing"), "");
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<ProblemDetail> mismatch(MethodArgumentTypeMismatchException e) {
        return problem(HttpStatus.BAD_REQUEST, msg("rules.error.body.field", e.getName()), e.getName());
    }

    @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
    ResponseEntity<ProblemDetail> mediaType(HttpMediaTypeNotSupportedException e) {
        return problem(HttpStatus.UNSUPPORTED_MEDIA_TYPE, msg("rules.error.body.mediaType"), "");
    }

    @ExceptionHandler(HttpMediaTypeNotAcceptableException.class)
    ResponseEntity<ProblemDetail> notAcceptable(HttpMediaTypeNotAcceptableException e) {
        return ResponseEntity.status(HttpStatus.NOT_ACCEPTABLE).build();
    }

    @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
    ResponseEntity<ProblemDetail> method(HttpRequestMethodNotSupportedException e) {
        return problem(HttpStatus.METHOD_NOT_ALLOWED, msg("rules.error.method"), "");
    }

    private ResponseEntity<ProblemDetail> problem(HttpStatus status, String detail, String field) {
        ProblemDetail p = ProblemDetail.forStatusAndDetail(status, detail);
        p.setTitle(msg("rules.error.title"));
        p.setProperty("field", field);
        return ResponseEntity.status(status).body(p);
    }

    private String msg(String key, Object... args) {
        return messages.getMessage(key, args, key, LocaleContextHolder.getLocale());
    }
}
