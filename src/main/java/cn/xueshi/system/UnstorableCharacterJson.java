package cn.xueshi.system;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import java.io.IOException;
import org.springframework.boot.autoconfigure.jackson.Jackson2ObjectMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The product API's JSON strings are read without {@link UnstorableCharacters}, as form fields are
 * ({@link UnstorableCharacterFilter}): a "\u0000" in a claim's title would otherwise reach PostgreSQL.
 */
@Configuration
class UnstorableCharacterJson {

    @Bean
    Jackson2ObjectMapperBuilderCustomizer strippedStrings() {
        return builder -> builder.deserializerByType(String.class, new Stripped());
    }

    private static final class Stripped extends StdScalarDeserializer<String> {

        Stripped() {
            super(String.class);
        }

        @Override
        public String deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            return UnstorableCharacters.strip(StringDeserializer.instance.deserialize(p, ctxt));
        }
    }
}
