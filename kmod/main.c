// SPDX-License-Identifier: GPL-2.0
/*
 * reflect: IP reflection for Linux storage appliances.
 *
 * Module entry, parameters and per-namespace lifetime. Namespace state is
 * set up before the netlink family appears, so no request can reach a
 * namespace whose state does not exist yet, and torn down in the reverse
 * order.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/module.h>
#include <linux/netfilter.h>
#include <linux/netfilter_ipv4.h>
#include <linux/netfilter_ipv6.h>
#include <net/genetlink.h>

#include "netlink.h"
#include "reflect.h"
#include "uapi/reflect.h"

unsigned int reflect_net_id __read_mostly;

/* Defaults of every new namespace; netlink's SET_CONFIG changes one. */
static unsigned int max_entries = 65536;
module_param(max_entries, uint, 0444);
MODULE_PARM_DESC(max_entries, "Entries per namespace (1..16777216, default 65536)");

static unsigned int idle_timeout = 300;
module_param(idle_timeout, uint, 0444);
MODULE_PARM_DESC(idle_timeout, "Seconds an entry lives without traffic (1..86400, default 300)");

static unsigned int mode = REFLECT_MODE_PEER;
module_param(mode, uint, 0444);
MODULE_PARM_DESC(mode, "0: key on addresses (default), 1: on addresses, protocol and ports");

static unsigned int retrans_threshold = 3;
module_param(retrans_threshold, uint, 0444);
MODULE_PARM_DESC(retrans_threshold, "Route a TCP socket's packets from this many retransmissions on (0 never, default 3)");

static unsigned int confirm_packets = 4;
module_param(confirm_packets, uint, 0444);
MODULE_PARM_DESC(confirm_packets, "Packets a new next hop must carry before an entry moves (1..1000, default 4)");

static unsigned int confirm_ms = 200;
module_param(confirm_ms, uint, 0444);
MODULE_PARM_DESC(confirm_ms, "... over at least this many milliseconds (0..60000, default 200)");

static unsigned int min_move_ms = 500;
module_param(min_move_ms, uint, 0444);
MODULE_PARM_DESC(min_move_ms, "An entry moves at most once per this many milliseconds (0..60000, default 500)");

static unsigned int evict_idle = 30;
module_param(evict_idle, uint, 0444);
MODULE_PARM_DESC(evict_idle, "When full, entries idle this many seconds may be evicted (0..86400, default 30)");

static unsigned int event_rate = 1000;
module_param(event_rate, uint, 0444);
MODULE_PARM_DESC(event_rate, "Events announced per second and namespace at most (0 none, ..1000000, default 1000)");

static unsigned int learn = REFLECT_LEARN_TRUSTED;
module_param(learn, uint, 0444);
MODULE_PARM_DESC(learn, "0: learn only through trusted next hops (default), 1: through any MAC address, which lets a LAN host forging a quiet peer's address take its replies");

static unsigned int outbound = 1;
module_param(outbound, uint, 0444);
MODULE_PARM_DESC(outbound, "1: reflect flows this host opens too (default), 0: route them");

struct reflect_config reflect_defaults __read_mostly;

/* Same ranges as netlink.c's policy: one set of limits, in reflect.h. */
static int __init check_param(const char *name, unsigned int value,
			      unsigned int min, unsigned int max)
{
	if (value >= min && value <= max)
		return 0;
	pr_err("%s=%u is out of range %u..%u\n", name, value, min, max);
	return -EINVAL;
}

static int __init load_defaults(void)
{
	struct reflect_config *c = &reflect_defaults;

	if (check_param("max_entries", max_entries, 1,
			REFLECT_MAX_ENTRIES_MAX) ||
	    check_param("idle_timeout", idle_timeout, 1,
			REFLECT_IDLE_TIMEOUT_MAX) ||
	    check_param("mode", mode, 0, REFLECT_MODE_MAX) ||
	    check_param("retrans_threshold", retrans_threshold, 0,
			REFLECT_RETRANS_MAX) ||
	    check_param("confirm_packets", confirm_packets, 1,
			REFLECT_CONFIRM_PACKETS_MAX) ||
	    check_param("confirm_ms", confirm_ms, 0, REFLECT_CONFIRM_MS_MAX) ||
	    check_param("min_move_ms", min_move_ms, 0,
			REFLECT_MIN_MOVE_MS_MAX) ||
	    check_param("evict_idle", evict_idle, 0, REFLECT_EVICT_IDLE_MAX) ||
	    check_param("event_rate", event_rate, 0, REFLECT_EVENT_RATE_MAX) ||
	    check_param("learn", learn, 0, REFLECT_LEARN_MAX) ||
	    check_param("outbound", outbound, 0, 1))
		return -EINVAL;

	/* Enabled, but nothing is learned until an interface is added. */
	c->enabled = 1;
	c->mode = mode;
	c->idle_timeout = idle_timeout;
	c->max_entries = max_entries;
	c->retrans_threshold = retrans_threshold;
	c->confirm_packets = confirm_packets;
	c->confirm_ms = confirm_ms;
	c->min_move_ms = min_move_ms;
	c->evict_idle = evict_idle;
	c->event_rate = event_rate;
	c->learn = learn;
	c->outbound = outbound;
	return 0;
}

