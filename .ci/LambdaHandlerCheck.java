// Loads a Lambda handler the way the Java runtime does, from a built artifact, and fails on anything the runtime
// would fail on at the first invocation: the class is missing, is no RequestHandler/RequestStreamHandler, has no
// public no-argument constructor, lacks the handler method, or names types the artifact does not contain.
// Run with the source launcher and the artifact as the runtime's class path (the directory, then lib/*):
//   java -cp "$ARTIFACTS_DIR:$ARTIFACTS_DIR/lib/*" .ci/LambdaHandlerCheck.java io.paydr.ingest.handler.SqsIngestHandler::handleRequest
// It neither constructs nor invokes the handler: that needs the function's environment (docs/deploy.md).
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;

public class LambdaHandlerCheck {
    public static void main(String[] args) throws Exception {
        if (args.length != 1 || !args[0].contains("::")) {
            System.err.println("usage: LambdaHandlerCheck package.Class::method");
            System.exit(2);
        }
        String className = args[0].substring(0, args[0].indexOf("::"));
        String methodName = args[0].substring(args[0].indexOf("::") + 2);
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        Class<?> handler = Class.forName(className, false, loader);
        boolean handlerInterface = implementsByName(handler, "com.amazonaws.services.lambda.runtime.RequestHandler")
                || implementsByName(handler, "com.amazonaws.services.lambda.runtime.RequestStreamHandler");
        check(handlerInterface, className + " implements neither RequestHandler nor RequestStreamHandler");
        check(Modifier.isPublic(handler.getModifiers()) && !Modifier.isAbstract(handler.getModifiers()),
                className + " is not a public concrete class");
        check(handler.getConstructor().getParameterCount() == 0, className + " has no public no-argument constructor");
        // linking every declared member resolves the types in their signatures against the artifact
        Method[] methods = handler.getDeclaredMethods();
        handler.getDeclaredFields();
        check(Arrays.stream(handler.getMethods()).anyMatch(m -> m.getName().equals(methodName)),
                className + " has no public method " + methodName);
        String source = handler.getProtectionDomain().getCodeSource().getLocation().toString();
        System.out.println("handler " + args[0] + " loads from " + source + " (" + methods.length + " methods linked)");
    }

    private static boolean implementsByName(Class<?> type, String interfaceName) {
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            for (Class<?> i : c.getInterfaces()) {
                if (i.getName().equals(interfaceName) || implementsByName(i, interfaceName)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static void check(boolean condition, String failure) {
        if (!condition) {
            System.err.println("LambdaHandlerCheck: " + failure);
            System.exit(1);
        }
    }
}
