package cn.xueshi.document;

import java.net.URI;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * The address people reach the application at, for the certificate's QR code and printed verification URL
 * (xueshi.public-base-url). Production (the postgres profile sets xueshi.public-base-url-required) refuses
 * to start without it: a certificate pointing at localhost cannot be verified by anyone. Elsewhere (demo,
 * development) an unset value is taken from the request being served, as the browser addressed it.
 */
@Component
class PublicBaseUrl {

    private final String configured;

    PublicBaseUrl(@Value("${xueshi.public-base-url:}") String configured,
            @Value("${xueshi.public-base-url-required:false}") boolean required) {
        String url = configured == null ? "" : configured.strip();
        if (url.isEmpty() && required) {
            throw new IllegalStateException("xueshi.public-base-url (environment XUESHI_PUBLIC_BASE_URL) is not set: "
                    + "the certificate's QR code must point at the address the public reaches, "
                    + "e.g. XUESHI_PUBLIC_BASE_URL=https://xueshi.example.gov.cn");
        }
        if (!url.isEmpty()) {
            URI uri = URI.create(url);
            if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
                throw new IllegalStateException("xueshi.public-base-url must be an absolute http(s) address, not "
                        + url);
            }
        }
        this.configured = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    /** The configured address, or the current request's scheme, host, port and context path. */
    String get() {
        if (!configured.isEmpty()) {
            return configured;
        }
        return ServletUriComponentsBuilder.fromCurrentContextPath().build().toUriString();
    }

    String verifyUrl(String code) {
        return get() + "/verify/" + code;
    }
}
