package cn.xueshi.claim;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ResponseStatus;

/** No such claim, or not one the signed-in person may see: both answer 404 so ids reveal nothing. */
@ResponseStatus(HttpStatus.NOT_FOUND)
public class ClaimNotFound extends RuntimeException {
}
