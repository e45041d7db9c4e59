package com.quotaledger.policy.violation;

import org.springframework.jdbc.core.JdbcTemplate;

/** A rule that reads the database itself, as no part of the domain may. */
public class APolicyThatQueriesTheDatabase {
    JdbcTemplate jdbc;
}
