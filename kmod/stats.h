/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Per-CPU counters. One struct reflect_stats serves every level: the
 * namespace, each enabled interface and each local address.
 */
#ifndef _REFLECT_STATS_H
#define _REFLECT_STATS_H

#include <linux/types.h>

/*
 * What is counted; netlink.c maps each to its REFLECT_STATS_A_* type and
 * uapi/reflect.h says what each means. ENTRIES is not here: it is the
 * table's own count, not an event.
 */
enum reflect_stat {
	/* The hook counters come first: only the namespace has them. */
	REFLECT_STAT_PRE_IPV4,
	REFLECT_STAT_PRE_IPV6,
	REFLECT_STAT_OUT_IPV4,
	REFLECT_STAT_OUT_IPV6,
	REFLECT_STAT_LEARNED,
	REFLECT_STAT_REFRESHED,
	REFLECT_STAT_MOVED,
	REFLECT_STAT_FLAPS,
	REFLECT_STAT_HELD,
	REFLECT_STAT_SKIPPED,
	REFLECT_STAT_REFLECTED_PACKETS,
	REFLECT_STAT_REFLECTED_BYTES,
	REFLECT_STAT_MISS,
	REFLECT_STAT_FB_DISABLED,
	REFLECT_STAT_FB_STALE,
	REFLECT_STAT_FB_DEV_GONE,
	REFLECT_STAT_FB_DEV_DOWN,
	REFLECT_STAT_FB_NO_CARRIER,
	REFLECT_STAT_FB_MTU,
	REFLECT_STAT_FB_RETRANS,
	REFLECT_STAT_FB_DST_TYPE,
	REFLECT_STAT_TABLE_FULL,
	REFLECT_STAT_EVICTED,
	REFLECT_STAT_EXPIRED,
	REFLECT_STAT_COUNT
};

struct reflect_stats;

/*
 * What one packet (or event) adds, counted in one pass: @hook, a hook
 * counter (PRE_ or OUT_IPV4/6), goes up by one for the namespace only;
 * @stat by @n and @stat2 by @n2 at every level. REFLECT_STAT_COUNT stands
 * for no counter.
 */
struct reflect_stats_delta {
	enum reflect_stat hook;
	enum reflect_stat stat;
	enum reflect_stat stat2;
	u64 n;
	u64 n2;
};

struct reflect_stats __percpu *reflect_stats_alloc(gfp_t gfp);
void reflect_stats_free(struct reflect_stats __percpu *stats);
void reflect_stats_apply(struct reflect_stats __percpu *global,
			 struct reflect_stats __percpu *iface,
			 struct reflect_stats __percpu *local,
			 const struct reflect_stats_delta *d);
void reflect_stats_sum(struct reflect_stats __percpu *stats,
		       u64 sum[REFLECT_STAT_COUNT]);

#endif /* _REFLECT_STATS_H */
