/**
 * The settings of a TCK run ({@link dev.mvmqtt.tck.settings.TckSettings}): which implementation, which targets,
 * how brokers are provisioned, which profile, the timeout factor and the external broker; read from
 * {@code mvmqtt.*} system properties or installed by a runner.
 */
package dev.mvmqtt.tck.settings;
