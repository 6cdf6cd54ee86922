package cn.xueshi.system;

import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.WebDataBinder;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.InitBinder;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartException;
import org.springframework.ui.Model;

/**
 * Requests a form cannot hold (an upload beyond the limit, a list index beyond bounds) and values beyond
 * {@link RequestLimits} (a year of −50,000,000, a 100,000-character parameter) get a page saying so.
 */
@ControllerAdvice
class RequestLimitsAdvice {

    private final MessageSource messages;
    private final RequestLimits limits;
    /** xueshi.evidence.max-file-bytes, read as a value: the evidence package depends on system, not the reverse. */
    private final long maxFileBytes;

    RequestLimitsAdvice(MessageSource messages, RequestLimits limits,
            @org.springframework.beans.factory.annotation.Value("${xueshi.evidence.max-file-bytes}") long maxFileBytes) {
        this.messages = messages;
        this.limits = limits;
        this.maxFileBytes = maxFileBytes;
    }

    /** Every form's lists grow to xueshi.limits.max-form-rows at most; beyond it binding fails (400 below). */
    @InitBinder
    void limitFormRows(WebDataBinder binder) {
        binder.setAutoGrowCollectionLimit(limits.maxFormRows());
    }

    /** e.g. items[999] on a form that takes at most max-form-rows activities: a crafted request, not a user's typing. */
    @ExceptionHandler(org.springframework.beans.InvalidPropertyException.class)
    @ResponseStatus(HttpStatus.BAD_REQUEST)
    String unbindable() {
        return "error/400";
    }

    @ExceptionHandler(RequestOutOfLimits.class)
    @ResponseStatus(HttpStatus.BAD_REQUEST)
    String outOfLimits(RequestOutOfLimits e, Model model) {
        model.addAttribute("detail", messages.getMessage(e.messageKey(), e.args(), e.messageKey(),
                LocaleContextHolder.getLocale()));
        return "error/400";
    }

    /** A form post without the multipart body an upload handler needs: crafted, so a 400 rather than a 500. */
    @ExceptionHandler(MultipartException.class)
    @ResponseStatus(HttpStatus.BAD_REQUEST)
    String notMultipart() {
        return "error/400";
    }

    @ExceptionHandler(MaxUploadSizeExceededException.class)
    @ResponseStatus(HttpStatus.PAYLOAD_TOO_LARGE)
    String tooLarge(Model model) {
        model.addAttribute("messageKey", "evidence.error.requestTooLarge");
        // the per-file limit the forms apply, shown as configured (not a fixed "10 MB" in the message)
        model.addAttribute("maxFile", ByteLimit.shown(maxFileBytes));
        return "error/413";
    }
}
