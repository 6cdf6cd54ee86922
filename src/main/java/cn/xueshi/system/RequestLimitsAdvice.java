package cn.xueshi.system;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.ui.Model;

/** Requests a form cannot hold (an upload beyond the limit, a list index beyond bounds) get a page saying so. */
@ControllerAdvice
class RequestLimitsAdvice {

    /** e.g. items[999] on a form that takes at most 50 activities: a crafted request, not a user's typing. */
    @ExceptionHandler(org.springframework.beans.InvalidPropertyException.class)
    @ResponseStatus(HttpStatus.BAD_REQUEST)
    String unbindable() {
        return "error/400";
    }

    @ExceptionHandler(MaxUploadSizeExceededException.class)
    @ResponseStatus(HttpStatus.PAYLOAD_TOO_LARGE)
    String tooLarge(Model model) {
        model.addAttribute("messageKey", "evidence.error.requestTooLarge");
        return "error/413";
    }
}
