package io.paydr.devstack.sns.internal;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeSet;

/** The SNS actions devstack serves, by their Query protocol name. */
public final class Actions {

    private final Map<String, Action> byName = new HashMap<>();

    public Actions(Registry registry, Fanout fanout) {
        new TopicActions(registry).register(byName);
        new SubscriptionActions(registry).register(byName);
        new PublishActions(registry, fanout).register(byName);
    }

    /** Runs the named action; an action devstack does not serve is an InvalidAction error, as on AWS. */
    public void run(String name, Call call, Xml result) {
        Action action = byName.get(name);
        if (action == null) {
            throw SnsError.sender(400, "InvalidAction",
                    "Could not find operation " + name + " for version 2010-03-31 (devstack SNS serves "
                            + String.join(", ", new TreeSet<>(byName.keySet())) + ")");
        }
        action.run(call, result);
    }
}
