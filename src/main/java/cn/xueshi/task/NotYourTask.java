package cn.xueshi.task;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ResponseStatus;

/** The task is gone (already completed by someone) or belongs to someone else. */
@ResponseStatus(HttpStatus.CONFLICT)
public class NotYourTask extends RuntimeException {
}
