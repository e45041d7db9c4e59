package com.quotaledger.api.cycle.second;

import com.quotaledger.api.cycle.first.First;

/** The other half of the deliberate cycle. */
public class Second {
    First first;
}
