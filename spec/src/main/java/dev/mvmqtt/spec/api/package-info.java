/** The Microvisor API as Java: {@link dev.mvmqtt.spec.api.Microvisor}, the calls of {@code mv_syscalls.h}, and {@link dev.mvmqtt.spec.api.MicrovisorProvider}, which an implementation under test provides. Stable: what an implementer codes against. */
@API(status = STABLE, since = "0.1")
package dev.mvmqtt.spec.api;

import static org.apiguardian.api.API.Status.STABLE;

import org.apiguardian.api.API;
