package dev.tidings.feed.web;

import dev.tidings.feed.FeedProperties;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.boot.tomcat.TomcatConnectorCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Gives Tomcat's connector the request threads of {@link FeedProperties.RequestThreads}: a plain
 * thread pool that queues before it grows, where Tomcat's own pool starts a thread for every
 * request in flight before it queues any.
 */
@Configuration(proxyBeanMethods = false)
class RequestThreads {

    /** Shut down after the web server stopped (graceful shutdown lets the last requests finish first). */
    @Bean(destroyMethod = "shutdown")
    ThreadPoolExecutor feedRequestThreads(FeedProperties properties) {
        FeedProperties.RequestThreads settings = properties.requestThreads();
        int core = settings.coreThreads();
        AtomicInteger count = new AtomicInteger();
        return new ThreadPoolExecutor(core, Math.max(core, settings.max()), 60, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(settings.queue()), runnable -> {
                    Thread thread = new Thread(runnable, "http-request-" + count.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
    }

    @Bean
    TomcatConnectorCustomizer requestThreadsOnConnector(ThreadPoolExecutor feedRequestThreads) {
        return connector -> connector.getProtocolHandler().setExecutor(feedRequestThreads);
    }
}
