package dev.bocata.runtime.internal.grizzly;

import java.io.IOException;
import org.glassfish.grizzly.Buffer;
import org.glassfish.grizzly.filterchain.BaseFilter;
import org.glassfish.grizzly.filterchain.FilterChainContext;
import org.glassfish.grizzly.filterchain.NextAction;

/**
 * The Grizzly filter right before the HTTP codec: once a connection is upgraded, its bytes are
 * frames, and they go straight to Tyrus (through {@link UpgradeFilter}) instead of through the
 * codec as the content of a request that never ends. So the codec's request objects can go when
 * the upgrade is done, and a read does not pass through the codec's work.
 */
final class UpgradedReads extends BaseFilter {

    @Override
    public NextAction handleRead(FilterChainContext ctx) throws IOException {
        Object message = ctx.getMessage();
        if (message instanceof Buffer bytes && UpgradeFilter.readUpgraded(ctx.getConnection(), bytes)) {
            return ctx.getStopAction();
        }
        return ctx.getInvokeAction();
    }
}
