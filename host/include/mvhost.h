/*
 * What libmvhost offers beyond mv_syscalls.h, for firmware run on a PC. None of it is needed: a
 * firmware that defines its interrupt handler under the STM32U585 vector-table name (for example
 * TIM8_BRK_IRQHandler for IRQ 51) runs unchanged.
 */
#ifndef MVHOST_H
#define MVHOST_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/*
 * The stand-in for writing the NVIC vector table: the handler libmvhost calls when the implementation
 * pends irq. It takes precedence over a handler defined under the vector-table name; NULL removes it.
 * Handlers run one at a time on the implementation's interrupt thread, concurrently with the
 * firmware's main loop, as an interrupt would preempt it.
 */
void mvhost_set_irq_handler(uint32_t irq, void (*handler)(void));

/*
 * Closes every channel, network and notification centre the implementation holds and ends its
 * threads and sockets. Runs by itself at exit; call it to end a run earlier.
 */
void mvhost_shutdown(void);

/*
 * Returns the implementation to its power-on state: every handle, channel, network and notification
 * centre is gone, as after a reset of the device. libmvnative calls it between the devices of a
 * certification run; any C implementation certified that way may export it too.
 */
void mvhost_reset(void);

/*
 * The device's network link, as a test drives it: down makes mvOpenChannel answer NETWORKNOTCONNECTED
 * and notifies NETWORKSTATUSCHANGED; up restores it. Each returns -1 when the implementation behind
 * libmvhost cannot do this, else 0 (is_up: 1 when up). libmvnative uses them when an implementation
 * exports all three.
 */
int mvhost_network_down(void);
int mvhost_network_up(void);
int mvhost_network_is_up(void);

#ifdef __cplusplus
}
#endif

#endif
