/*
 * The STM32U585's interrupt numbers and the names of their vector-table handlers (the CMSIS IRQn
 * names with _IRQHandler for _IRQn), which is how firmware installs a handler on the device: by
 * defining a function of that name. IRQ(number, handler name)
 */
#ifndef STM32U585_IRQ_NAMES_H
#define STM32U585_IRQ_NAMES_H

#define STM32U585_IRQS(IRQ) \
    IRQ(0, WWDG_IRQHandler) IRQ(1, PVD_PVM_IRQHandler) IRQ(2, RTC_IRQHandler) IRQ(3, RTC_S_IRQHandler) \
    IRQ(4, TAMP_IRQHandler) IRQ(5, RAMCFG_IRQHandler) IRQ(6, FLASH_IRQHandler) IRQ(7, FLASH_S_IRQHandler) \
    IRQ(8, GTZC_IRQHandler) IRQ(9, RCC_IRQHandler) IRQ(10, RCC_S_IRQHandler) IRQ(11, EXTI0_IRQHandler) \
    IRQ(12, EXTI1_IRQHandler) IRQ(13, EXTI2_IRQHandler) IRQ(14, EXTI3_IRQHandler) IRQ(15, EXTI4_IRQHandler) \
    IRQ(16, EXTI5_IRQHandler) IRQ(17, EXTI6_IRQHandler) IRQ(18, EXTI7_IRQHandler) IRQ(19, EXTI8_IRQHandler) \
    IRQ(20, EXTI9_IRQHandler) IRQ(21, EXTI10_IRQHandler) IRQ(22, EXTI11_IRQHandler) IRQ(23, EXTI12_IRQHandler) \
    IRQ(24, EXTI13_IRQHandler) IRQ(25, EXTI14_IRQHandler) IRQ(26, EXTI15_IRQHandler) IRQ(27, IWDG_IRQHandler) \
    IRQ(28, SAES_IRQHandler) IRQ(29, GPDMA1_Channel0_IRQHandler) IRQ(30, GPDMA1_Channel1_IRQHandler) \
    IRQ(31, GPDMA1_Channel2_IRQHandler) IRQ(32, GPDMA1_Channel3_IRQHandler) IRQ(33, GPDMA1_Channel4_IRQHandler) \
    IRQ(34, GPDMA1_Channel5_IRQHandler) IRQ(35, GPDMA1_Channel6_IRQHandler) IRQ(36, GPDMA1_Channel7_IRQHandler) \
    IRQ(37, ADC1_IRQHandler) IRQ(38, DAC1_IRQHandler) IRQ(39, FDCAN1_IT0_IRQHandler) IRQ(40, FDCAN1_IT1_IRQHandler) \
    IRQ(41, TIM1_BRK_IRQHandler) IRQ(42, TIM1_UP_IRQHandler) IRQ(43, TIM1_TRG_COM_IRQHandler) IRQ(44, TIM1_CC_IRQHandler) \
    IRQ(45, TIM2_IRQHandler) IRQ(46, TIM3_IRQHandler) IRQ(47, TIM4_IRQHandler) IRQ(48, TIM5_IRQHandler) \
    IRQ(49, TIM6_IRQHandler) IRQ(50, TIM7_IRQHandler) IRQ(51, TIM8_BRK_IRQHandler) IRQ(52, TIM8_UP_IRQHandler) \
    IRQ(53, TIM8_TRG_COM_IRQHandler) IRQ(54, TIM8_CC_IRQHandler) IRQ(55, I2C1_EV_IRQHandler) IRQ(56, I2C1_ER_IRQHandler) \
    IRQ(57, I2C2_EV_IRQHandler) IRQ(58, I2C2_ER_IRQHandler) IRQ(59, SPI1_IRQHandler) IRQ(60, SPI2_IRQHandler) \
    IRQ(61, USART1_IRQHandler) IRQ(62, USART2_IRQHandler) IRQ(63, USART3_IRQHandler) IRQ(64, UART4_IRQHandler) \
    IRQ(65, UART5_IRQHandler) IRQ(66, LPUART1_IRQHandler) IRQ(67, LPTIM1_IRQHandler) IRQ(68, LPTIM2_IRQHandler) \
    IRQ(69, TIM15_IRQHandler) IRQ(70, TIM16_IRQHandler) IRQ(71, TIM17_IRQHandler) IRQ(72, COMP_IRQHandler) \
    IRQ(73, OTG_FS_IRQHandler) IRQ(74, CRS_IRQHandler) IRQ(75, FMC_IRQHandler) IRQ(76, OCTOSPI1_IRQHandler) \
    IRQ(77, PWR_S3WU_IRQHandler) IRQ(78, SDMMC1_IRQHandler) IRQ(79, SDMMC2_IRQHandler) \
    IRQ(80, GPDMA1_Channel8_IRQHandler) IRQ(81, GPDMA1_Channel9_IRQHandler) IRQ(82, GPDMA1_Channel10_IRQHandler) \
    IRQ(83, GPDMA1_Channel11_IRQHandler) IRQ(84, GPDMA1_Channel12_IRQHandler) IRQ(85, GPDMA1_Channel13_IRQHandler) \
    IRQ(86, GPDMA1_Channel14_IRQHandler) IRQ(87, GPDMA1_Channel15_IRQHandler) IRQ(88, I2C3_EV_IRQHandler) \
    IRQ(89, I2C3_ER_IRQHandler) IRQ(90, SAI1_IRQHandler) IRQ(91, SAI2_IRQHandler) IRQ(92, TSC_IRQHandler) \
    IRQ(93, AES_IRQHandler) IRQ(94, RNG_IRQHandler) IRQ(95, FPU_IRQHandler) IRQ(96, HASH_IRQHandler) \
    IRQ(97, PKA_IRQHandler) IRQ(98, LPTIM3_IRQHandler) IRQ(99, SPI3_IRQHandler) IRQ(100, I2C4_ER_IRQHandler) \
    IRQ(101, I2C4_EV_IRQHandler) IRQ(102, MDF1_FLT0_IRQHandler) IRQ(103, MDF1_FLT1_IRQHandler) \
    IRQ(104, MDF1_FLT2_IRQHandler) IRQ(105, MDF1_FLT3_IRQHandler) IRQ(106, UCPD1_IRQHandler) \
    IRQ(107, ICACHE_IRQHandler) IRQ(108, OTFDEC1_IRQHandler) IRQ(109, OTFDEC2_IRQHandler) IRQ(110, LPTIM4_IRQHandler) \
    IRQ(111, DCACHE1_IRQHandler) IRQ(112, ADF1_IRQHandler) IRQ(113, ADC4_IRQHandler) \
    IRQ(114, LPDMA1_Channel0_IRQHandler) IRQ(115, LPDMA1_Channel1_IRQHandler) IRQ(116, LPDMA1_Channel2_IRQHandler) \
    IRQ(117, LPDMA1_Channel3_IRQHandler) IRQ(118, DMA2D_IRQHandler) IRQ(119, DCMI_PSSI_IRQHandler) \
    IRQ(120, OCTOSPI2_IRQHandler) IRQ(121, MDF1_FLT4_IRQHandler) IRQ(122, MDF1_FLT5_IRQHandler) \
    IRQ(123, CORDIC_IRQHandler) IRQ(124, FMAC_IRQHandler) IRQ(125, LSECSSD_IRQHandler)

#define STM32U585_IRQ_COUNT 126

#endif
