package dev.mvmqtt.spec.catalogue;

/**
 * A group of rules: its id is the first segment of every assertion id in it ({@code CHAN} for
 * {@code CHAN-BUF-1}).
 */
public record Group(String id, String title) {}
