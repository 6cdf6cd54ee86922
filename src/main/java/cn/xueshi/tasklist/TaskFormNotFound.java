package cn.xueshi.tasklist;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ResponseStatus;

/** No such open task, not one the signed-in person may work on, or no form of ours: 404, so ids reveal nothing. */
@ResponseStatus(HttpStatus.NOT_FOUND)
public class TaskFormNotFound extends RuntimeException {
}
