package com.quotaledger.api;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestInstancePostProcessor;
import org.springframework.test.context.junit.jupiter.SpringExtension;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;

/**
 * A {@link LedgerClient} for the ledger a test class started, with the administrator token: set in every
 * {@code LedgerClient} field of the test that is not set yet, and given to every test or lifecycle method that takes
 * one. It replaces the port field and the connecting method each HTTP test would otherwise repeat.
 */
public final class LedgerClients implements TestInstancePostProcessor, ParameterResolver {

    @Override
    public void postProcessTestInstance(Object test, ExtensionContext context) throws IllegalAccessException {
        for (Class<?> type = test.getClass(); type != Object.class; type = type.getSuperclass()) {
            for (Field field : type.getDeclaredFields()) {
                if (field.getType() == LedgerClient.class && !Modifier.isStatic(field.getModifiers())) {
                    field.setAccessible(true);
                    if (field.get(test) == null) {
                        field.set(test, client(context));
                    }
                }
            }
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == LedgerClient.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return client(context);
    }

    private static LedgerClient client(ExtensionContext context) {
        String port = SpringExtension.getApplicationContext(context).getEnvironment()
                .getRequiredProperty("local.server.port");
        return new LedgerClient(Integer.parseInt(port));
    }
}
