/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Per-CPU counters. One struct reflect_stats serves every level: the
 * namespace, each enabled interface and each local address.
 */
#ifndef _REFLECT_STATS_H
#define _REFLECT_STATS_H

#include <linux/types.h>

#include "uapi/reflect.h"

/*
 * What is counted: each value is its REFLECT_STATS_A_* wire type (uapi
 * reflect.h says what each means) less the first counter's, so the wire
 * type follows from the value (reflect_stat_attr()) and no list maps one
 * to the other. ENTRIES is the table's own count, not an event: its slot
 * is never counted, and the dump reports the table's count instead.
 */
#define REFLECT_STAT(name) \
	REFLECT_STAT_##name = REFLECT_STATS_A_##name - REFLECT_STATS_A_PRE_IPV4

enum reflect_stat {
	/* The hook counters come first: only the namespace has them. */
	REFLECT_STAT(PRE_IPV4),
	REFLECT_STAT(PRE_IPV6),
	REFLECT_STAT(OUT_IPV4),
	REFLECT_STAT(OUT_IPV6),
	REFLECT_STAT(LEARNED),
	REFLECT_STAT(REFRESHED),
	REFLECT_STAT(MOVED),
	REFLECT_STAT(FLAPS),
	REFLECT_STAT(HELD),
	REFLECT_STAT(SKIPPED),
	REFLECT_STAT(REFLECTED_PACKETS),
	REFLECT_STAT(REFLECTED_BYTES),
	REFLECT_STAT(MISS),
	REFLECT_STAT(FB_DISABLED),
	REFLECT_STAT(FB_STALE),
	REFLECT_STAT(FB_DEV_GONE),
	REFLECT_STAT(FB_DEV_DOWN),
	REFLECT_STAT(FB_NO_CARRIER),
	REFLECT_STAT(FB_MTU),
	REFLECT_STAT(FB_RETRANS),
	REFLECT_STAT(FB_DST_TYPE),
	REFLECT_STAT(TABLE_FULL),
	REFLECT_STAT(EVICTED),
	REFLECT_STAT(EXPIRED),
	REFLECT_STAT(ENTRIES),
	REFLECT_STAT(FB_NO_NEIGH),
	REFLECT_STAT(UNTRUSTED),
	REFLECT_STAT(FB_UNTRUSTED),
	REFLECT_STAT(FB_OUTBOUND),
	REFLECT_STAT_COUNT = __REFLECT_STATS_A_MAX - REFLECT_STATS_A_PRE_IPV4,
	/* Counts nothing: an unused slot of a delta, a reason that is none. */
	REFLECT_STAT_NONE,
};

static inline u16 reflect_stat_attr(enum reflect_stat stat)
{
	return stat + REFLECT_STATS_A_PRE_IPV4;
}

struct reflect_stats;

/*
 * What one packet (or event) adds, counted in one pass: @hook, a hook
 * counter (PRE_ or OUT_IPV4/6), goes up by one for the namespace only;
 * @stat by @n and @stat2 by @n2 at every level. REFLECT_STAT_NONE stands
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
