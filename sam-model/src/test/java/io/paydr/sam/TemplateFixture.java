package io.paydr.sam;

import java.net.URISyntaxException;
import java.nio.file.Path;

/** The test template in src/test/resources/template/app.yaml. */
final class TemplateFixture {

    private TemplateFixture() {
    }

    static Path path() {
        try {
            return Path.of(TemplateFixture.class.getResource("/template/app.yaml").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static CfnTemplate template() {
        return CfnTemplate.read(path());
    }
}
