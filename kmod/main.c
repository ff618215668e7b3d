// SPDX-License-Identifier: GPL-2.0
/*
 * reflect: IP reflection for Linux storage appliances.
 *
 * Module entry and per-namespace lifetime. Namespace state is set up
 * before the netlink family appears, so no request can reach a namespace
 * whose state does not exist yet, and torn down in the reverse order.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/module.h>
#include <net/genetlink.h>

#include "hooks.h"
#include "netlink.h"
#include "reflect.h"
#include "stats.h"
#include "uapi/reflect.h"

unsigned int reflect_net_id __read_mostly;

static int __net_init netns_init(struct net *net)
{
	struct reflect_net *rn = reflect_net(net);
	int err;

	rn->stats = reflect_stats_alloc();
	if (!rn->stats)
		return -ENOMEM;

	err = reflect_hooks_register(net);
	if (err)
		goto err_free_stats;

	return 0;

err_free_stats:
	reflect_stats_free(rn->stats);
	return err;
}

/*
 * The hooks come off in pre_exit: the netns core then waits for an RCU
 * grace period before calling exit, so no hook is still running when the
 * counters it writes are freed.
 */
static void __net_exit netns_pre_exit(struct net *net)
{
	reflect_hooks_unregister(net);
}

static void __net_exit netns_exit(struct net *net)
{
	reflect_stats_free(reflect_net(net)->stats);
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

	err = register_pernet_subsys(&pernet_ops);
	if (err)
		goto err_out;

	err = reflect_netlink_register();
	if (err)
		goto err_unregister_pernet;

	pr_info("version %s loaded\n", REFLECT_VERSION);
	return 0;

err_unregister_pernet:
	unregister_pernet_subsys(&pernet_ops);
err_out:
	return err;
}

static void __exit mod_exit(void)
{
	reflect_netlink_unregister();
	unregister_pernet_subsys(&pernet_ops);
}

module_init(mod_init);
module_exit(mod_exit);

MODULE_LICENSE("GPL");
MODULE_VERSION(REFLECT_VERSION);
MODULE_DESCRIPTION("IP reflection for Linux storage appliances");
MODULE_ALIAS_GENL_FAMILY(REFLECT_GENL_NAME);
