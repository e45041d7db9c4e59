package com.quotaledger.api.person;

import com.quotaledger.person.api.DailyObjects;

import java.time.Instant;
import java.time.LocalDate;

/** The public form of a person's daily allowance of full objects. */
public record DailyObjectsJson(long limit, long used, long remaining, LocalDate day, Instant resetsAt) {

    public static DailyObjectsJson of(DailyObjects objects) {
        return new DailyObjectsJson(objects.limit(), objects.used(), objects.remaining(), objects.day(),
                objects.resetsAt());
    }
}
