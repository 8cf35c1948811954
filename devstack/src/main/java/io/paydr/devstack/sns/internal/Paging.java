package io.paydr.devstack.sns.internal;

import java.util.List;
import java.util.Optional;

/** NextToken paging as SNS list actions do it (100 per page); the token is the index of the next item. */
final class Paging {

    static final int PAGE_SIZE = 100;

    record Page<T>(List<T> items, String nextToken) {
    }

    private Paging() {
    }

    static <T> Page<T> page(List<T> all, Optional<String> token) {
        int from = token.map(Paging::start).orElse(0);
        if (from > all.size()) {
            throw SnsError.invalidParameter("Invalid parameter: NextToken");
        }
        int to = Math.min(all.size(), from + PAGE_SIZE);
        return new Page<>(all.subList(from, to), to < all.size() ? Integer.toString(to) : null);
    }

    private static int start(String token) {
        try {
            int start = Integer.parseInt(token);
            if (start < 0) {
                throw new NumberFormatException(token);
            }
            return start;
        } catch (NumberFormatException e) {
            throw SnsError.invalidParameter("Invalid parameter: NextToken");
        }
    }
}
