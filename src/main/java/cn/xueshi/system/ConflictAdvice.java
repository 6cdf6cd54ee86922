package cn.xueshi.system;

import jakarta.servlet.http.HttpServletResponse;
import org.camunda.bpm.engine.ProcessEngineException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.HttpStatus;
import org.springframework.transaction.TransactionException;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;

/**
 * Every race a page can lose answers the same way, in one place: status 409 (or the conflict's own,
 * e.g. 429) and a Chinese "someone was faster, reload and try again" page, never a 500 or a false 404.
 * Controllers that know where to send the person back still catch {@link Conflict} and redirect
 * with a flash message; whatever they do not catch ends here. Exceptions that are not a lost race are
 * rethrown and stay errors.
 */
@ControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class ConflictAdvice {

    static final String VIEW = "error/409";
    private static final Logger log = LoggerFactory.getLogger(ConflictAdvice.class);

    private final Conflicts conflicts;

    ConflictAdvice(Conflicts conflicts) {
        this.conflicts = conflicts;
    }

    @ExceptionHandler(Conflict.class)
    String conflict(Conflict e, Model model, HttpServletResponse response) {
        response.setStatus(e.status().value());
        model.addAttribute("messageKey", e.messageKey());
        model.addAttribute("messageArgs", e.args());
        return VIEW;
    }

    @ExceptionHandler({ProcessEngineException.class, ConcurrencyFailureException.class,
            DataIntegrityViolationException.class, TransactionException.class})
    String lostRace(RuntimeException e, Model model, HttpServletResponse response) {
        if (!conflicts.isConflict(e)) {
            throw e; // not a race: the usual error handling (500 page, logged) applies
        }
        log.info("Lost race answered with 409: {}", e.toString());
        response.setStatus(HttpStatus.CONFLICT.value());
        model.addAttribute("messageKey", "error.409.text");
        model.addAttribute("messageArgs", new Object[0]);
        return VIEW;
    }
}
