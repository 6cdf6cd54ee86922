package cn.xueshi.workbench;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ResponseStatus;

/** An unknown rule set, draft, version or case. */
@ResponseStatus(HttpStatus.NOT_FOUND)
class WorkbenchNotFound extends RuntimeException {
}
