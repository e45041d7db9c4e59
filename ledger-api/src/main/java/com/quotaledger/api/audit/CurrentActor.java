package com.quotaledger.api.audit;

import org.springframework.stereotype.Component;

/** Who is calling: the name recorded as the actor of every fact a request causes. */
@Component
public class CurrentActor {

    /** Recorded when no caller is identified. */
    public static final String ANONYMOUS = "anonymous";

    public String name() {
        return ANONYMOUS;
    }
}
