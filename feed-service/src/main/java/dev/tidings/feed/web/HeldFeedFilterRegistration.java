package dev.tidings.feed.web;

import dev.tidings.feed.rendering.FeedRenditions;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/** Puts {@link HeldFeedFilter} first in the servlet filter chain, for {@code /feeds/*} only. */
@Configuration(proxyBeanMethods = false)
class HeldFeedFilterRegistration {

    @Bean
    FilterRegistrationBean<HeldFeedFilter> heldFeedFilter(FeedRenditions renditions, FeedResponder responder,
            MeterRegistry meters) {
        Counter served = Counter.builder("tidings.feed.served")
                .description("Feed requests answered from renditions held in memory, before Spring MVC")
                .tag("from", "memory")
                .register(meters);
        FilterRegistrationBean<HeldFeedFilter> registration = new FilterRegistrationBean<>(
                new HeldFeedFilter(renditions, responder, served));
        registration.addUrlPatterns(HeldFeedFilter.PREFIX + "*");
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }
}
