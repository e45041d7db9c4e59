package com.quotaledger.api.aggregates;

import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.common.annotation.AnnotationUtils;
import org.axonframework.modelling.command.AnnotationCommandTargetResolver;
import org.axonframework.modelling.command.CommandTargetResolver;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;
import org.axonframework.modelling.command.VersionedAggregateIdentifier;

import java.lang.annotation.Annotation;
import java.lang.reflect.AccessibleObject;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;

import static org.axonframework.common.ReflectionUtils.ensureAccessible;
import static org.axonframework.common.ReflectionUtils.fieldsOf;
import static org.axonframework.common.ReflectionUtils.methodsOf;

/**
 * Which aggregate a command is for, as {@link AnnotationCommandTargetResolver} finds it (the first method, else the
 * first field, annotated {@link TargetAggregateIdentifier}; likewise {@link TargetAggregateVersion}), but with the
 * annotated members looked up once per type of command. Axon's resolver looks them up for every command, which copies
 * every method and field of the command's type and reads their annotations: more work than deciding the command.
 */
final class CommandTargets implements CommandTargetResolver {

    /** The annotated members of one type of command; null where it has none. */
    private record Members(AccessibleObject identifier, AccessibleObject version) {
    }

    private final ClassValue<Members> members = new ClassValue<>() {
        @Override
        protected Members computeValue(Class<?> commandType) {
            return new Members(annotated(commandType, TargetAggregateIdentifier.class),
                    annotated(commandType, TargetAggregateVersion.class));
        }
    };

    @Override
    public VersionedAggregateIdentifier resolveTarget(CommandMessage<?> command) {
        Members of = members.get(command.getPayloadType());
        Object identifier;
        Long version;
        try {
            identifier = valueOf(of.identifier(), command.getPayload());
            Object versionValue = valueOf(of.version(), command.getPayload());
            version = versionValue == null ? null : versionValue instanceof Number number ? number.longValue()
                    : Long.parseLong(versionValue.toString());
        } catch (InvocationTargetException e) {
            throw new IllegalArgumentException("An exception occurred while extracting aggregate information form "
                    + "a command", e);
        } catch (IllegalAccessException e) {
            throw new IllegalArgumentException("The current security context does not allow extraction of aggregate "
                    + "information from the given command.", e);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("The value provided for the version is not a number.", e);
        }
        if (identifier == null) {
            throw new IllegalArgumentException(("Invalid command. It does not identify the target aggregate. Make "
                    + "sure at least one of the fields or methods in the [%s] class contains the "
                    + "@TargetAggregateIdentifier annotation and that it returns a non-null value.")
                    .formatted(command.getPayloadType().getSimpleName()));
        }
        return new VersionedAggregateIdentifier(identifier, version);
    }

    private static AccessibleObject annotated(Class<?> commandType, Class<? extends Annotation> annotation) {
        for (Method method : methodsOf(commandType)) {
            if (AnnotationUtils.isAnnotationPresent(method, annotation)) {
                return ensureAccessible(method);
            }
        }
        for (Field field : fieldsOf(commandType)) {
            if (AnnotationUtils.isAnnotationPresent(field, annotation)) {
                return ensureAccessible(field);
            }
        }
        return null;
    }

    private static Object valueOf(AccessibleObject member, Object command)
            throws InvocationTargetException, IllegalAccessException {
        if (member == null) {
            return null;
        }
        return member instanceof Method method ? method.invoke(command) : ((Field) member).get(command);
    }
}
