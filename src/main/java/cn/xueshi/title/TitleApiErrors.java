package cn.xueshi.title;

import cn.xueshi.system.RequestOutOfLimits;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/** RFC 7807 problems with a Chinese detail naming the field, for the title API only. */
@RestControllerAdvice(assignableTypes = TitleApiController.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class TitleApiErrors {

    private final MessageSource messages;

    TitleApiErrors(MessageSource messages) {
        this.messages = messages;
    }

    @ExceptionHandler(TitleInputRejected.class)
    ResponseEntity<ProblemDetail> rejected(TitleInputRejected e) {
        return problem(msg(e.messageKey(), e.args()), e.field());
    }

    @ExceptionHandler(RequestOutOfLimits.class)
    ResponseEntity<ProblemDetail> outOfLimits(RequestOutOfLimits e) {
        return problem(msg(e.messageKey(), e.args()), e.field());
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<ProblemDetail> mismatch(MethodArgumentTypeMismatchException e) {
        return problem(msg("title.error.number", e.getName()), e.getName());
    }

    @ExceptionHandler(MissingServletRequestParameterException.class)
    ResponseEntity<ProblemDetail> missing(MissingServletRequestParameterException e) {
        return problem(msg("title.error.missing", e.getParameterName()), e.getParameterName());
    }

    private ResponseEntity<ProblemDetail> problem(String detail, String field) {
        ProblemDetail p = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, detail);
        p.setTitle(msg("title.error.title"));
        p.setProperty("field", field);
        return ResponseEntity.status(HttpStatus.BAD_REQUEST).body(p);
    }

    private String msg(String key, Object... args) {
        return messages.getMessage(key, args, key, LocaleContextHolder.getLocale());
    }
}
