package com.quotaledger.api.web;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The problems an endpoint answers besides those every endpoint may (a bad token, a missing role, an unreadable
 * request, an internal error): the OpenAPI description lists them under their statuses.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
public @interface Refusals {

    ProblemReason[] value();
}
