package com.quotaledger.cycle.first;

import com.quotaledger.cycle.second.Second;

/** One half of a deliberate cycle between two packages, for the rule that forbids cycles to be shown to see one. */
public class First {

    Second second;
}
