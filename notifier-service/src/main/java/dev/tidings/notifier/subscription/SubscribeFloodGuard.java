package dev.tidings.notifier.subscription;

import dev.tidings.notifier.NotifierProperties;
import dev.tidings.notifier.NotifierProperties.SubscribeLimits;
import dev.tidings.notifier.ratelimit.RateLimiter;
import dev.tidings.notifier.ratelimit.TooManyRequestsException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpMethod;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Slows down a flood of subscribe requests from one client address (the API and the form): beyond
 * {@code subscribe-limits.per-client} a request is refused with 429 before its body is even read,
 * so malformed floods count too. The client address is the connection's peer; behind a reverse
 * proxy, let Spring take it from {@code X-Forwarded-For} ({@code server.forward-headers-strategy}).
 */
@Component
class SubscribeFloodGuard implements HandlerInterceptor, WebMvcConfigurer {

    private final RateLimiter limiter;

    private final SubscribeLimits limits;

    SubscribeFloodGuard(RateLimiter limiter, NotifierProperties properties) {
        this.limiter = limiter;
        this.limits = properties.subscribeLimits();
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(this).addPathPatterns("/api/subscriptions", "/subscribe");
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        if (!HttpMethod.POST.matches(request.getMethod())) {
            return true;
        }
        RateLimiter.Admission admission = limiter.tryAcquire("client:" + request.getRemoteAddr(),
                limits.perClient(), limits.perClientPeriod());
        if (!admission.admitted()) {
            throw new TooManyRequestsException(admission.retryAfterSeconds());
        }
        return true;
    }
}
