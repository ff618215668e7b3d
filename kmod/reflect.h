/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What every part of the module shares: the version it reports and the
 * state it keeps for each network namespace.
 */
#ifndef _REFLECT_MODULE_H
#define _REFLECT_MODULE_H

#include <net/net_namespace.h>
#include <net/netns/generic.h>

/* Reported by REFLECT_CMD_GET_STATUS; dkms.conf's PACKAGE_VERSION matches. */
#define REFLECT_VERSION "0.1.0"

struct reflect_stats;

/*
 * All module state lives here, one instance per network namespace, so
 * namespaces never see each other's traffic or configuration.
 */
struct reflect_net {
	struct reflect_stats __percpu *stats;
};

/* Slot of struct reflect_net in each namespace, assigned by the netns core. */
extern unsigned int reflect_net_id;

static inline struct reflect_net *reflect_net(const struct net *net)
{
	return net_generic(net, reflect_net_id);
}

#endif /* _REFLECT_MODULE_H */
