package io.millrace.rest.internal;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.glassfish.jersey.servlet.spi.AsyncContextDelegate;
import org.glassfish.jersey.servlet.spi.AsyncContextDelegateProvider;

/**
 * Suspends requests with the servlet container's asynchronous support, for responses that outlive
 * their request thread such as event streams. Jersey finds its own implementation through
 * META-INF/services, which it cannot see inside OSGi; this one is bound to it directly.
 */
final class ServletAsyncDelegates implements AsyncContextDelegateProvider {
    @Override
    public AsyncContextDelegate createDelegate(HttpServletRequest request, HttpServletResponse response) {
        return new AsyncContextDelegate() {
            private volatile AsyncContext context;

            @Override
            public void suspend() {
                if (!request.isAsyncStarted()) {
                    AsyncContext started = request.startAsync(request, response);
                    started.setTimeout(0);
                    context = started;
                }
            }

            @Override
            public void complete() {
                AsyncContext started = context;
                if (started != null) {
                    started.complete();
                }
            }
        };
    }
}
