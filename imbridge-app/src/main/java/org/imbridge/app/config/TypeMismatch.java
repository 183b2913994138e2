package org.imbridge.app.config;

import java.util.Collection;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;

/**
 * Says a value of the wrong kind in the admin's words ("expected a whole number, got \"lots\"")
 * instead of Jackson's ("Cannot deserialize value of type `java.lang.Integer`…").
 */
final class TypeMismatch {

    private TypeMismatch() {
    }

    /** The problem with the value at {@code e}'s path in {@code tree}, or null when {@code e} is not a mismatch. */
    static String describe(JsonMappingException e, JsonNode tree) {
        if (!(e instanceof MismatchedInputException mismatch) || mismatch.getTargetType() == null) {
            return null;
        }
        return "expected " + expected(mismatch.getTargetType()) + ", got " + got(at(tree, e));
    }

    private static String expected(Class<?> type) {
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class
                || type == Short.class || type == short.class) {
            return "a whole number";
        }
        if (type == Double.class || type == double.class || type == Float.class || type == float.class) {
            return "a number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type == String.class) {
            return "a single value (text or a number)";
        }
        if (Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "a list ([a, b], or one '- item' line each)";
        }
        if (Map.class.isAssignableFrom(type) || type.isRecord()) {
            return "a section (its keys indented below it, or {key: value})";
        }
        return "a " + type.getSimpleName();
    }

    private static String got(JsonNode value) {
        if (value == null || value.isMissingNode() || value.isNull()) {
            return "nothing";
        }
        if (value.isTextual()) {
            return "\"" + value.asText() + "\"";
        }
        if (value.isArray()) {
            return "a list";
        }
        if (value.isObject()) {
            return "a section";
        }
        return value.toString();
    }

    private static JsonNode at(JsonNode tree, JsonMappingException e) {
        JsonNode node = tree;
        List<JsonMappingException.Reference> path = e.getPath();
        for (JsonMappingException.Reference ref : path) {
            if (node == null) {
                return null;
            }
            if (ref.getFieldName() != null) {
                node = node.get(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                node = node.get(ref.getIndex());
            }
        }
        return node;
    }
}
