package cn.xueshi.claim;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ResponseStatus;

/** The signed-in person belongs to no unit, so no rule set applies to them yet. */
@ResponseStatus(HttpStatus.FORBIDDEN)
public class NoUnit extends RuntimeException {
}
