/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Per-CPU packet counters of one network namespace.
 */
#ifndef _REFLECT_STATS_H
#define _REFLECT_STATS_H

#include <linux/types.h>

/* What is counted; netlink.c maps each to its REFLECT_STATS_A_* type. */
enum reflect_stat {
	REFLECT_STAT_PRE_IPV4,
	REFLECT_STAT_PRE_IPV6,
	REFLECT_STAT_OUT_IPV4,
	REFLECT_STAT_OUT_IPV6,
	REFLECT_STAT_COUNT
};

struct reflect_stats;

struct reflect_stats __percpu *reflect_stats_alloc(void);
void reflect_stats_free(struct reflect_stats __percpu *stats);
void reflect_stats_inc(struct reflect_stats __percpu *stats,
		       enum reflect_stat stat);
void reflect_stats_sum(struct reflect_stats __percpu *stats,
		       u64 sum[REFLECT_STAT_COUNT]);

#endif /* _REFLECT_STATS_H */
