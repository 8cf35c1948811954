package io.paydr.devstack.postgres;

import io.paydr.devstack.postgres.internal.ExternalServerUrl;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ExternalServerUrlTest {

    @Test
    void replacesTheDatabaseAndKeepsParameters() {
        assertEquals("jdbc:postgresql://db:5432/payments_us_east_1?user=u&password=p",
                ExternalServerUrl.withDatabase("jdbc:postgresql://db:5432/postgres?user=u&password=p", "payments_us_east_1"));
        assertEquals("jdbc:postgresql://db/x", ExternalServerUrl.withDatabase("jdbc:postgresql://db", "x"));
    }

    @Test
    void errorsNeverShowThePassword() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ExternalServerUrl.withDatabase("postgres://db/x?password=hunter2", "x"));
        assertFalse(e.getMessage().contains("hunter2"));
        assertTrue(e.getMessage().contains("jdbc:postgresql://"));
        assertEquals("jdbc:postgresql://db:1/postgres", ExternalServerUrl.withoutSecrets("jdbc:postgresql://db:1/postgres?password=hunter2"));
    }
}
