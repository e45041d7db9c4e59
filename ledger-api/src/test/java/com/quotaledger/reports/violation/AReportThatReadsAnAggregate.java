package com.quotaledger.reports.violation;

import com.quotaledger.person.Person;

/** A read model that reads an aggregate instead of its events, as no read model may. */
public class AReportThatReadsAnAggregate {
    Person person;
}
