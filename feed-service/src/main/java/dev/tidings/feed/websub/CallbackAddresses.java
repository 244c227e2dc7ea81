package dev.tidings.feed.websub;

import dev.tidings.feed.FeedProperties;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import org.apache.hc.client5.http.DnsResolver;
import org.springframework.security.web.util.matcher.IpAddressMatcher;
import org.springframework.stereotype.Component;

/**
 * Resolves a callback's host to the addresses the hub may connect to, refusing hosts that resolve to
 * any address inside this service's network: loopback, any-local, RFC 1918 private, CGNAT, link-local
 * (the cloud metadata service at 169.254.169.254 among them), unique-local, site-local, multicast,
 * reserved, and IPv6 forms that carry such an IPv4 address (mapped, compatible, NAT64, 6to4). Blocks
 * in {@code tidings.feed.websub.allowed-callback-networks} are let through.
 *
 * <p>It is the HTTP client's {@link DnsResolver} as well as the check at subscribe time, so the
 * address checked is the address connected to: a host that resolves to a public address when
 * subscribing and to a private one later (DNS rebinding) fails at delivery.
 */
@Component
class CallbackAddresses implements DnsResolver {

    private static final List<IpAddressMatcher> REFUSED = matchers(List.of(
            "0.0.0.0/8", "10.0.0.0/8", "100.64.0.0/10", "127.0.0.0/8", "169.254.0.0/16", "172.16.0.0/12",
            "192.0.0.0/24", "192.0.2.0/24", "192.168.0.0/16", "198.18.0.0/15", "198.51.100.0/24", "203.0.113.0/24",
            "224.0.0.0/4", "240.0.0.0/4",
            "::/128", "::1/128", "fc00::/7", "fe80::/10", "fec0::/10", "ff00::/8", "100::/64", "2001:db8::/32"));

    private final List<IpAddressMatcher> allowed;

    CallbackAddresses(FeedProperties properties) {
        this.allowed = matchers(properties.websub().allowedCallbackNetworks());
    }

    /** Thrown when a host resolves to an address the hub must not connect to. */
    static final class RefusedAddressException extends UnknownHostException {

        RefusedAddressException(String host, InetAddress address) {
            super(host + " resolves to " + address.getHostAddress()
                    + ", an address inside the hub's network (loopback, private, link-local or the like)");
        }
    }

    /** Every address of {@code host}, or an exception if it has none or any of them is refused. */
    @Override
    public InetAddress[] resolve(String host) throws UnknownHostException {
        InetAddress[] addresses = InetAddress.getAllByName(host);
        for (InetAddress address : addresses) {
            if (!mayConnectTo(address)) {
                throw new RefusedAddressException(host, address);
            }
        }
        return addresses;
    }

    @Override
    public List<InetSocketAddress> resolve(String host, int port) throws UnknownHostException {
        return Arrays.stream(resolve(host)).map(address -> new InetSocketAddress(address, port)).toList();
    }

    @Override
    public String resolveCanonicalHostname(String host) throws UnknownHostException {
        return resolve(host)[0].getCanonicalHostName();
    }

    boolean mayConnectTo(InetAddress address) {
        String literal = address.getHostAddress();
        int zone = literal.indexOf('%');
        String plain = zone < 0 ? literal : literal.substring(0, zone);
        if (allowed.stream().anyMatch(block -> block.matches(plain))) {
            return true;
        }
        if (REFUSED.stream().anyMatch(block -> block.matches(plain))) {
            return false;
        }
        InetAddress embedded = embeddedIpv4(address);
        return embedded == null || mayConnectTo(embedded);
    }

    /** The IPv4 address inside an IPv4-mapped, -compatible, NAT64 (64:ff9b::/96) or 6to4 (2002::/16) address. */
    private static InetAddress embeddedIpv4(InetAddress address) {
        if (!(address instanceof Inet6Address)) {
            return null;
        }
        byte[] bytes = address.getAddress();
        boolean zeroPrefix = allZero(bytes, 0, 10);
        boolean mapped = zeroPrefix && (bytes[10] & 0xff) == 0xff && (bytes[11] & 0xff) == 0xff;
        boolean compatible = zeroPrefix && bytes[10] == 0 && bytes[11] == 0;
        boolean nat64 = (bytes[0] & 0xff) == 0x00 && (bytes[1] & 0xff) == 0x64 && (bytes[2] & 0xff) == 0xff
                && (bytes[3] & 0xff) == 0x9b && allZero(bytes, 4, 12);
        if (mapped || compatible || nat64) {
            return ipv4(Arrays.copyOfRange(bytes, 12, 16));
        }
        if ((bytes[0] & 0xff) == 0x20 && (bytes[1] & 0xff) == 0x02) {
            return ipv4(Arrays.copyOfRange(bytes, 2, 6));
        }
        return null;
    }

    private static boolean allZero(byte[] bytes, int from, int to) {
        for (int i = from; i < to; i++) {
            if (bytes[i] != 0) {
                return false;
            }
        }
        return true;
    }

    private static Inet4Address ipv4(byte[] bytes) {
        try {
            return (Inet4Address) InetAddress.getByAddress(bytes);
        }
        catch (UnknownHostException ex) {
            throw new IllegalStateException("four bytes are always an IPv4 address", ex);
        }
    }

    private static List<IpAddressMatcher> matchers(List<String> blocks) {
        return blocks.stream().map(IpAddressMatcher::new).toList();
    }
}
