/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What every part of the module shares: the version it reports, the
 * configuration limits, and the state it keeps for each network namespace.
 */
#ifndef _REFLECT_MODULE_H
#define _REFLECT_MODULE_H

#include <linux/etherdevice.h>
#include <linux/mutex.h>
#include <net/net_namespace.h>
#include <net/netns/generic.h>

#include "events.h"
#include "iface.h"
#include "local.h"
#include "scope.h"
#include "stats.h"
#include "table.h"
#include "trust.h"

/* Reported by REFLECT_CMD_GET_STATUS; dkms.conf's PACKAGE_VERSION matches. */
#define REFLECT_VERSION "0.1.0"

/*
 * Limits of each setting, shared by the module parameters (main.c) and the
 * netlink policy (netlink.c) so that both accept exactly the same values.
 */
#define REFLECT_IDLE_TIMEOUT_MAX	86400		/* seconds, from 1 */
#define REFLECT_MAX_ENTRIES_MAX		16777216	/* from 1 */
/* uapi/reflect.h's REFLECT_MAX_ENTRIES_UNPRIV bounds it for user namespaces. */
#define REFLECT_RETRANS_MAX		255		/* icsk_retransmits is a u8 */
#define REFLECT_CONFIRM_PACKETS_MAX	1000		/* from 1 */
#define REFLECT_CONFIRM_MS_MAX		60000
#define REFLECT_MIN_MOVE_MS_MAX		60000
#define REFLECT_EVICT_IDLE_MAX		86400		/* seconds */
#define REFLECT_EVENT_RATE_MAX		1000000		/* per second */

/*
 * One namespace's settings (REFLECT_CONFIG_A_*, same units). Written under
 * reflect_net.config_lock with WRITE_ONCE(); the packet path reads each
 * field once with READ_ONCE() and never needs a consistent snapshot.
 */
struct reflect_config {
	u8 enabled;
	u8 mode;
	u32 idle_timeout;
	u32 max_entries;
	u32 retrans_threshold;
	u32 confirm_packets;
	u32 confirm_ms;
	u32 min_move_ms;
	u32 evict_idle;
	u32 event_rate;
	u8 learn;			/* enum reflect_learn */
	u8 outbound;
};

/* The module parameters, validated at load; each new namespace starts so. */
extern struct reflect_config reflect_defaults;

/*
 * All module state lives here, one instance per network namespace, so
 * namespaces never see each other's traffic or configuration.
 */
struct reflect_net {
	struct net *net;		/* the namespace this is part of */
	struct reflect_stats __percpu *stats;
	struct reflect_config config;
	/* Serialises SET_CONFIG and scope changes (interfaces use RTNL). */
	struct mutex config_lock;
	/* Bumped when interfaces or scopes change: dump consistency. */
	atomic_t config_gen;
	struct reflect_table table;
	struct reflect_ifaces ifaces;
	struct reflect_scopes scopes;
	struct reflect_locals locals;
	struct reflect_events events;
	struct reflect_trust trust;
	/*
	 * The memory cgroup learned entries are charged to: that of the
	 * process that enabled the namespace's first interface (a
	 * reference, dropped at namespace exit), or NULL.
	 */
	struct mem_cgroup *memcg;
};

/* Slot of struct reflect_net in each namespace, assigned by the netns core. */
extern unsigned int reflect_net_id;

static inline struct reflect_net *reflect_net(const struct net *net)
{
	return net_generic(net, reflect_net_id);
}

static inline void reflect_count_delta(struct reflect_net *rn,
				       const struct reflect_iface *iface,
				       const struct reflect_local *local,
				       const struct reflect_stats_delta *d)
{
	reflect_stats_apply(rn->stats, iface ? iface->stats : NULL,
			    local ? local->stats : NULL, d);
}

/*
 * Counts one event at every level it belongs to: the namespace, the
 * interface and the local address (either may be NULL: not known, or a
 * level the event does not have).
 */
static inline void reflect_count(struct reflect_net *rn,
				 const struct reflect_iface *iface,
				 const struct reflect_local *local,
				 enum reflect_stat stat, u64 n)
{
	struct reflect_stats_delta d = {
		.hook = REFLECT_STAT_NONE, .stat = stat, .n = n,
		.stat2 = REFLECT_STAT_NONE,
	};

	reflect_count_delta(rn, iface, local, &d);
}

/*
 * One packet through a hook, in one pass over the counters: @hook (PRE_ or
 * OUT_IPV4/6) for the namespace, and what became of the packet, @outcome,
 * at every level given (REFLECT_STAT_NONE when nothing is counted for it).
 */
static inline void reflect_count_packet(struct reflect_net *rn,
					const struct reflect_iface *iface,
					const struct reflect_local *local,
					enum reflect_stat hook,
					enum reflect_stat outcome)
{
	struct reflect_stats_delta d = {
		.hook = hook, .stat = outcome, .n = 1,
		.stat2 = REFLECT_STAT_NONE,
	};

	reflect_count_delta(rn, iface, local, &d);
}

/* One reflected packet of @bytes: @hook, REFLECTED_PACKETS and _BYTES. */
static inline void reflect_count_reflected(struct reflect_net *rn,
					   const struct reflect_iface *iface,
					   const struct reflect_local *local,
					   enum reflect_stat hook, u64 bytes)
{
	struct reflect_stats_delta d = {
		.hook = hook,
		.stat = REFLECT_STAT_REFLECTED_PACKETS, .n = 1,
		.stat2 = REFLECT_STAT_REFLECTED_BYTES, .n2 = bytes,
	};

	reflect_count_delta(rn, iface, local, &d);
}

/* Whether @e's next hop is @lladdr on @iface. */
static inline bool reflect_same_next_hop(const struct reflect_entry *e,
					 const struct reflect_iface *iface,
					 const u8 *lladdr)
{
	return e->iface == iface && ether_addr_equal(e->lladdr, lladdr);
}

/* Learning (learn.c) and reflection (xmit.c): the netfilter hooks. */
struct sk_buff;
struct nf_hook_state;
unsigned int reflect_learn_hook(void *priv, struct sk_buff *skb,
				const struct nf_hook_state *state);
unsigned int reflect_xmit_hook(void *priv, struct sk_buff *skb,
			       const struct nf_hook_state *state);

#endif /* _REFLECT_MODULE_H */
