// SPDX-License-Identifier: GPL-2.0
/*
 * Per-CPU counters. Every CPU writes only its own copy, so the packet path
 * takes no shared lock; readers add the copies up. The same structure
 * counts for the namespace, an interface and a local address.
 */
#include <linux/bottom_half.h>
#include <linux/percpu.h>
#include <linux/preempt.h>
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

/*
 * One writer per CPU at a time. On 64-bit a u64_stats_t is a local64_t and
 * each add one local64_add, which an interrupt or softirq on this CPU cannot
 * split (u64_stats_update_begin() is empty there): staying on the CPU is
 * enough, and preempt_disable() costs far less than a local_bh_disable() and
 * local_bh_enable() pair, the largest cost of the module's own in a
 * function_graph profile of the reflected path (and a lock on PREEMPT_RT).
 * On 32-bit an update is a seqcount and two words: LOCAL_OUT also runs in
 * process context with softirqs enabled, so a softirq on this CPU must not
 * interleave with it, and BH is disabled.
 */
#if BITS_PER_LONG == 64
#define writer_begin() preempt_disable()
#define writer_end() preempt_enable()
#else
#define writer_begin() local_bh_disable()
#define writer_end() local_bh_enable()
#endif

/* Skips a counter given as REFLECT_STAT_NONE. */
static void add(struct reflect_stats *mine, enum reflect_stat stat, u64 n)
{
	if (stat != REFLECT_STAT_NONE)
		u64_stats_add(&mine->counter[stat], n);
}

static void add_one(struct reflect_stats __percpu *stats,
		    const struct reflect_stats_delta *d, bool hook)
{
	struct reflect_stats *mine = this_cpu_ptr(stats);

	u64_stats_update_begin(&mine->syncp);
	if (hook)
		add(mine, d->hook, 1);
	add(mine, d->stat, d->n);
	add(mine, d->stat2, d->n2);
	u64_stats_update_end(&mine->syncp);
}

/*
 * Adds @d in one pass: its hook counter to @global only, its other counters
 * to each level given (@iface and @local may be NULL).
 */
void reflect_stats_apply(struct reflect_stats __percpu *global,
			 struct reflect_stats __percpu *iface,
			 struct reflect_stats __percpu *local,
			 const struct reflect_stats_delta *d)
{
	writer_begin();
	add_one(global, d, true);
	if (iface)
		add_one(iface, d, false);
	if (local)
		add_one(local, d, false);
	writer_end();
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
