/**
 * JUnit 5 support for TCK tests: {@link dev.mvmqtt.tck.junit.TargetTest} runs a test once per selected target
 * with a {@link dev.mvmqtt.tck.junit.TckTarget} parameter; {@link dev.mvmqtt.tck.junit.DeviceTest} marks a test
 * that needs no broker; {@link dev.mvmqtt.tck.junit.ReferenceRule} marks tests skipped in the {@code must}
 * profile. Both publish the report entry of {@link dev.mvmqtt.tck.TckReportKeys}
 * ({@link dev.mvmqtt.tck.junit.ReportEntries}).
 */
@API(status = INTERNAL, since = "0.1")
package dev.mvmqtt.tck.junit;

import static org.apiguardian.api.API.Status.INTERNAL;

import org.apiguardian.api.API;
