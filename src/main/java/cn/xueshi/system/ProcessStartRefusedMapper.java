package cn.xueshi.system;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * engine-rest answers a refused start ({@code POST /engine-rest/process-definition/key/…/start}) as a 400 with
 * the guard's message in the engine API's own error shape ({@code type}, {@code message}), instead of the 500 its
 * catch-all handler gives any exception it does not know. Jersey picks this mapper over that handler because
 * it names the exact exception type.
 */
@Provider
public class ProcessStartRefusedMapper implements ExceptionMapper<ProcessStartRefused> {

    @Override
    public Response toResponse(ProcessStartRefused refused) {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("type", ProcessStartRefused.class.getSimpleName());
        body.put("message", refused.getMessage());
        return Response.status(Response.Status.BAD_REQUEST)
                .type(MediaType.APPLICATION_JSON_TYPE.withCharset("UTF-8")).entity(body).build();
    }
}
