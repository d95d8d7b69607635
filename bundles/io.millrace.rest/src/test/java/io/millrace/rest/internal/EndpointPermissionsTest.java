package io.millrace.rest.internal;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The authentication filter refuses endpoints that say nothing; this finds them before a user does. */
class EndpointPermissionsTest {

    @Test
    void everyEndpointIsPublicOrNamesItsPermission() {
        List<String> silent = ApiServlet.RESOURCES.stream()
                .flatMap(resource -> Arrays.stream(resource.getDeclaredMethods()))
                .filter(EndpointPermissionsTest::isEndpoint)
                .filter(method -> !declaresAccess(method))
                .map(method -> method.getDeclaringClass().getSimpleName() + "." + method.getName())
                .toList();

        assertThat(silent).isEmpty();
    }

    @Test
    void onlyHealthAndLoginArePublic() {
        List<String> open = ApiServlet.RESOURCES.stream()
                .flatMap(resource -> Arrays.stream(resource.getDeclaredMethods()))
                .filter(EndpointPermissionsTest::isEndpoint)
                .filter(method -> method.isAnnotationPresent(Public.class)
                        || method.getDeclaringClass().isAnnotationPresent(Public.class))
                .map(method -> method.getDeclaringClass().getSimpleName() + "." + method.getName())
                .sorted()
                .toList();

        assertThat(open).containsExactly("AuthResource.login", "HealthResource.health");
    }

    private static boolean isEndpoint(Method method) {
        return method.isAnnotationPresent(GET.class)
                || method.isAnnotationPresent(POST.class)
                || method.isAnnotationPresent(PUT.class)
                || method.isAnnotationPresent(DELETE.class);
    }

    private static boolean declaresAccess(Method method) {
        Class<?> type = method.getDeclaringClass();
        return method.isAnnotationPresent(Public.class)
                || method.isAnnotationPresent(RequiresPermission.class)
                || type.isAnnotationPresent(Public.class)
                || type.isAnnotationPresent(RequiresPermission.class);
    }
}
