package io.paydr.contract;

import java.util.List;
import java.util.stream.Collectors;

/** A batch broke the v1 contract; carries every violation found, not only the first. */
public class ContractViolationException extends RuntimeException {

    private static final int LISTED_IN_MESSAGE = 20;

    private final List<Violation> violations;

    public ContractViolationException(List<Violation> violations) {
        super(message(violations));
        this.violations = List.copyOf(violations);
    }

    public List<Violation> violations() {
        return violations;
    }

    private static String message(List<Violation> violations) {
        String listed = violations.stream().limit(LISTED_IN_MESSAGE).map(Violation::toString)
                .collect(Collectors.joining("; "));
        String more = violations.size() > LISTED_IN_MESSAGE
                ? "; and " + (violations.size() - LISTED_IN_MESSAGE) + " more" : "";
        return violations.size() + " contract violation(s): " + listed + more;
    }
}
