package io.paydr.devstack.redshift;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.io.InputStreamReader;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.TreeMap;

/**
 * How much a devstack warehouse behaves like Amazon Redshift. {@link #fast()} (the default) runs statements at
 * PostgreSQL's speed with no rate quota, so tests stay fast. {@link #redshift()} adds Redshift's costs and the Data
 * API's quotas, every figure read from {@value #RESOURCE} (each with its source there): Data API request rates per
 * operation for the whole account in one Region (ThrottlingException beyond them), the active-statement and
 * waiting-request limits, WLM slots (statements beyond them queue), a fixed cost per statement, COPY's fixed cost
 * plus a cost per decoded MB, and commits serialised per warehouse with a commit cost. A cost is a minimum: a
 * statement lasts at least its modelled time and longer when PostgreSQL needs longer, so the profile never makes
 * devstack faster. Immutable; {@link #with} derives a variant (tests lower a rate to provoke throttling).
 */
public final class WarehouseProfile {

    /** The classpath resource with the redshift profile's parameters and their sources. */
    public static final String RESOURCE = "/io/paydr/devstack/redshift/redshift-profile.properties";
    static final String RATE_PREFIX = "dataApi.rate.";

    private static final WarehouseProfile FAST = new WarehouseProfile("fast", Map.of(
            "dataApi.maxActiveStatements", 200.0,
            "dataApi.maxWaitingRequestsPerStatement", (double) RedshiftDataServer.DEFAULT_MAX_WAITING_REQUESTS),
            Map.of());

    private final String name;
    private final Map<String, Double> values;
    private final Map<String, String> sources;

    private WarehouseProfile(String name, Map<String, Double> values, Map<String, String> sources) {
        this.name = name;
        this.values = Collections.unmodifiableMap(new TreeMap<>(values));
        this.sources = Collections.unmodifiableMap(new TreeMap<>(sources));
    }

    /** PostgreSQL's speed, no quotas: the default, what tests use. */
    public static WarehouseProfile fast() {
        return FAST;
    }

    /** Redshift's costs and the Data API's quotas, from {@value #RESOURCE}. */
    public static WarehouseProfile redshift() {
        return Holder.REDSHIFT;
    }

    /** {@code fast} or {@code redshift}; anything else fails naming the two. */
    public static WarehouseProfile named(String name) {
        return switch (Objects.requireNonNull(name, "profile name")) {
            case "fast" -> fast();
            case "redshift" -> redshift();
            default -> throw new IllegalArgumentException("unknown warehouse profile '" + name
                    + "': use fast (the default) or redshift");
        };
    }

    public String name() {
        return name;
    }

    /** Whether statements cost more than PostgreSQL's time and requests are rate-limited. */
    public boolean modelsRedshift() {
        return !sources.isEmpty();
    }

    /** Every parameter by name (the properties file's order is alphabetical here). */
    public Map<String, Double> parameters() {
        return values;
    }

    /** Where each parameter's value comes from (an AWS page, a published figure, or "assumption: ..."). */
    public Map<String, String> sources() {
        return sources;
    }

    /** A copy with one parameter changed (its source says so); the name gets a {@code +}. */
    public WarehouseProfile with(String parameter, double value) {
        if (!values.containsKey(parameter)) {
            throw new IllegalArgumentException("no parameter '" + parameter + "' in profile " + name + ": "
                    + values.keySet());
        }
        Map<String, Double> changed = new LinkedHashMap<>(values);
        changed.put(parameter, value);
        Map<String, String> changedSources = new LinkedHashMap<>(sources);
        changedSources.put(parameter, "changed by the caller");
        return new WarehouseProfile(name.endsWith("+") ? name : name + "+", changed, changedSources);
    }

    /** Requests per second of a Data API operation for the account; 0 when it is not limited. */
    public double ratePerSecond(String operation) {
        return values.getOrDefault(RATE_PREFIX + operation, 0.0);
    }

    /** The operations with a rate quota. */
    public List<String> ratedOperations() {
        return values.keySet().stream().filter(k -> k.startsWith(RATE_PREFIX))
                .map(k -> k.substring(RATE_PREFIX.length())).toList();
    }

    public double burstSeconds() {
        return values.getOrDefault("dataApi.burstSeconds", 1.0);
    }

    public int maxActiveStatements() {
        return (int) Math.round(values.get("dataApi.maxActiveStatements"));
    }

    public int maxWaitingRequestsPerStatement() {
        return (int) Math.round(values.get("dataApi.maxWaitingRequestsPerStatement"));
    }

    /** Statements running at once (WLM slots); 0 means devstack's own executor size. */
    public int wlmSlots() {
        return (int) Math.round(values.getOrDefault("wlm.slots", 0.0));
    }

    public long statementFixedMillis() {
        return Math.round(values.getOrDefault("statement.fixedMillis", 0.0));
    }

    public long copyFixedMillis() {
        return Math.round(values.getOrDefault("copy.fixedMillis", 0.0));
    }

    public double copyMillisPerMb() {
        return values.getOrDefault("copy.millisPerMb", 0.0);
    }

    public long commitMillis() {
        return Math.round(values.getOrDefault("commit.millis", 0.0));
    }

    @Override
    public String toString() {
        return "WarehouseProfile[" + name + ", " + values + "]";
    }

    /** Loaded on first use, so the fast default never reads the file. */
    private static final class Holder {
        static final WarehouseProfile REDSHIFT = load();
    }

    static WarehouseProfile load() {
        Properties file = new Properties();
        try (InputStream in = WarehouseProfile.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the warehouse profile " + RESOURCE + " is missing from the classpath");
            }
            file.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
        Map<String, Double> values = new LinkedHashMap<>();
        Map<String, String> sources = new LinkedHashMap<>();
        for (String key : file.stringPropertyNames()) {
            if (key.endsWith(".source")) {
                continue;
            }
            String source = file.getProperty(key + ".source");
            if (source == null || source.isBlank()) {
                throw new IllegalStateException(RESOURCE + ": parameter " + key + " has no " + key + ".source");
            }
            try {
                values.put(key, Double.parseDouble(file.getProperty(key).trim()));
            } catch (NumberFormatException e) {
                throw new IllegalStateException(RESOURCE + ": parameter " + key + " is not a number: "
                        + file.getProperty(key), e);
            }
            sources.put(key, source.trim());
        }
        for (String key : file.stringPropertyNames()) {
            if (key.endsWith(".source") && !values.containsKey(key.substring(0, key.length() - ".source".length()))) {
                throw new IllegalStateException(RESOURCE + ": " + key + " names no parameter");
            }
        }
        return new WarehouseProfile("redshift", values, sources);
    }
}
