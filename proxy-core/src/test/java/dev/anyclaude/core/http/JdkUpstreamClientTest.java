package dev.anyclaude.core.http;

import dev.anyclaude.api.http.UpstreamClient;

import javax.net.ssl.SSLContext;

/** The {@link UpstreamClient} contract for {@link JdkUpstreamClient}. */
class JdkUpstreamClientTest extends UpstreamClientContractTest {

    @Override
    UpstreamClient newClient() {
        return new JdkUpstreamClient();
    }

    @Override
    UpstreamClient newClient(SSLContext tls) {
        return new JdkUpstreamClient(tls);
    }
}
