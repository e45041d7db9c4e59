package com.quotaledger.api.cycle.first;

import com.quotaledger.api.cycle.second.Second;

/** Half of a deliberate cycle between two packages, which the cycle rule must report. */
public class First {
    Second second;
}
