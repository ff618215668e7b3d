// SPDX-License-Identifier: GPL-2.0
/*
 * Per-CPU counters. Every CPU writes only its own copy, so the packet path
 * takes no shared lock; readers add the copies up. The same structure
 * counts for the namespace, an interface and a local address.
 */
#include <linux/bottom_half.h>
#include <linux/percpu.h>
#include <linux/string.h>
#include <linux/u64_stats_sync.h>

#include "stats.h"

/*
 * The hooks write from softirq context; before the kernel change named in
 * compat.h a 32-bit UP reader saw such writers only through the _irq()
 * fetch variants.
 */
#ifndef REFLECT_HAVE_IRQSAFE_U64_STATS_FETCH
#define u64_stats_fetch_begin u64_stats_fetch_begin_irq
#define u64_stats_fetch_retry u64_stats_fetch_retry_irq
#endif

/*
 * u64_stats_t plus a u64_stats_sync: plain 64-bit counters on 64-bit
 * kernels, and a seqcount that stops readers seeing torn values on 32-bit.
 */
struct reflect_stats {
	u64_stats_t counter[REFLECT_STAT_COUNT];
	struct u64_stats_sync syncp;
};

/*
 * @gfp: GFP_ATOMIC when a local address is first learned in softirq
 * context; the percpu allocator then serves from already populated chunks.
 */
struct reflect_stats __percpu *reflect_stats_alloc(gfp_t gfp)
{
	struct reflect_stats __percpu *stats;
	int cpu;

	stats = alloc_percpu_gfp(struct reflect_stats, gfp);
	if (!stats)
		return NULL;

	for_each_possible_cpu(cpu)
		u64_stats_init(&per_cpu_ptr(stats, cpu)->syncp);
	return stats;
}

void reflect_stats_free(struct reflect_stats __percpu *stats)
{
	free_percpu(stats);
}

/* @stat2 is REFLECT_STAT_COUNT when there is only one counter to add to. */
static void add_one(struct reflect_stats __percpu *stats,
		    enum reflect_stat stat, u64 n,
		    enum reflect_stat stat2, u64 n2)
{
	struct reflect_stats *mine = this_cpu_ptr(stats);

	u64_stats_update_begin(&mine->syncp);
	u64_stats_add(&mine->counter[stat], n);
	if (stat2 != REFLECT_STAT_COUNT)
		u64_stats_add(&mine->counter[stat2], n2);
	u64_stats_update_end(&mine->syncp);
}

static void add_levels(struct reflect_stats __percpu *global,
		       struct reflect_stats __percpu *iface,
		       struct reflect_stats __percpu *local,
		       enum reflect_stat stat, u64 n,
		       enum reflect_stat stat2, u64 n2)
{
	/*
	 * LOCAL_OUT also runs in process context with softirqs enabled, where
	 * a softirq on this CPU could interleave with the non-atomic update.
	 * Disabling BH keeps one writer per CPU at a time and pins the CPU,
	 * on PREEMPT_RT too.
	 */
	local_bh_disable();
	add_one(global, stat, n, stat2, n2);
	if (iface)
		add_one(iface, stat, n, stat2, n2);
	if (local)
		add_one(local, stat, n, stat2, n2);
	local_bh_enable();
}

/* Adds @n to @stat at each level given; @iface and @local may be NULL. */
void reflect_stats_add(struct reflect_stats __percpu *global,
		       struct reflect_stats __percpu *iface,
		       struct reflect_stats __percpu *local,
		       enum reflect_stat stat, u64 n)
{
	add_levels(global, iface, local, stat, n, REFLECT_STAT_COUNT, 0);
}

/* One reflected packet of @bytes: both of its counters, in one pass. */
void reflect_stats_add_reflected(struct reflect_stats __percpu *global,
				 struct reflect_stats __percpu *iface,
				 struct reflect_stats __percpu *local,
				 u64 bytes)
{
	add_levels(global, iface, local, REFLECT_STAT_REFLECTED_PACKETS, 1,
		   REFLECT_STAT_REFLECTED_BYTES, bytes);
}

void reflect_stats_sum(struct reflect_stats __percpu *stats,
		       u64 sum[REFLECT_STAT_COUNT])
{
	int cpu, i;

	memset(sum, 0, sizeof(u64) * REFLECT_STAT_COUNT);
	for_each_possible_cpu(cpu) {
		const struct reflect_stats *one = per_cpu_ptr(stats, cpu);
		u64 value[REFLECT_STAT_COUNT];
		unsigned int start;

		do {
			start = u64_stats_fetch_begin(&one->syncp);
			for (i = 0; i < REFLECT_STAT_COUNT; i++)
				value[i] = u64_stats_read(&one->counter[i]);
		} while (u64_stats_fetch_retry(&one->syncp, start));

		for (i = 0; i < REFLECT_STAT_COUNT; i++)
			sum[i] += value[i];
	}
}
