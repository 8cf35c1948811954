package io.paydr.devstack.redshift;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The redshift profile's one file and its table in devstack/README.md say the same: every parameter, its value and
 * its source, which is an AWS page, a published figure or an assumption said so.
 */
class WarehouseProfileDocTest {

    private static final Pattern ROW = Pattern.compile("^\\| `([a-zA-Z.]+)` \\| ([0-9.]+) \\| (.+) \\|$");

    @Test
    void theReadmeTableShowsExactlyTheProfileFile() throws IOException {
        Map<String, String[]> documented = new LinkedHashMap<>();
        for (String line : Files.readAllLines(Path.of("README.md"))) {
            Matcher m = ROW.matcher(line);
            if (m.matches()) {
                documented.put(m.group(1), new String[] {m.group(2), m.group(3)});
            }
        }
        WarehouseProfile profile = WarehouseProfile.redshift();

        assertEquals(profile.parameters().keySet(), documented.keySet(), "the README table lists every parameter once");
        profile.parameters().forEach((name, value) -> {
            assertEquals(value, Double.parseDouble(documented.get(name)[0]), name + "'s value");
            assertEquals(profile.sources().get(name).replace('|', '/'), documented.get(name)[1], name + "'s source");
        });
    }

    @Test
    void everySourceNamesAPageAFigureOrSaysItIsAnAssumption() {
        WarehouseProfile.redshift().sources().forEach((name, source) -> {
            assertFalse(source.isBlank(), name);
            boolean assumption = source.startsWith("assumption:");
            boolean cited = source.startsWith("\"");
            assertTrue(assumption || cited, name + ": a source names its page in quotes or starts with 'assumption:': "
                    + source);
        });
    }
}
