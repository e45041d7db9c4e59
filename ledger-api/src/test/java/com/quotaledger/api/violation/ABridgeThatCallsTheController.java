package com.quotaledger.api.violation;

import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/** A transport that finds the REST controller through Spring MVC's handler mappings, instead of the decision service. */
public class ABridgeThatCallsTheController {
    RequestMappingHandlerMapping handlers;
}