/*
 * LOCAL_IN: last but conntrack's confirmation, so the learning hook sees
 * only packets the host accepts for local delivery (past reverse-path
 * filtering, the INPUT firewall and security modules), reassembled, with
 * their conntrack entry attached and with the destination the socket
 * sees (after DNAT), which is the source of the replies in LOCAL_OUT.
 *
 * LOCAL_OUT: last. The xmit hook gives the packet its route through the
 * learned next hop, so it must run only after every other LOCAL_OUT hook
 * (conntrack, mangle and its rerouting, DNAT, filter, security) has had
 * its chance to drop, change or re-route the packet.
 */
static const struct nf_hook_ops hook_ops[] = {
	{
		.hook = reflect_learn_hook,
		.pf = NFPROTO_IPV4,
		.hooknum = NF_INET_LOCAL_IN,
		.priority = NF_IP_PRI_CONNTRACK_CONFIRM - 1,
	},
	{
		.hook = reflect_learn_hook,
		.pf = NFPROTO_IPV6,
		.hooknum = NF_INET_LOCAL_IN,
		.priority = NF_IP6_PRI_LAST - 1,
	},
	{
		.hook = reflect_xmit_hook,
		.pf = NFPROTO_IPV4,
		.hooknum = NF_INET_LOCAL_OUT,
		.priority = NF_IP_PRI_LAST,
	},
	{
		.hook = reflect_xmit_hook,
		.pf = NFPROTO_IPV6,
		.hooknum = NF_INET_LOCAL_OUT,
		.priority = NF_IP6_PRI_LAST,
	},
};

static int __net_init netns_init(struct net *net)
{
	struct reflect_net *rn = reflect_net(net);
	int err;

	rn->stats = reflect_stats_alloc(GFP_KERNEL_ACCOUNT);
	if (!rn->stats)
		return -ENOMEM;
	rn->net = net;
	rn->config = reflect_defaults;
	/* A namespace any user may have created starts within the ceiling. */
	if (net->user_ns != &init_user_ns)
		rn->config.max_entries = min_t(u32, rn->config.max_entries,
					       REFLECT_MAX_ENTRIES_UNPRIV);
	mutex_init(&rn->config_lock);
	atomic_set(&rn->config_gen, 1);
	reflect_table_init(rn);
	reflect_ifaces_init(&rn->ifaces);
	reflect_scopes_init(&rn->scopes);
	reflect_locals_init(&rn->locals);
	reflect_events_init(&rn->events, rn->config.event_rate);
	reflect_trust_init(rn, net);

	/* On failure nf_register_net_hooks() has already undone its work. */
	err = nf_register_net_hooks(net, hook_ops, ARRAY_SIZE(hook_ops));
	if (err)
		goto err_trust;
	return 0;

err_trust:
	reflect_trust_destroy(rn, net);
	reflect_stats_free(rn->stats);
	return err;
}

/*
 * The hooks come off in pre_exit: the netns core then waits for an RCU
 * grace period before calling exit, so no hook is still running when the
 * state it uses is freed.
 */
static void __net_exit netns_pre_exit(struct net *net)
{
	nf_unregister_net_hooks(net, hook_ops, ARRAY_SIZE(hook_ops));
}

/*
 * The table goes first: its entries point to interfaces and local
 * addresses. Objects still read by RCU callbacks are freed by those.
 */
static void __net_exit netns_exit(struct net *net)
{
	struct reflect_net *rn = reflect_net(net);

	reflect_table_destroy(rn);
	reflect_ifaces_destroy(rn);
	reflect_trust_destroy(rn, net);
	reflect_scopes_destroy(&rn->scopes);
	reflect_stats_free(rn->stats);
}

static struct pernet_operations pernet_ops = {
	.init = netns_init,
	.pre_exit = netns_pre_exit,
	.exit = netns_exit,
	.id = &reflect_net_id,
	.size = sizeof(struct reflect_net),
};

static int __init mod_init(void)
{
	int err;

	err = load_defaults();
	if (err)
		goto err_out;

	err = reflect_table_module_init();
	if (err)
		goto err_out;

	err = register_pernet_subsys(&pernet_ops);
	if (err)
		goto err_table;

	err = reflect_iface_notifier_register();
	if (err)
		goto err_unregister_pernet;

	err = reflect_netlink_register();
	if (err)
		goto err_unregister_notifier;

	pr_info("version %s loaded\n", REFLECT_VERSION);
	return 0;

err_unregister_notifier:
	reflect_iface_notifier_unregister();
err_unregister_pernet:
	unregister_pernet_subsys(&pernet_ops);
err_table:
	rcu_barrier();
	reflect_table_module_exit();
err_out:
	return err;
}

/*
 * rcu_barrier(): entries, interfaces and local addresses are freed by RCU
 * callbacks, which must all have run before their cache and their code go.
 */
static void __exit mod_exit(void)
{
	reflect_netlink_unregister();
	reflect_iface_notifier_unregister();
	unregister_pernet_subsys(&pernet_ops);
	rcu_barrier();
	reflect_table_module_exit();
}

module_init(mod_init);
module_exit(mod_exit);

MODULE_LICENSE("GPL");
MODULE_VERSION(REFLECT_VERSION);
MODULE_DESCRIPTION("IP reflection for Linux storage appliances");
MODULE_ALIAS_GENL_FAMILY(REFLECT_GENL_NAME);
