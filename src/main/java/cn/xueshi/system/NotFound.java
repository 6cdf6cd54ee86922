package cn.xueshi.system;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ResponseStatus;

/**
 * No such thing (task, filing, unit, request, file…), or not one the signed-in person may see: both
 * answer 404 so ids reveal nothing. Capabilities with a more precise name subclass it
 * ({@code ClaimNotFound}).
 */
@ResponseStatus(HttpStatus.NOT_FOUND)
public class NotFound extends RuntimeException {
}
