package com.quotaledger.cycle.second;

import com.quotaledger.cycle.first.First;

/** The other half of a deliberate cycle between two packages. */
public class Second {

    First first;
}
