package dev.tidings.feed.websub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tidings.feed.FeedProperties;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

class CallbackAddressesTests {

    private final CallbackAddresses addresses = new CallbackAddresses(new Binder(new MapConfigurationPropertySource(
            Map.of("tidings.feed.websub.allowed-callback-networks", "127.0.0.0/8")))
            .bindOrCreate("tidings.feed", FeedProperties.class));

    @Test
    void addressesInsideTheNetworkAreRefusedInEveryForm() throws Exception {
        for (String inside : new String[] { "10.1.2.3", "172.16.0.1", "172.31.255.255", "192.168.0.1", "100.64.0.1",
                "169.254.169.254", "0.0.0.0", "224.0.0.1", "255.255.255.255", "::", "::1", "fd12:3456::1", "fe80::1",
                "ff02::1", "::ffff:10.0.0.1", "::ffff:169.254.169.254", "::10.0.0.1", "64:ff9b::a00:1",
                "2002:a00:1::1", "2002:c0a8:1::1" }) {
            assertThat(addresses.mayConnectTo(InetAddress.getByName(inside))).as(inside).isFalse();
        }
    }

    @Test
    void publicAddressesAndTheAllowListPass() throws Exception {
        for (String outside : new String[] { "93.184.215.14", "172.32.0.1", "100.128.0.1", "2606:2800:21f::1",
                "64:ff9b::5db8:d70e", "2002:5db8:d70e::1", "127.0.0.1", "127.1.2.3", "::ffff:127.0.0.1" }) {
            assertThat(addresses.mayConnectTo(InetAddress.getByName(outside))).as(outside).isTrue();
        }
    }

    @Test
    void aHostIsRefusedWhenItResolvesInsideTheNetwork() {
        assertThatThrownBy(() -> addresses.resolve("[::1]"))
                .isInstanceOf(CallbackAddresses.RefusedAddressException.class).hasMessageContaining("::1");
        assertThatThrownBy(() -> addresses.resolve("169.254.169.254"))
                .isInstanceOf(CallbackAddresses.RefusedAddressException.class);
    }

    @Test
    void anAllowedHostResolvesToTheAddressesTheClientConnectsTo() throws UnknownHostException {
        assertThat(addresses.resolve("127.0.0.1", 8080))
                .extracting(address -> address.getAddress().getHostAddress() + ":" + address.getPort())
                .containsExactly("127.0.0.1:8080");
    }
}
